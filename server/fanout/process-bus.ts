/** Called with a message another process published on a channel this process subscribed to. */
export type BusHandler = (payload: Buffer) => void;

/**
 * Messages between the server processes of one deployment (the shared mode: Redis pub/sub).
 *
 * Delivery is best effort and at most once: a message published while the bus is down is lost,
 * so every user of the bus must heal by itself after `onReconnect` (re-read what it caches,
 * exchange state vectors). A process never receives its own messages. Channels are plain names
 * (`doc:<id>`, `records`, …); the bus keeps deployments sharing one Redis apart.
 */
export interface ProcessBus {
  /** This process's id on the bus, unique per start. */
  readonly processId: string;
  /** False in the embedded mode: there are no other processes and publishing does nothing. */
  readonly shared: boolean;
  /** Sends `payload` to every other process subscribed to `channel`. Never throws: a message that cannot be sent is dropped (and counted). */
  publish(channel: string, payload: Uint8Array | string): void;
  /**
   * Calls `handler` with each message other processes publish on `channel`, from the moment the
   * returned promise resolves (the subscription is confirmed). The returned function unsubscribes
   * this handler.
   */
  subscribe(channel: string, handler: BusHandler): Promise<() => void>;
  /** Calls `listener` each time the bus is connected again after a loss (messages may have been missed meanwhile). */
  onReconnect(listener: () => void): () => void;
  /** Whether the bus is connected now (always true in the embedded mode). */
  readonly connected: boolean;
  /** Messages dropped because the bus was down, since the start. */
  readonly droppedCount: number;
  /** Disconnects. */
  close(): Promise<void>;
}

/** The bus of the embedded mode: one process, nobody to talk to. */
export class LoneProcessBus implements ProcessBus {
  readonly processId = 'lone';
  readonly shared = false;
  readonly connected = true;
  readonly droppedCount = 0;

  publish(): void {}

  async subscribe(): Promise<() => void> {
    return () => undefined;
  }

  onReconnect(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {}
}

/** Publishes `value` as JSON on `channel`. */
export function publishJson(bus: ProcessBus, channel: string, value: unknown): void {
  bus.publish(channel, JSON.stringify(value));
}

/**
 * Subscribes `handler` to the JSON messages of `channel`. A message that is not JSON, or that
 * `accept` refuses, is ignored (another version of the server may speak a different shape).
 */
export function subscribeJson<T>(bus: ProcessBus, channel: string, accept: (value: unknown) => value is T, handler: (value: T) => void): Promise<() => void> {
  return bus.subscribe(channel, (payload) => {
    let value: unknown;
    try {
      value = JSON.parse(payload.toString('utf8'));
    } catch {
      return;
    }
    if (accept(value)) handler(value);
  });
}
