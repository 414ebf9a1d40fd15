import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { CollabLogger } from './logger.ts';
import type { DocumentChannel, DocumentChannelListener, DocumentFanout } from './fanout.ts';
import { REMOTE_AWARENESS_ORIGIN } from './origins.ts';
import { deleteDigest, hasStructsBeyond, lacksStructsOf } from './state-summary.ts';
import { decodeAwarenessEntries, encodeAwarenessEntries } from './awareness-entries.ts';

/**
 * How long a load waits for its channel subscription while the bus is connected. Past it the
 * load goes on, and the document asks its peers for what it lacks once the subscription is made.
 */
const JOIN_WAIT_MS = 2_000;

/** Least time between two sync requests a document sends because a peer's request showed it lacks edits. */
const COUNTER_REQUEST_INTERVAL_MS = 1_000;

/** What the link needs of its shared document. */
export interface LinkedDocument {
  readonly id: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** False once the document is being unloaded: messages are then ignored. */
  isOpen(): boolean;
  /** Resolves at a moment when every update applied so far has been stored. */
  settled(): Promise<void>;
  /** Applies an update another process stored. */
  applyRemoteUpdate(update: Uint8Array, userId: string | null): void;
  /** The awareness client ids this process's connections control (with a state), with each one's account. */
  localAwarenessOwners(): Map<number, string>;
  /** The accounts of this process's connections that control `clientId`. */
  localOwnersOf(clientId: number): string[];
}

/**
 * A shared document's link to the other server processes that have it loaded (the shared mode;
 * in the embedded mode every call does nothing). It publishes the document's stored updates and
 * its connections' awareness, applies what the peers publish, answers their sync requests, and
 * knows which awareness client ids other processes' connections control, and for which account.
 */
export class ProcessLink {
  private readonly channel: DocumentChannel;
  /** Messages received while the stored content is being read; applied after it (null once loaded). */
  private inbox: Array<() => void> | null = [];
  private readonly subscribed: Promise<boolean>;
  /** Client ids controlled by connections of other processes, with the account of each. */
  private readonly remoteOwners = new Map<number, string>();
  /** The owners named by the remote awareness update being applied (read by `noteAwarenessChanges`). */
  private applyingOwners: ReadonlyMap<number, string> | null = null;
  private lastCounterRequest = -Infinity;

  /** Joins the document's channel at once: call before reading the stored content. */
  constructor(
    private readonly fanout: DocumentFanout,
    private readonly document: LinkedDocument,
    private readonly logger: CollabLogger,
  ) {
    this.channel = fanout.join(document.id, this.listener());
    this.subscribed = this.channel.subscribed.then(
      () => true,
      () => false,
    );
  }

  /**
   * Waits (at most JOIN_WAIT_MS, and not at all while the bus is down) until messages are being
   * received. Returns whether they are: if not, `finishLoad` asks the peers once they are.
   */
  async joined(): Promise<boolean> {
    if (!this.fanout.shared) return true;
    if (!this.fanout.connected) return false;
    return Promise.race([this.subscribed, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), JOIN_WAIT_MS).unref())]);
  }

  /**
   * Applies what arrived while the stored content was read (it was published after the
   * subscription, so nothing committed after the read is missed).
   */
  applyReceived(): void {
    const inbox = this.inbox ?? [];
    this.inbox = null;
    for (const apply of inbox) apply();
  }

  /** Asks the peers for what they hold beyond this copy and for their clients' awareness, once subscribed. */
  finishLoad(joinedInTime: boolean): void {
    if (!this.fanout.shared) return;
    if (joinedInTime) this.requestSync(true);
    else void this.subscribed.then((joined) => joined && this.requestSync(true));
  }

  /** See `SharedDocument.requestSync`. */
  requestSync(wantsAwareness: boolean): void {
    if (!this.fanout.shared || !this.document.isOpen()) return;
    this.channel.publishSyncRequest(Y.encodeStateVector(this.document.doc), deleteDigest(this.document.doc), wantsAwareness);
  }

  /** Publishes an update this process has stored. */
  publishUpdate(update: Uint8Array, userId: string | null): void {
    this.channel.publishUpdate(update, userId);
  }

  /** Publishes the current awareness states of `clientIds`, all controlled by connections of `userId` here. */
  publishAwareness(clientIds: number[], userId: string): void {
    if (!this.fanout.shared) return;
    this.channel.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.document.awareness, clientIds), new Map(clientIds.map((clientId) => [clientId, userId])));
  }

  /** The account of the other process's connection that controls `clientId`, if one does. */
  remoteOwnerOf(clientId: number): string | undefined {
    return this.remoteOwners.get(clientId);
  }

  /**
   * Keeps the remote owners current from an awareness `update` event: states applied from a peer
   * take the owner it named, states a local connection set (`local`) are no longer remote, removed
   * ones (also timed out) are forgotten.
   */
  noteAwarenessChanges(added: readonly number[], updated: readonly number[], removed: readonly number[], origin: unknown, local: boolean): void {
    const named = origin === REMOTE_AWARENESS_ORIGIN ? this.applyingOwners : null;
    for (const clientId of [...added, ...updated]) {
      const owner = named?.get(clientId);
      if (owner !== undefined) this.remoteOwners.set(clientId, owner);
      else if (local) this.remoteOwners.delete(clientId);
    }
    for (const clientId of removed) this.remoteOwners.delete(clientId);
  }

  /** Stops listening. Idempotent. */
  leave(): void {
    this.channel.leave();
  }

  /** The handlers of the peers' messages; those arriving during the load wait in `inbox`. */
  private listener(): DocumentChannelListener {
    const receive = (apply: () => void): void => {
      if (!this.document.isOpen()) return;
      if (this.inbox) this.inbox.push(apply);
      else apply();
    };
    return {
      update: (update, userId) => receive(() => this.document.applyRemoteUpdate(update, userId)),
      awareness: (update, owners) => receive(() => this.applyRemoteAwareness(update, owners)),
      syncRequest: (stateVector, digest, wantsAwareness) =>
        receive(() => {
          this.answer(stateVector, digest, wantsAwareness).catch((error: unknown) =>
            this.logger.error({ err: error, documentId: this.document.id }, 'could not answer a peer process'),
          );
        }),
    };
  }

  /**
   * Applies awareness states of another process's connections. An entry for a client id that a
   * connection of another account controls (here, or on a third process as far as this one knows)
   * is dropped, as the guard drops it from a local connection: a process that took an impostor's
   * entry before it heard of the owner (while loading) cannot spread it to the others.
   */
  private applyRemoteAwareness(update: Uint8Array, owners: ReadonlyMap<number, string>): void {
    const entries = decodeAwarenessEntries(update).filter((entry) => {
      const owner = owners.get(entry.clientId);
      if (owner === undefined) return false;
      const known = this.remoteOwners.get(entry.clientId);
      return (known === undefined || known === owner) && this.document.localOwnersOf(entry.clientId).every((local) => local === owner);
    });
    if (entries.length === 0) return;
    this.applyingOwners = owners;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.document.awareness, encodeAwarenessEntries(entries), REMOTE_AWARENESS_ORIGIN);
    } finally {
      this.applyingOwners = null;
    }
  }

  /**
   * Answers a peer's sync request with what this copy holds beyond its state (only what is
   * stored, so nothing a crash could lose is shown) and, when asked, with the awareness states
   * of this process's connections.
   */
  private async answer(stateVector: Uint8Array, digest: string, wantsAwareness: boolean): Promise<void> {
    await this.document.settled();
    if (!this.document.isOpen()) return;
    const { doc, awareness } = this.document;
    if (wantsAwareness) {
      const local = this.document.localAwarenessOwners();
      if (local.size > 0) this.channel.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [...local.keys()]), local);
    }
    if (hasStructsBeyond(doc, stateVector) || deleteDigest(doc) !== digest) this.channel.publishUpdate(Y.encodeStateAsUpdate(doc, stateVector), null);
    // The asker holds edits this copy missed (both sides lost messages in an outage, and it was
    // the first to reconnect): ask back, at most once a second, so both sides heal at once.
    // Deletions alone are not a reason (the digests do not tell which side lacks them): the
    // periodic resync of the side that lacks them brings them.
    const now = performance.now();
    if (lacksStructsOf(doc, stateVector) && now - this.lastCounterRequest >= COUNTER_REQUEST_INTERVAL_MS) {
      this.lastCounterRequest = now;
      this.requestSync(false);
    }
  }
}
