import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';

/**
 * The web client's page (`index.html` of the build in `clientDir`), read once; null while the
 * client is not built. Unknown addresses that a browser asks for get it with a 404, so the
 * client shows its own "not found" page, with the header and the way back, in the user's
 * language, instead of raw JSON.
 */
export function appPageReader(clientDir: string): () => Promise<string | null> {
  let page: Promise<string | null> | null = null;
  return () => {
    page ??= readFile(join(clientDir, 'index.html'), 'utf8').catch(() => {
      page = null; // built later: try again next time
      return null;
    });
    return page;
  };
}

/** Whether `request` is a browser asking for a page (not an API call, a socket or an asset script). */
export function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  if (path.startsWith('/api/') || path === '/api' || path.startsWith('/collab')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}
