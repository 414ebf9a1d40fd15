import type { ServerResponse } from 'node:http';
import { eventFrame, keepAlive, openEventStream } from '../http/event-stream.ts';
import type { ProcessBus } from '../fanout/process-bus.ts';
import { endStreamsSpread, StreamRelay, type RelayLogger } from '../fanout/streams-relay.ts';

/** A user's event as it travels to the other processes. */
interface RelayedUserEvent {
  event: string;
  payload: unknown;
}

/** The bus channel prefix of users' notification events (`notifications:<userId>`). */
export const NOTIFICATION_EVENTS_CHANNEL = 'notifications:';

function isRelayedUserEvent(value: unknown): value is RelayedUserEvent {
  return typeof value === 'object' && value !== null && typeof (value as { event?: unknown }).event === 'string' && 'payload' in value;
}

/**
 * Server-sent event streams per user (`GET /api/notifications/stream`): a new notification
 * and every change of the unread count reach each open tab of its user, on whichever process
 * the tab is (relayed on the bus channel `notifications:<userId>`), and nobody else. After a bus
 * outage the streams are ended (spread over a few seconds); each reconnects with the current
 * unread count.
 */
export class NotificationStreams {
  private readonly listeners = new Map<string, Set<ServerResponse>>();
  private readonly timer: NodeJS.Timeout;
  private readonly relay: StreamRelay<RelayedUserEvent>;

  constructor(bus: ProcessBus, logger: RelayLogger) {
    const responses = (): ServerResponse[] => [...this.listeners.values()].flatMap((set) => [...set]);
    this.timer = keepAlive(responses);
    // Notifications of other processes may have been lost while the bus was down: a reconnected
    // stream starts with the current unread count.
    this.relay = new StreamRelay(bus, NOTIFICATION_EVENTS_CHANNEL, isRelayedUserEvent, (userId, message) => this.deliver(userId, message), logger, () => endStreamsSpread(responses()));
  }

  /** Starts streaming to `response` (headers written here), first `initial` events, until it closes. */
  subscribe(userId: string, response: ServerResponse, initial: ReadonlyArray<[event: string, payload: unknown]>): void {
    openEventStream(response);
    for (const [event, payload] of initial) response.write(eventFrame(event, payload));
    let set = this.listeners.get(userId);
    if (!set) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(response);
    this.relay.open(userId);
    response.on('close', () => {
      set.delete(response);
      if (set.size === 0) this.listeners.delete(userId);
      this.relay.close(userId);
    });
  }

  /** Sends `event` with `payload` to every open stream of the user, here and on the other processes. */
  publish(userId: string, event: string, payload: unknown): void {
    const message = { event, payload };
    this.deliver(userId, message);
    this.relay.send(userId, message);
  }

  /** How many streams of the user are open on this process (for monitoring and tests). */
  openCount(userId: string): number {
    return this.listeners.get(userId)?.size ?? 0;
  }

  /** Ends the streams of a user on this process (account disabled, password reset). */
  disconnect(userId: string): void {
    for (const response of this.listeners.get(userId) ?? []) response.end();
  }

  /** Resolves once this process listens to the other processes for every user with an open stream. */
  listening(): Promise<void> {
    return this.relay.settled();
  }

  /** Ends every stream. */
  close(): void {
    clearInterval(this.timer);
    this.relay.dispose();
    for (const set of this.listeners.values()) for (const response of set) response.end();
    this.listeners.clear();
  }

  private deliver(userId: string, message: RelayedUserEvent): void {
    const data = eventFrame(message.event, message.payload);
    for (const response of this.listeners.get(userId) ?? []) response.write(data);
  }
}
