import { NOTIFICATION_STREAM_PATH, type AppNotification } from '../api/notification-endpoints.ts';
import { narrowShape } from '../api/shapes.ts';
import { isRecord } from '../api/narrow.ts';
import { NOTIFICATION_EVENTS, type RelayedStreamEvent } from './stream-events.ts';

/** Callbacks of the signed-in person's notification stream. */
export interface NotificationStreamHandlers {
  /** The unread count now (at once on connecting, and after notifications are read elsewhere). */
  onUnread(unread: number): void;
  /** A new notification, with the unread count after it. */
  onNotification(notification: AppNotification, unread: number): void;
}

/** The `unread` field of an event's data, or null when it is not a count. */
function unreadOf(data: unknown): number | null {
  return isRecord(data) && typeof data.unread === 'number' && Number.isInteger(data.unread) && data.unread >= 0 ? data.unread : null;
}

/** Parses an event's JSON data; null when it is not JSON. */
function json(text: unknown): unknown {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Hands one event of the stream (its name and its data as sent) to `handlers`; malformed ones are ignored. */
function dispatch(handlers: NotificationStreamHandlers, { event, data: text }: RelayedStreamEvent): void {
  const data = json(text);
  const unread = unreadOf(data);
  if (unread === null) return;
  if (event === 'unread') {
    handlers.onUnread(unread);
    return;
  }
  if (event !== 'notification' || !isRecord(data)) return;
  try {
    handlers.onNotification(narrowShape('Notification', data.notification, 'notification'), unread);
  } catch {
    // A notification of a shape this client does not know still updates the count.
    handlers.onUnread(unread);
  }
}

/** This tab's own stream: where a shared worker is not available. */
function ownStream(handlers: NotificationStreamHandlers): () => void {
  const source = new EventSource(NOTIFICATION_STREAM_PATH, { withCredentials: true });
  for (const event of NOTIFICATION_EVENTS) {
    source.addEventListener(event, (message: MessageEvent<unknown>) => dispatch(handlers, { event, data: message.data }));
  }
  return () => source.close();
}

/** The stream shared by every tab of this site, held by `notification-worker.ts`. */
function sharedStream(handlers: NotificationStreamHandlers): () => void {
  const worker = new SharedWorker(new URL('./notification-worker.ts', import.meta.url), { type: 'module', name: 'draftroom-notifications' });
  const { port } = worker;
  port.onmessage = (message: MessageEvent<unknown>) => {
    const data = message.data;
    if (isRecord(data) && typeof data.event === 'string') dispatch(handlers, { event: data.event, data: data.data });
  };
  port.start();
  const leave = (): void => port.postMessage('leave');
  // A closed tab cannot say goodbye later; the worker stops the stream when no tab is left.
  addEventListener('pagehide', leave, { once: true });
  return () => {
    removeEventListener('pagehide', leave);
    leave();
    port.close();
  };
}

/**
 * Follows `GET /api/notifications/stream` (Server-Sent Events, authenticated by the session
 * cookie). Where the browser has shared workers, every tab of the site shares one stream (over
 * plain HTTP/1.1 a browser opens at most six connections per host, and each open event stream
 * holds one); elsewhere each tab has its own. A broken stream is reopened, and then sends the
 * unread count again. Malformed events are ignored. Returns the function that stops following.
 */
export function subscribeNotifications(handlers: NotificationStreamHandlers): () => void {
  if (typeof SharedWorker !== 'function') return ownStream(handlers);
  try {
    return sharedStream(handlers);
  } catch {
    // A browser with shared workers but not module ones.
    return ownStream(handlers);
  }
}
