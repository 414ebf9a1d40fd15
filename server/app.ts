import Fastify, { type FastifyInstance } from 'fastify';
import { serializeRequest } from './http/log-serializers.ts';
import fp from 'fastify-plugin';
import { HookList } from './collab/hooks.ts';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import type { Config } from './config.ts';
import { installErrorHandlers, sendError } from './errors.ts';
import { refuseIllFormedUnicode } from './http/unicode.ts';
import { storePlugin } from './storage/plugin.ts';
import { busPlugin } from './fanout/plugin.ts';
import { accessFanoutPlugin } from './fanout/access-fanout.ts';
import { authPlugin } from './auth/plugin.ts';
import { authRoutes } from './auth/routes.ts';
import type { AdminBootstrap } from './auth/service.ts';
import { documentsPlugin } from './documents/plugin.ts';
import { organizationRoutes } from './organizations/routes.ts';
import { seedOrganizations } from './organizations/seed.ts';
import { collabPlugin, connectionLimitsFrom } from './collab/route.ts';
import { auditPlugin } from './audit/plugin.ts';
import { settingsPlugin } from './settings/plugin.ts';
import { userRoutes } from './users/routes.ts';
import { revisionsPlugin } from './revisions/plugin.ts';
import { commentsPlugin } from './comments/plugin.ts';
import { roundsPlugin } from './rounds/plugin.ts';
import { exportsPlugin } from './exports/plugin.ts';
import { notificationsPlugin } from './notifications/plugin.ts';
import fastifyHelmet from '@fastify/helmet';
import { webPlugin } from './web/plugin.ts';
import { appPageReader, wantsPage } from './web/app-page.ts';
import { importPlugin } from './import/plugin.ts';
import { healthRoutes } from './health/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** What the start did about the first `admin` account (main prints a generated password once). */
    adminBootstrap: AdminBootstrap;
  }
}

/** Trusts the `hops` proxies nearest to the server (what Fastify's numeric `trustProxy` means). */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/**
 * Builds the whole application from a configuration: storage, accounts, documents, the
 * collaboration endpoint and the web client. Does not listen; `main.ts` does, and tests call
 * `buildApp` directly. On a new data directory it seeds the organisations and creates `admin`.
 * `app.close()` closes every connection and stores every open document before the store.
 */
export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === false ? false : { level: config.logLevel, serializers: { req: serializeRequest } },
    bodyLimit: config.bodyLimitBytes,
    // No type coercion: a JSON body with a wrong type is refused, not converted. Query strings
    // and parameters are strings, so their schemas declare strings (parsed by the handler).
    ajv: { customOptions: { removeAdditional: false, allErrors: false, coerceTypes: false } },
    forceCloseConnections: true,
    // Behind a TLS proxy: client addresses from X-Forwarded-For, https from X-Forwarded-Proto
    // (so session cookies get `Secure`), the host from X-Forwarded-Host.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    // Bad percent-encoding and over-long parameters are refused before routing; answer them in our shape.
    frameworkErrors: sendError,
  });
  installErrorHandlers(app, { wants: wantsPage, read: appPageReader(config.clientDir) });
  // JSON only: without this, Fastify parses text/plain and the schema answers 400 instead of 415.
  app.removeContentTypeParser('text/plain');
  app.addHook('preValidation', refuseIllFormedUnicode);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // ProseMirror and the collaborative cursors set style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // 'self' covers the server's own ws:/wss: URLs in current browsers; no other host.
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Served over plain HTTP on a LAN as well: upgrading requests to HTTPS would break it.
        upgradeInsecureRequests: null,
      },
    },
    // Plain HTTP on a LAN must keep working; HSTS belongs to the TLS terminator.
    hsts: false,
  });
  await app.register(fastifyCookie);
  await app.register(storePlugin, { dataDir: config.dataDir, fsyncIntervalMs: config.fsyncIntervalMs, io: config.storageIo, databaseUrl: config.databaseUrl });
  // Registered right after the store so it runs after every plugin that writes to the store.
  app.addHook('onClose', async () => {
    await app.store.close();
  });
  await app.register(busPlugin, { redisUrl: config.redisUrl, databaseUrl: config.databaseUrl });
  await app.register(authPlugin, { sessionTtlMs: config.sessionTtlMs, allowedOrigins: config.allowedOrigins, loginRules: config.loginRules, redisUrl: config.redisUrl, databaseUrl: config.databaseUrl });
  await app.register(
    fp(
      async (instance: FastifyInstance) => {
        instance.decorate('documentHooks', new HookList(instance.log));
      },
      { name: 'document-hooks' },
    ),
  );
  await app.register(fastifyWebsocket, { options: { maxPayload: config.maxMessageBytes } });
  await app.register(documentsPlugin, { templatesDir: config.templatesDir, contentTouchIntervalMs: config.contentTouchIntervalMs });
  await app.register(auditPlugin);
  await app.register(settingsPlugin, { draftingBody: config.draftingBody });
  await app.register(collabPlugin, { unloadDelayMs: config.unloadDelayMs, limits: connectionLimitsFrom(config), resyncIntervalMs: config.collabResyncIntervalMs });
  await app.register(revisionsPlugin, { checkpointIdleMs: config.checkpointIdleMs, compareCacheBytes: config.compareCacheBytes });
  const now = config.now ?? Date.now;
  await app.register(notificationsPlugin, { now, mail: config.mail, publicUrl: config.publicUrl, reminderIntervalMs: config.reminderIntervalMs, retentionDays: config.notificationRetentionDays });
  await app.register(roundsPlugin, { now });
  await app.register(commentsPlugin, { dataDir: config.dataDir, draftingPlace: config.draftingPlace, now });
  await app.register(exportsPlugin, { chromiumPath: config.chromiumPath, now });
  await app.register(importPlugin);
  await app.register(accessFanoutPlugin);

  await app.register(healthRoutes, { redisUrl: config.redisUrl });
  await app.register(authRoutes, { sessionTtlMs: config.sessionTtlMs });
  await app.register(organizationRoutes);
  await app.register(userRoutes);
  await app.register(webPlugin, { clientDir: config.clientDir });

  await seedOrganizations(app.store.records, config.templatesDir);
  app.decorate('adminBootstrap', await app.auth.ensureAdmin(config.adminPassword));
  return app;
}
