import { Redis } from 'ioredis';
import type { StorageStatus } from '../storage/health.ts';
import { describe } from '../storage/postgres/database-health.ts';

/**
 * Answers whether Redis is reachable (`PING` within `timeoutMs`). Connects lazily and never
 * queues commands while disconnected, so a Redis outage answers "unreachable" at once instead
 * of hanging; the client reconnects by itself.
 */
export class RedisProbe {
  private readonly client: Redis;

  constructor(redisUrl: string, private readonly timeoutMs = 2_000) {
    this.client = new Redis(redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: timeoutMs,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    // Connection errors are reported by check(); without a listener ioredis logs each retry.
    this.client.on('error', () => undefined);
  }

  /** Pings Redis. */
  async check(): Promise<StorageStatus> {
    let timer: NodeJS.Timeout | undefined;
    try {
      if (this.client.status === 'wait') await this.client.connect();
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      await Promise.race([this.client.ping(), timeout]);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: `redis unreachable: ${describe(error)}` };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the connection. */
  close(): void {
    this.client.disconnect();
  }
}
