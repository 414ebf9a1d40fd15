import { openEventStream } from './event-stream.ts';

/** One open `…/threads/events` stream of a test user, collecting the threads it receives. */
export interface ThreadEventStream<T> {
  /** Threads received (`event: thread`), in order. */
  readonly events: T[];
  /** Payloads of the `settings` events (the page is told to reload), in order. */
  readonly settings: unknown[];
  /** Whether the server ended the stream (access withdrawn). */
  ended(): boolean;
  close(): void;
}

/**
 * Opens the live comment events of a document as the holder of `token`, the way a page does,
 * and collects every `thread` and `settings` event's payload until closed.
 */
export function listenThreadEvents<T>(baseUrl: string, documentId: string, token: string): ThreadEventStream<T> {
  const stream = openEventStream(baseUrl, `/api/documents/${documentId}/threads/events`, token);
  return {
    get events() {
      return stream.named('thread').map((received) => received.data as T);
    },
    get settings() {
      return stream.named('settings').map((received) => received.data);
    },
    ended: () => stream.ended(),
    close: () => stream.close(),
  };
}
