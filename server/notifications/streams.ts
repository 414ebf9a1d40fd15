import type { ServerResponse } from 'node:http';
import { eventFrame, keepAlive, openEventStream } from '../http/event-stream.ts';

/**
 * Server-sent event streams per user (`GET /api/notifications/stream`): a new notification
 * and every change of the unread count reach each open tab of its user, and nobody else.
 */
export class NotificationStreams {
  private readonly listeners = new Map<string, Set<ServerResponse>>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = keepAlive(() => [...this.listeners.values()].flatMap((set) => [...set]));
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
    response.on('close', () => {
      set.delete(response);
      if (set.size === 0) this.listeners.delete(userId);
    });
  }

  /** True when the user has at least one open stream (nothing to compute otherwise). */
  listening(userId: string): boolean {
    return this.listeners.has(userId);
  }

  /** Sends `event` with `payload` to every open stream of the user. */
  publish(userId: string, event: string, payload: unknown): void {
    const data = eventFrame(event, payload);
    for (const response of this.listeners.get(userId) ?? []) response.write(data);
  }

  /** Ends the streams of a user (account disabled, password reset). */
  disconnect(userId: string): void {
    for (const response of this.listeners.get(userId) ?? []) response.end();
  }

  /** Ends every stream. */
  close(): void {
    clearInterval(this.timer);
    for (const set of this.listeners.values()) for (const response of set) response.end();
    this.listeners.clear();
  }
}
