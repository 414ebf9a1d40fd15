/**
 * What a shared document hears from the other server processes about itself (the shared mode).
 * Called only with messages of other processes, never with this process's own.
 */
export interface DocumentChannelListener {
  /** An update another process has stored (or a diff answering a sync request); `userId` names its editor when known. */
  update(update: Uint8Array, userId: string | null): void;
  /**
   * An awareness update of another process's connections (already stamped by that process's
   * guard), with the account of the connection that controls each client id in it.
   */
  awareness(update: Uint8Array, owners: ReadonlyMap<number, string>): void;
  /**
   * Another process asks for what it lacks: `stateVector` and `deleteDigest` describe its copy;
   * `wantsAwareness` asks for the awareness states of this process's connections too.
   */
  syncRequest(stateVector: Uint8Array, deleteDigest: string, wantsAwareness: boolean): void;
}

/** One document's channel to the other processes. Every publish is best effort and never throws. */
export interface DocumentChannel {
  /** Resolves once messages are being received (never, while the bus is down; see `DocumentFanout.connected`). */
  readonly subscribed: Promise<void>;
  /** Publishes an update this process has stored. */
  publishUpdate(update: Uint8Array, userId: string | null): void;
  /** Publishes an awareness update of this process's connections, with the account controlling each client id in it. */
  publishAwareness(update: Uint8Array, owners: ReadonlyMap<number, string>): void;
  /** Asks the peers that have the document loaded for what this copy lacks (see `DocumentChannelListener.syncRequest`). */
  publishSyncRequest(stateVector: Uint8Array, deleteDigest: string, wantsAwareness: boolean): void;
  /** Stops listening (also when the subscription is still pending). Idempotent. */
  leave(): void;
}

/**
 * The link between the collaboration core and the other server processes, injected into the
 * `DocumentRegistry` so that the core knows nothing of the transport (Redis in `server/fanout/`).
 */
export interface DocumentFanout {
  /** False when there are no other processes (the embedded mode): nothing is published nor awaited. */
  readonly shared: boolean;
  /** Whether messages can flow now; a load does not wait for a subscription while this is false. */
  readonly connected: boolean;
  /** Joins a document's channel; `listener` hears the other processes from `subscribed` on. */
  join(documentId: string, listener: DocumentChannelListener): DocumentChannel;
  /** Calls `listener` each time messages may have been lost (the link came back); returns an unsubscriber. */
  onResync(listener: () => void): () => void;
}

/** The fanout of a lone process: nobody to tell, nothing to hear. */
export const NO_FANOUT: DocumentFanout = {
  shared: false,
  connected: true,
  join: () => ({
    subscribed: Promise.resolve(),
    publishUpdate: () => undefined,
    publishAwareness: () => undefined,
    publishSyncRequest: () => undefined,
    leave: () => undefined,
  }),
  onResync: () => () => undefined,
};
