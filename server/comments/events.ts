import type { ServerResponse } from 'node:http';
import type { UserRecord } from '../storage/records.ts';
import { eventFrame, keepAlive, openEventStream } from '../http/event-stream.ts';

/** One open event stream. */
interface Listener {
  user: UserRecord;
  response: ServerResponse;
}

/**
 * Server-sent events per document: new threads, replies and decisions reach every open page
 * without a reload. Each listener receives only what its user may see (the caller filters).
 */
export class ThreadEvents {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = keepAlive(() => [...this.listeners.values()].flatMap((set) => [...set].map((listener) => listener.response)));
  }

  /** Starts streaming to `response` (headers written here) until it closes. */
  subscribe(documentId: string, user: UserRecord, response: ServerResponse): void {
    openEventStream(response);
    const listener: Listener = { user, response };
    let set = this.listeners.get(documentId);
    if (!set) {
      set = new Set();
      this.listeners.set(documentId, set);
    }
    set.add(listener);
    response.on('close', () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(documentId);
    });
  }

  /**
   * Sends `event` to every listener of the document for whom `payloadFor` returns data.
   * `payloadFor` gets the listener's user id and decides with current records, so a person
   * whose access was withdrawn after subscribing receives nothing more.
   */
  publish(documentId: string, event: string, payloadFor: (userId: string) => unknown): void {
    for (const listener of this.listeners.get(documentId) ?? []) {
      const payload = payloadFor(listener.user.id);
      if (payload !== undefined) listener.response.write(eventFrame(event, payload));
    }
  }

  /** Ends the document's streams whose user `allowed` now refuses (after an access change). */
  prune(documentId: string, allowed: (userId: string) => boolean): void {
    for (const listener of this.listeners.get(documentId) ?? []) if (!allowed(listener.user.id)) listener.response.end();
  }

  /** Ends the streams of `userId` (every document, or one), e.g. when access or the account is withdrawn. */
  disconnect(userId: string, documentId?: string): void {
    for (const [id, set] of this.listeners) {
      if (documentId !== undefined && id !== documentId) continue;
      for (const listener of set) if (listener.user.id === userId) listener.response.end();
    }
  }

  /** Ends every stream. */
  close(): void {
    clearInterval(this.timer);
    for (const set of this.listeners.values()) for (const listener of set) listener.response.end();
    this.listeners.clear();
  }
}
