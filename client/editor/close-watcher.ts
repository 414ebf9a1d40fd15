import type { WebsocketProvider } from 'y-websocket';
import { fetchDocument } from '../api/endpoints.ts';
import { ApiError, redirectToLogin } from '../api/http.ts';
import type { MessageKey } from '../i18n/index.ts';
import { closeAction } from './connection-status.ts';

/** How often, at most, a refused reconnection asks the HTTP API for the reason. */
const ACCESS_CHECK_INTERVAL_MS = 10_000;

/** Called once when the document can no longer be shown live, with the reason to display. */
export type StopListener = (reason: MessageKey) => void;

/**
 * Reacts to the collaboration socket of `documentId` closing (see `closeAction`): a
 * revoked session goes to /login; withdrawn access or a missing document stops the
 * provider's retries and calls `onStop` with the reason ("Quyền truy cập dự thảo đã bị thu
 * hồi" / not found); changed rights reload the page; a refused upgrade (seen as 1006) asks
 * `GET /api/documents/:id`, whose 401 / 403 / 404 tells which of these applies. Other
 * closes are left to the provider's reconnection with backoff (the status indicator shows
 * "reconnecting" meanwhile): 4503 when the server could not load the document (storage
 * trouble, not a missing document) and the 45xx budget closes. Only 4404 means the document
 * does not exist.
 */
export function watchConnectionCloses(provider: WebsocketProvider, documentId: string, onStop: StopListener): void {
  let lastCheck = 0;
  let stopped = false;
  const stop = (reason: MessageKey): void => {
    if (stopped) return;
    stopped = true;
    // Deferred: the provider is still inside its close handling, which disconnect() would re-enter.
    queueMicrotask(() => provider.disconnect());
    onStop(reason);
  };
  provider.on('connection-close', (event) => {
    if (stopped) return;
    switch (closeAction(event?.code)) {
      case 'sign-in':
        redirectToLogin();
        return;
      case 'stop-forbidden':
        stop('editor.accessRevoked');
        return;
      case 'stop-not-found':
        stop('error.notFound');
        return;
      case 'reload':
        location.reload();
        return;
      case 'check-access':
        if (Date.now() - lastCheck < ACCESS_CHECK_INTERVAL_MS) return;
        lastCheck = Date.now();
        // A 401 redirects inside apiRequest; a network failure just means the server is unreachable.
        fetchDocument(documentId).catch((error: unknown) => {
          if (!(error instanceof ApiError)) return;
          if (error.status === 403) stop('editor.accessRevoked');
          else if (error.status === 404) stop('error.notFound');
        });
        return;
      case 'retry':
        return;
    }
  });
}
