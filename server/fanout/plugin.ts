import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { LoneProcessBus, type ProcessBus } from './process-bus.ts';
import { busNamespaceOf, RedisProcessBus } from './redis-bus.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Messages to the other server processes (Redis in the shared mode; nobody in the embedded mode). */
    bus: ProcessBus;
  }
}

/**
 * Decorates `app.bus`: on Redis when `redisUrl` is set (the shared mode), else a bus with no
 * peers. In the shared mode a Redis that cannot be reached does not stop the start: the bus keeps
 * reconnecting and the readiness check reports Redis until it answers.
 */
export const busPlugin = fp(
  async (app: FastifyInstance, options: { redisUrl: string | null; databaseUrl: string | null }) => {
    let bus: ProcessBus;
    if (options.redisUrl && options.databaseUrl) {
      const redis = new RedisProcessBus(options.redisUrl, busNamespaceOf(options.databaseUrl), app.log);
      if (!(await redis.connect())) app.log.warn({}, 'Redis cannot be reached; retrying in the background');
      bus = redis;
    } else {
      bus = new LoneProcessBus();
    }
    app.decorate('bus', bus);
    app.addHook('onClose', async () => bus.close());
  },
  { name: 'bus' },
);
