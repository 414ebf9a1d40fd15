import type { ServerResponse } from 'node:http';
import { publishJson, subscribeJson, type ProcessBus } from './process-bus.ts';

/** How the relay reports a subscription that failed (it is retried by the next stream that opens). */
export interface RelayLogger {
  warn(details: object, message: string): void;
}

/** A subscription of this process to one key's channel, shared by the key's local streams. */
interface Watch {
  streams: number;
  unsubscribe: Promise<(() => void) | null>;
}

/**
 * Carries the events of server-sent event streams between processes, per key (a document id, a
 * user id). A process is subscribed to `<prefix><key>` exactly while it holds at least one open
 * stream for the key, so a process hears only the events somebody on it is waiting for. Messages
 * heard from the bus go to `deliver` and are never sent on again (a process never receives its
 * own messages, and delivering does not publish). In the embedded mode nothing is sent or heard.
 *
 * The subscription is confirmed asynchronously (and waits while Redis is down): a stream is
 * opened at once, and events other processes send before the subscription is confirmed are
 * missed, like those sent during an outage. Streams are live notices, not the record: a page
 * reads the state itself when it opens and after its stream reconnects. So when the bus comes
 * back after an outage, `missed` is called: the owner ends its streams (`endStreamsSpread`) and
 * the pages reconnect and read again.
 */
export class StreamRelay<T> {
  private readonly watches = new Map<string, Watch>();
  private readonly stopHealing: () => void;

  constructor(
    private readonly bus: ProcessBus,
    private readonly prefix: string,
    private readonly accept: (value: unknown) => value is T,
    private readonly deliver: (key: string, message: T) => void,
    private readonly logger: RelayLogger,
    missed: () => void = () => undefined,
  ) {
    this.stopHealing = bus.onReconnect(missed);
  }

  /** A local stream for `key` opened: subscribes to the key's channel if it is the first. */
  open(key: string): void {
    if (!this.bus.shared) return;
    const watch = this.watches.get(key);
    if (watch) {
      watch.streams += 1;
      return;
    }
    const unsubscribe = subscribeJson(this.bus, this.prefix + key, this.accept, (message) => this.deliver(key, message)).catch((error: unknown) => {
      this.logger.warn({ err: error, channel: this.prefix + key }, 'could not subscribe to live events of other processes');
      return null;
    });
    this.watches.set(key, { streams: 1, unsubscribe });
  }

  /** A local stream for `key` closed: unsubscribes once the key's last stream is gone. */
  close(key: string): void {
    const watch = this.watches.get(key);
    if (!watch) return;
    watch.streams -= 1;
    if (watch.streams > 0) return;
    this.watches.delete(key);
    void watch.unsubscribe.then((unsubscribe) => unsubscribe?.());
  }

  /** Sends `message` for `key` to the other processes (those with a stream open for it). */
  send(key: string, message: T): void {
    if (this.bus.shared) publishJson(this.bus, this.prefix + key, message);
  }

  /** Stops calling `missed` (the owner is closing). */
  dispose(): void {
    this.stopHealing();
  }

  /** Resolves once every subscription asked for so far is confirmed (or failed); for tests and shutdown. */
  async settled(): Promise<void> {
    await Promise.all([...this.watches.values()].map((watch) => watch.unsubscribe));
  }
}

/**
 * Ends `responses` (event streams) at random moments over `spreadMs`, so that the pages of a
 * whole deployment do not all reconnect and read again in the same instant.
 */
export function endStreamsSpread(responses: Iterable<ServerResponse>, spreadMs = 5_000): void {
  for (const response of responses) {
    const timer = setTimeout(() => response.end(), Math.random() * spreadMs);
    timer.unref();
  }
}
