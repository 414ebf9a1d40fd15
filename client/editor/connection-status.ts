/**
 * The connection indicator's state, as a pure function of what the provider and the
 * browser report. The English keys are a public hook (`data-status`) for tests and CSS.
 */

/** `online`: connected and synced; `reconnecting`: connecting or syncing; `offline`: no connection. */
export type ConnectionStatus = 'online' | 'reconnecting' | 'offline';

/** What the status is computed from. */
export interface ConnectionFacts {
  /** `navigator.onLine`. */
  browserOnline: boolean;
  /** The provider's last reported status. */
  provider: 'connected' | 'connecting' | 'disconnected';
  /** True once the provider finished the initial sync of the current connection. */
  synced: boolean;
  /**
   * True while the provider waits out its backoff after a close it will retry (4503 storage
   * trouble, 4508, 4522, 4529, 4531, …): shown as reconnecting, not offline.
   */
  retryScheduled?: boolean;
}

/** Computes the indicator state: offline wins, then connected-and-synced is online. */
export function connectionStatus(facts: ConnectionFacts): ConnectionStatus {
  if (!facts.browserOnline) return 'offline';
  if (facts.provider === 'disconnected') return facts.retryScheduled ? 'reconnecting' : 'offline';
  if (facts.provider === 'connected' && facts.synced) return 'online';
  return 'reconnecting';
}

/** What to do after the collaboration socket closed. */
export type CloseAction = 'sign-in' | 'check-access' | 'stop-forbidden' | 'stop-not-found' | 'reload' | 'retry';

/**
 * Maps a WebSocket close code to a reaction. 4401 (session revoked, account disabled)
 * means "sign in again"; 1006 (abnormal: also what a browser reports when the upgrade was
 * refused with 401 or 403) means "ask the HTTP API why"; 4403 (access withdrawn) and 4404
 * are final, retrying cannot help; 4509 (role or organisation changed) needs a fresh page
 * so the UI matches the new rights (the provider would reconnect by itself, 4500–4599 being
 * retryable, but with the old UI); anything else is retried by the provider's backoff: 4503
 * (the document could not be loaded: storage trouble), 4500, 4508, 4522, 4529, 4531 (a
 * per-connection budget overflowed; the client re-syncs).
 */
export function closeAction(code: number | undefined): CloseAction {
  switch (code) {
    case 4401:
      return 'sign-in';
    case 1006:
    case undefined:
      return 'check-access';
    case 4403:
      return 'stop-forbidden';
    case 4404:
      return 'stop-not-found';
    case 4509:
      return 'reload';
    default:
      return 'retry';
  }
}

/**
 * True when the provider will reconnect by itself after a close with `code`: everything but
 * y-websocket's final range 4400–4499 (a close without a code, 1006, is retried too).
 */
export function providerRetriesAfter(code: number | undefined): boolean {
  return code === undefined || code < 4400 || code >= 4500;
}
