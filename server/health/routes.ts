import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { RedisProbe } from './redis-probe.ts';

const CheckSchema = Type.Object({ ok: Type.Boolean(), reason: Type.Optional(Type.String()) }, { additionalProperties: false });

/** The readiness answer: whether this process can serve, and what each server it needs says. */
export const ReadinessSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
    /** `embedded` (files in DATA_DIR) or `shared` (PostgreSQL + Redis). */
    mode: Type.Union([Type.Literal('embedded'), Type.Literal('shared')]),
    /** The store: the data folder can be written, or PostgreSQL answers. */
    storage: CheckSchema,
    /** Redis answers; null in the embedded mode, which has none. */
    redis: Type.Union([CheckSchema, Type.Null()]),
  },
  { additionalProperties: false },
);

/** A readiness answer. */
export type Readiness = Static<typeof ReadinessSchema>;

/**
 * `GET /api/health` (public, stable: `{"status":"ok"}`, or 503 with the storage's reason) and
 * `GET /api/health/ready` (for load balancers and orchestrators: 200 when the store and, in the
 * shared mode, Redis answer; 503 otherwise, saying which did not).
 */
export async function healthRoutes(app: FastifyInstance, options: { redisUrl: string | null }): Promise<void> {
  const redis = options.redisUrl === null ? null : new RedisProbe(options.redisUrl);
  if (redis) app.addHook('onClose', async () => redis.close());

  app.get(
    '/api/health',
    {
      schema: {
        response: {
          200: Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false }),
          503: Type.Object({ status: Type.Literal('unavailable'), reason: Type.String() }, { additionalProperties: false }),
        },
      },
    },
    // 503 while storage cannot write (the reason says why); ok again once a write or probe succeeds.
    async (_request, reply) => {
      const storage = await app.store.health();
      if (storage.ok) return { status: 'ok' as const };
      return reply.status(503).send({ status: 'unavailable' as const, reason: storage.reason });
    },
  );

  app.get(
    '/api/health/ready',
    { schema: { response: { 200: ReadinessSchema, 503: ReadinessSchema } } },
    async (_request, reply) => {
      const [storage, redisStatus] = await Promise.all([app.store.health(), redis ? redis.check() : Promise.resolve(null)]);
      const ready = storage.ok && (redisStatus === null || redisStatus.ok);
      const answer: Readiness = { status: ready ? 'ready' : 'unavailable', mode: redis ? 'shared' : 'embedded', storage, redis: redisStatus };
      return reply.status(ready ? 200 : 503).send(answer);
    },
  );
}
