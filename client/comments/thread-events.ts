import type { PublicThread } from '../api/comment-records.ts';
import { threadEventsUrl } from '../api/comment-endpoints.ts';
import { parseThreadEvent } from './merge-threads.ts';

/** Callbacks of a live thread subscription. */
export interface ThreadEventHandlers {
  /** A thread was created, replied to or decided (only threads the user may see arrive). */
  onThread(thread: PublicThread): void;
  /** The stream is open again after a break: events may have been missed, reload the list. */
  onReconnect(): void;
  /** The secretariat changed who sees which threads: reload the list. */
  onSettingsChanged(): void;
}

/**
 * Follows a document's thread events (`GET …/threads/events`, Server-Sent Events; the
 * same-origin session cookie authenticates it). The browser reconnects by itself after a
 * break; `onReconnect` then fires once the stream is back. Malformed events are ignored.
 * Returns the function that closes the stream.
 */
export function subscribeThreadEvents(documentId: string, handlers: ThreadEventHandlers): () => void {
  const source = new EventSource(threadEventsUrl(documentId), { withCredentials: true });
  let broken = false;
  source.addEventListener('thread', (event: MessageEvent<unknown>) => {
    if (typeof event.data !== 'string') return;
    const thread = parseThreadEvent(event.data);
    if (thread !== null) handlers.onThread(thread);
  });
  source.addEventListener('settings', () => handlers.onSettingsChanged());
  source.addEventListener('error', () => {
    broken = true;
  });
  source.addEventListener('open', () => {
    if (!broken) return;
    broken = false;
    handlers.onReconnect();
  });
  return () => source.close();
}
