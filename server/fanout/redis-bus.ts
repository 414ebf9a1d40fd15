import { createHash, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { BusHandler, ProcessBus } from './process-bus.ts';

/** How a bus reports what it cannot do (a dropped message is not an error of the caller). */
export interface BusLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/** Reconnect quickly after a Redis restart: state vectors heal what was missed meanwhile. */
const retryStrategy = (attempt: number): number => Math.min(50 * attempt, 1_000);

/**
 * The namespace of a deployment on a Redis: processes on the same database share it, so two
 * deployments (or two test schemas) on one Redis never hear each other.
 */
export function busNamespaceOf(databaseUrl: string): string {
  return createHash('sha256').update(databaseUrl).digest('hex').slice(0, 12);
}

/**
 * The process bus on Redis pub/sub: one connection publishes, one subscribes. Each message
 * carries the sender's process id (a length byte, the id, the payload) so a process ignores its
 * own. Publishing never queues while Redis is down (the message is dropped and counted), so an
 * outage cannot grow memory; subscriptions are restored by ioredis on reconnect, after which
 * `onReconnect` listeners run.
 */
export class RedisProcessBus implements ProcessBus {
  readonly processId = randomBytes(8).toString('hex');
  readonly shared = true;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  /** Per channel, its handlers and the confirmation of its Redis subscription (shared by concurrent subscribers). */
  private readonly channels = new Map<string, { handlers: Set<BusHandler>; confirmed: Promise<void> }>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly header: Buffer;
  private dropped = 0;
  private lostConnection = false;
  private closed = false;

  constructor(redisUrl: string, namespace: string, private readonly logger: BusLogger) {
    this.prefix = `draftroom:${namespace}:`;
    this.header = Buffer.concat([Buffer.from([this.processId.length]), Buffer.from(this.processId, 'latin1')]);
    // Named so an operator (or a test) can tell the connections apart in `CLIENT LIST`.
    this.publisher = new Redis(redisUrl, { connectionName: `draftroom-${this.processId}-pub`, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy, lazyConnect: true });
    this.subscriber = new Redis(redisUrl, { connectionName: `draftroom-${this.processId}-sub`, retryStrategy, lazyConnect: true, maxRetriesPerRequest: null });
    for (const client of [this.publisher, this.subscriber]) client.on('error', () => undefined);
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.deliver(channel.toString('utf8'), message));
    this.subscriber.on('close', () => {
      if (this.closed || this.lostConnection) return;
      this.lostConnection = true;
      this.logger.warn({}, 'lost the connection to Redis; reconnecting');
    });
    this.subscriber.on('ready', () => {
      if (!this.lostConnection) return;
      this.lostConnection = false;
      this.logger.info({}, 'connected to Redis again');
      for (const listener of this.reconnectListeners) listener();
    });
  }

  /**
   * Starts connecting. Resolves once both connections are ready, or at once (false) when Redis
   * cannot be reached now: the bus keeps retrying by itself, and a process may start and serve
   * (unready, see `/api/health/ready`) while Redis is down.
   */
  async connect(): Promise<boolean> {
    const results = await Promise.allSettled([this.publisher.connect(), this.subscriber.connect()]);
    return results.every((result) => result.status === 'fulfilled');
  }

  get connected(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  get droppedCount(): number {
    return this.dropped;
  }

  publish(channel: string, payload: Uint8Array | string): void {
    if (this.closed) return;
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    if (this.publisher.status !== 'ready') {
      this.dropped += 1;
      return;
    }
    this.publisher.publish(this.prefix + channel, Buffer.concat([this.header, body])).catch(() => {
      this.dropped += 1;
    });
  }

  async subscribe(channel: string, handler: BusHandler): Promise<() => void> {
    let entry = this.channels.get(channel);
    if (!entry) {
      const handlers = new Set<BusHandler>();
      const confirmed = this.subscriber.subscribe(this.prefix + channel).then(() => undefined);
      entry = { handlers, confirmed };
      this.channels.set(channel, entry);
      const created = entry;
      // A failed subscription is forgotten, so the next subscriber to the channel tries again.
      confirmed.catch(() => {
        if (this.channels.get(channel) === created) this.channels.delete(channel);
      });
    }
    await entry.confirmed;
    entry.handlers.add(handler);
    const subscribed = entry;
    return () => {
      if (!subscribed.handlers.delete(handler) || subscribed.handlers.size > 0 || this.channels.get(channel) !== subscribed) return;
      this.channels.delete(channel);
      if (!this.closed) this.subscriber.unsubscribe(this.prefix + channel).catch(() => undefined);
    };
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  private deliver(fullChannel: string, message: Buffer): void {
    if (!fullChannel.startsWith(this.prefix) || message.length < 1) return;
    const idLength = message[0] ?? 0;
    if (message.length < 1 + idLength) return;
    if (message.subarray(1, 1 + idLength).toString('latin1') === this.processId) return;
    const handlers = this.channels.get(fullChannel.slice(this.prefix.length))?.handlers;
    if (!handlers) return;
    const payload = message.subarray(1 + idLength);
    for (const handler of [...handlers]) {
      try {
        handler(payload);
      } catch (error) {
        this.logger.warn({ err: error, channel: fullChannel }, 'a bus message handler failed');
      }
    }
  }
}
