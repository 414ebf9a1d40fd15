import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const clientRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * Builds the web app from `client/` into `dist/client` (served statically by the server,
 * which answers `/`, `/login`, `/account`, `/admin`, `/documents/:id`,
 * `/documents/:id/audit`, `/documents/:id/revisions`, `/documents/:id/revisions/:revisionId`,
 * `/documents/:id/compare`, `/documents/:id/rounds` and `/documents/:id/rounds/:roundId` with `index.html`).
 * `npm run build:client` uses this file. In development, `/api` and `/collab` are proxied
 * to a server on DRAFTROOM_API (default http://127.0.0.1:3000).
 */
export default defineConfig({
  root: clientRoot,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': process.env.DRAFTROOM_API ?? 'http://127.0.0.1:3000',
      '/collab': { target: process.env.DRAFTROOM_API ?? 'http://127.0.0.1:3000', ws: true },
    },
  },
});
