/**
 * WebSocket close codes the collaboration server uses. Stable: clients may branch on them.
 * 4000–4999 is the range RFC 6455 leaves to applications. Following y-websocket's convention,
 * 4400–4499 are final (the provider stops reconnecting: reconnecting cannot help) and
 * 4500–4599 mean "try again" (the provider reconnects by itself).
 */
export const CloseCodes = {
  /** The server is shutting down (standard "going away"). */
  GoingAway: { code: 1001, reason: 'server shutting down' },
  /** A frame could not be decoded as a y-websocket message. */
  MalformedMessage: { code: 4400, reason: 'malformed message' },
  /** The session is missing, expired or revoked. */
  Unauthenticated: { code: 4401, reason: 'unauthenticated' },
  /** The user may not open this document. */
  Forbidden: { code: 4403, reason: 'forbidden' },
  /** The document does not exist in the records. Final: only for a document that is gone. */
  DocumentNotFound: { code: 4404, reason: 'document not found' },
  /** The document exists but could not be loaded (a storage or load error); retry with backoff. */
  DocumentUnavailable: { code: 4503, reason: 'document temporarily unavailable' },
  /** The user's role or organisation changed; the client reconnects and gets the new rights. */
  PermissionsChanged: { code: 4509, reason: 'permissions changed' },
  /** A message exceeded the size limit. */
  MessageTooLarge: { code: 4413, reason: 'message too large' },
  /** The client sent far more than the server could take in; it reconnects and re-syncs. */
  RateLimited: { code: 4529, reason: 'rate limited' },
  /** The server could not store an update; the client keeps it and re-sends on reconnect. */
  StorageFailure: { code: 4500, reason: 'storage failure' },
  /** The client did not read what was sent to it and its outgoing queue overflowed; it re-syncs on reconnect. */
  SlowReader: { code: 4508, reason: 'client too slow to read' },
  /**
   * The client's updates whose dependencies never arrived went over its budget; they are dropped,
   * and on reconnect the client re-sends what the server lacks through sync step 1 / 2.
   */
  PendingUpdatesOverflow: { code: 4522, reason: 'too many updates with missing dependencies' },
  /** The client's awareness went over its budget (rate, total size, client ids or entries per message). */
  AwarenessOverBudget: { code: 4531, reason: 'awareness over budget' },
} as const;

/** One close code with its reason text. */
export type CloseCode = (typeof CloseCodes)[keyof typeof CloseCodes];
