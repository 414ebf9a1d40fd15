import { NOTIFICATION_STREAM_PATH } from '../api/notification-endpoints.ts';
import { NOTIFICATION_EVENTS, type RelayedStreamEvent } from './stream-events.ts';

// A shared worker: one notification stream for every tab of the site. Each tab connects a port;
// the worker passes every event to every port, gives a new tab the last unread count at once,
// reopens the stream when the browser gave up on it (the session came back, the server
// restarted), and closes it when the last tab leaves.

/** How long to wait before reopening a stream the browser closed, growing to the maximum. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/** The part of SharedWorkerGlobalScope used here (the DOM library types this file's `self` as a window). */
const scope = self as unknown as { onconnect: ((event: MessageEvent) => void) | null };

const ports = new Set<MessagePort>();
let source: EventSource | null = null;
let lastUnread: RelayedStreamEvent | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryMs = RETRY_FIRST_MS;

function relay(message: RelayedStreamEvent): void {
  if (message.event === 'unread' || message.event === 'notification') lastUnread = { event: 'unread', data: message.data };
  for (const port of ports) port.postMessage(message);
}

function open(): void {
  const stream = new EventSource(NOTIFICATION_STREAM_PATH, { withCredentials: true });
  source = stream;
  stream.onopen = () => {
    retryMs = RETRY_FIRST_MS;
  };
  for (const event of NOTIFICATION_EVENTS) stream.addEventListener(event, (message: MessageEvent<unknown>) => relay({ event, data: message.data }));
  stream.onerror = () => {
    // The browser retries a broken stream by itself; it gives up (CLOSED) on an answer that is
    // not a stream, such as 401 after the session ended: try again later, a sign-in may follow.
    if (stream.readyState !== EventSource.CLOSED || source !== stream) return;
    source = null;
    if (ports.size > 0 && retryTimer === null) {
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (ports.size > 0 && source === null) open();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    }
  };
}

function leave(port: MessagePort): void {
  ports.delete(port);
  if (ports.size > 0) return;
  source?.close();
  source = null;
  lastUnread = null;
  if (retryTimer !== null) clearTimeout(retryTimer);
  retryTimer = null;
}

scope.onconnect = (event: MessageEvent) => {
  const port = event.ports[0];
  if (!port) return;
  ports.add(port);
  port.onmessage = (message: MessageEvent<unknown>) => {
    if (message.data === 'leave') leave(port);
  };
  port.start();
  if (source === null && retryTimer === null) open();
  else if (lastUnread !== null) port.postMessage(lastUnread);
};
