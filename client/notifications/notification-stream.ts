import { NOTIFICATION_STREAM_PATH, type AppNotification } from '../api/notification-endpoints.ts';
import { narrowShape } from '../api/shapes.ts';
import { isRecord } from '../api/narrow.ts';

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
function json(event: MessageEvent<unknown>): unknown {
  if (typeof event.data !== 'string') return null;
  try {
    return JSON.parse(event.data) as unknown;
  } catch {
    return null;
  }
}

/**
 * Follows `GET /api/notifications/stream` (Server-Sent Events, authenticated by the session
 * cookie). The browser reconnects by itself after a break, and the server then sends the unread
 * count again. Malformed events are ignored. Returns the function that closes the stream.
 */
export function subscribeNotifications(handlers: NotificationStreamHandlers): () => void {
  const source = new EventSource(NOTIFICATION_STREAM_PATH, { withCredentials: true });
  source.addEventListener('unread', (event: MessageEvent<unknown>) => {
    const unread = unreadOf(json(event));
    if (unread !== null) handlers.onUnread(unread);
  });
  source.addEventListener('notification', (event: MessageEvent<unknown>) => {
    const data = json(event);
    const unread = unreadOf(data);
    if (unread === null || !isRecord(data)) return;
    try {
      handlers.onNotification(narrowShape('Notification', data.notification, 'notification'), unread);
    } catch {
      // A notification of a shape this client does not know still updates the count.
      handlers.onUnread(unread);
    }
  });
  return () => source.close();
}
