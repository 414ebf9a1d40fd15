import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocumentContentStore } from '../storage/store.ts';
import type { DocumentPeer } from './peer.ts';
import { callHookLogged, type CollabLogger } from './logger.ts';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './messages.ts';
import { isTransactionOrigin, LOAD_ORIGIN, type TransactionOrigin } from './origins.ts';
import { NO_FANOUT, type DocumentFanout } from './fanout.ts';
import { ProcessLink } from './process-link.ts';
import { CloseCodes } from './close-codes.ts';
import { applyWithoutPending, PendingUpdates, type PendingBudget } from './pending-updates.ts';
import { AwarenessRelay } from './awareness-relay.ts';
import { MoveRepair } from './move-repair.ts';

/** Rounds of retrying waiting updates after one update (each round needs the previous one's progress). */
const MAX_RETRY_ROUNDS = 8;

/**
 * Budget of remote updates waiting for dependencies (a message lost in an outage). Past it they
 * are dropped and the peers are asked again: their answer carries everything that is missing.
 */
const REMOTE_PENDING_BUDGET: PendingBudget = { maxBytes: 16 * 1024 * 1024, maxUpdates: 10_000 };

/**
 * Lifecycle hooks of shared documents. Cross-cutting features (revisions, audit, anchor
 * checks) subscribe here instead of being wired into the connection code. A hook that
 * throws is logged and does not affect the edit.
 */
export interface DocumentHooks {
  /** After the stored content was loaded, before any client is answered. */
  onLoad?(document: SharedDocument): void | Promise<void>;
  /**
   * After an update was durably stored and passed on to the other clients. Also called with
   * origin `remote` for updates another process stored (shared mode): their durable side effects
   * (audit, attribution, checkpoints) belong to that process; only this process's in-memory
   * state should follow them.
   */
  onChange?(document: SharedDocument, update: Uint8Array, origin: TransactionOrigin): void;
  /** After the document's content was compacted into a snapshot. */
  onStore?(document: SharedDocument): void;
  /** When the last connection of a document closed. */
  onEmpty?(document: SharedDocument): void;
  /** Before the document is dropped from memory (its content is already stored). */
  onUnload?(document: SharedDocument): void | Promise<void>;
}

/** Lifecycle of a shared document in memory. */
export type SharedDocumentState = 'open' | 'unloading' | 'closed';

/**
 * One document held in memory: its Y.Doc, the awareness of its clients and its connections.
 *
 * Durability contract: every update applied from a connection is appended to the content
 * store *before* it is sent to any other connection, and a client's initial sync answer is
 * sent only once every update it contains has been stored. Updates are stored and passed
 * on in the order they were applied.
 */
export class SharedDocument {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  private stateValue: SharedDocumentState = 'open';
  /** Each connection with the awareness client ids it controls. */
  private readonly connections = new Map<DocumentPeer, Set<number>>();
  /** Tail of the chain that stores and passes on updates in order. */
  private pipeline: Promise<void> = Promise.resolve();
  private pendingWrites = 0;
  private unloadRun: Promise<void> | null = null;
  /** Per connection, its updates that wait for dependencies the document lacks. */
  private readonly pending = new Map<DocumentPeer, PendingUpdates>();
  /** Clients whose state moved since waiting updates were last looked at. */
  private readonly advanced = new Set<number>();
  private readonly awarenessRelay = new AwarenessRelay();
  /** The other processes holding this document (nobody in the embedded mode). */
  private readonly link: ProcessLink;
  /** Remote updates waiting for dependencies this copy lacks. */
  private remotePending: PendingUpdates | null = null;
  /** Replays text typed into a block while it was being moved into the moved copy. */
  private readonly moveRepair: MoveRepair;

  private constructor(
    readonly id: string,
    private readonly content: DocumentContentStore,
    private readonly hooks: DocumentHooks,
    private readonly logger: CollabLogger,
    fanout: DocumentFanout,
  ) {
    this.doc = new Y.Doc({ gc: true });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server itself is not a participant: it has no awareness state of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.handleDocUpdate(update, origin));
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => this.noteAdvancedClients(transaction));
    this.moveRepair = new MoveRepair(this.doc, (error) => this.logger.error({ err: error, documentId: id }, 'could not replay edits made while a block was moved'));
    this.awareness.on('change', ({ updated }: AwarenessChanges) => this.awarenessRelay.noteChanged(updated));
    this.awareness.on('update', (changes: AwarenessChanges, origin: unknown) => this.handleAwarenessUpdate(changes, origin));
    this.link = new ProcessLink(
      fanout,
      {
        id,
        doc: this.doc,
        awareness: this.awareness,
        isOpen: () => this.stateValue === 'open',
        settled: () => this.settled(),
        applyRemoteUpdate: (update, userId) => this.applyRemoteUpdate(update, userId),
        localAwarenessOwners: () => this.localAwarenessOwners(),
        localOwnersOf: (clientId) => this.localOwnersOf(clientId, null),
      },
      logger,
    );
  }

  /**
   * Loads a document's stored content into a new shared document and runs `onLoad`. On
   * failure nothing is left behind (timers, files, subscriptions) and the error is rethrown.
   *
   * In the shared mode the document's channel is joined *before* the stored content is read, and
   * what the other processes publish meanwhile is applied right after it: an update committed
   * after the read was published after the subscription, so none falls in between. Then the
   * peers are asked for what they hold beyond this copy and for their clients' awareness. While
   * the bus is down the load does not wait for the subscription; the ask is sent once it is made.
   */
  static async load(
    id: string,
    content: DocumentContentStore,
    hooks: DocumentHooks,
    logger: CollabLogger,
    fanout: DocumentFanout = NO_FANOUT,
  ): Promise<SharedDocument> {
    // Joins the document's channel (shared mode) before anything is read.
    const shared = new SharedDocument(id, content, hooks, logger, fanout);
    try {
      const joinedInTime = await shared.link.joined();
      const stored = await content.load(id);
      Y.transact(
        shared.doc,
        () => {
          for (const update of stored.updates) Y.applyUpdate(shared.doc, update, LOAD_ORIGIN);
        },
        LOAD_ORIGIN,
      );
      shared.link.applyReceived();
      if (stored.discardedBytes > 0 || content.needsCompaction(id)) await shared.compact();
      await hooks.onLoad?.(shared);
      shared.link.finishLoad(joinedInTime);
    } catch (error) {
      // A failed load is retried by the clients: each attempt must not leave a live awareness
      // timer and a Y.Doc behind, nor the document's files open.
      shared.link.leave();
      shared.stateValue = 'closed';
      shared.awareness.destroy();
      shared.doc.destroy();
      await content.release(id).catch((releaseError: unknown) =>
        logger.error({ err: releaseError, documentId: id }, 'could not release a document whose load failed'),
      );
      throw error;
    }
    return shared;
  }

  /** Current lifecycle state. */
  get state(): SharedDocumentState {
    return this.stateValue;
  }

  /** Number of open connections. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** The connections currently attached. */
  get connectionList(): DocumentPeer[] {
    return [...this.connections.keys()];
  }

  /**
   * Attaches a connection and starts its sync (sync step 1 and the current awareness).
   * Returns false when the document is being unloaded; the caller must open it again.
   */
  addConnection(connection: DocumentPeer): boolean {
    if (this.stateValue !== 'open') return false;
    this.connections.set(connection, new Set());
    connection.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) connection.send(encodeAwareness(this.awareness, states));
    return true;
  }

  /** Detaches a connection and removes the awareness states it controlled. */
  removeConnection(connection: DocumentPeer): void {
    const controlled = this.connections.get(connection);
    if (!controlled) return;
    this.connections.delete(connection);
    this.pending.delete(connection);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], new ClosedConnection(connection));
    if (this.connections.size === 0) this.runHook('onEmpty', () => this.hooks.onEmpty?.(this));
  }

  /**
   * Applies an update received from a connection (the caller has checked its rights). What
   * depends on content the document lacks never enters the shared Y.Doc: it is kept aside for
   * this connection, within `budget`, and retried when the document's state for what it waits
   * for moves on (whoever's update moved it). Returns false when the connection's waiting
   * updates went over `budget`; the caller closes it, which drops them (an honest client
   * re-sends what the server lacks through sync step 1 / 2 when it reconnects).
   */
  applyUpdateFrom(connection: DocumentPeer, update: Uint8Array, budget: PendingBudget): boolean {
    const leftover = this.applyNoted(update, { source: 'connection', connection }, 'v1');
    let withinBudget = true;
    if (leftover && this.connections.has(connection)) {
      let buffer = this.pending.get(connection);
      if (!buffer) {
        buffer = new PendingUpdates(budget);
        this.pending.set(connection, buffer);
      }
      withinBudget = buffer.add(leftover);
    }
    this.retryPending();
    return withinBudget;
  }

  /** Encoded bytes of updates waiting for missing dependencies, over all connections. */
  get pendingBytes(): number {
    let total = 0;
    for (const buffer of this.pending.values()) total += buffer.bytes;
    return total;
  }

  /**
   * True when `connection` may publish the awareness state of `clientId`: nobody controls it
   * yet, or it is controlled by a connection of the same user (a reconnect racing its old socket).
   * A client id controlled by another process's connection counts likewise, with the account
   * that process named for it: a client that moves here after its process crashed keeps its id,
   * nobody else takes it.
   */
  mayControlAwareness(connection: DocumentPeer, clientId: number): boolean {
    const remote = this.link.remoteOwnerOf(clientId);
    if (remote !== undefined && remote !== connection.identity.userId) return false;
    return this.localOwnersOf(clientId, connection).every((owner) => owner === connection.identity.userId);
  }

  /** The accounts of this process's connections (other than `except`) that control `clientId`. */
  private localOwnersOf(clientId: number, except: DocumentPeer | null): string[] {
    const owners: string[] = [];
    for (const [other, controlled] of this.connections) if (other !== except && controlled.has(clientId)) owners.push(other.identity.userId);
    return owners;
  }

  /**
   * Asks the other processes for what this copy lacks: peers holding more (structs beyond its
   * state vector, or other deletions) answer with the difference, and with `wantsAwareness` they
   * also send their connections' awareness states. Used after a load, after the bus reconnected
   * and periodically, so that a message lost in an outage heals by itself.
   */
  requestSync(wantsAwareness: boolean): void {
    this.link.requestSync(wantsAwareness);
  }

  /** Applies an awareness update received from a connection (already guarded by the caller). */
  applyAwarenessFrom(connection: DocumentPeer, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
  }

  /**
   * Answers a client's sync step 1 with what it is missing. Waits until every update
   * the answer contains has been stored, so nothing is shown that a crash could lose.
   */
  async answerSyncStep1(connection: DocumentPeer, stateVector: Uint8Array): Promise<void> {
    await this.whenStored();
    connection.send(encodeSyncStep2(this.doc, stateVector));
  }

  /** Resolves once every update applied so far has been stored (and passed on). */
  async whenStored(): Promise<void> {
    while (this.pendingWrites > 0) await this.pipeline;
  }

  /**
   * Like `whenStored`, but resumes its caller at a moment when nothing is waiting to be stored:
   * another connection's update may be applied between `whenStored` resolving and its caller
   * running, so this checks again after each wait.
   */
  private async settled(): Promise<void> {
    do await this.whenStored();
    while (this.pendingWrites > 0);
  }

  /** Replaces the stored log with one snapshot of the current state. */
  async compact(): Promise<void> {
    // Runs as a link of the pipeline so that no append happens between taking the
    // state and cutting the log.
    const run = this.enqueue(async () => {
      await this.content.compact(this.id, this.encodeCollected());
    });
    await run;
    this.runHook('onStore', () => this.hooks.onStore?.(this));
  }

  /**
   * The document's full state without deleted content. The move repair keeps the content of
   * moved-away blocks in memory; re-encoding through a fresh collected Y.Doc keeps it out of
   * snapshots, so a stored document never carries it beyond its loaded lifetime.
   */
  private encodeCollected(): Uint8Array {
    const state = Y.encodeStateAsUpdate(this.doc);
    if (!this.moveRepair.keepsDeletedContent) return state;
    const fresh = new Y.Doc({ gc: true });
    try {
      Y.applyUpdate(fresh, state);
      return Y.encodeStateAsUpdate(fresh);
    } finally {
      fresh.destroy();
    }
  }

  /**
   * Stores everything, closes the remaining connections with `closeCode` and releases the
   * document's files. After this the document is `closed` and must not be used. Calling it
   * again returns the same (possibly still running) unload.
   */
  async unload(closeCode: { code: number; reason: string } = CloseCodes.GoingAway): Promise<void> {
    this.unloadRun ??= this.runUnload(closeCode);
    return this.unloadRun;
  }

  private async runUnload(closeCode: { code: number; reason: string }): Promise<void> {
    this.stateValue = 'unloading';
    for (const connection of [...this.connections.keys()]) connection.close(closeCode.code, closeCode.reason);
    try {
      await this.compact();
      await this.hooks.onUnload?.(this);
    } finally {
      this.link.leave();
      await this.content.release(this.id);
      this.stateValue = 'closed';
      this.awareness.destroy();
      this.doc.destroy();
    }
  }

  private noteAdvancedClients(transaction: Y.Transaction): void {
    if (this.pending.size === 0 && !this.remotePending) return;
    for (const [client, clock] of transaction.afterState) {
      if (transaction.beforeState.get(client) !== clock) this.advanced.add(client);
    }
  }

  /** Applies a client's update (see `applyWithoutPending`), letting the move repair read its deletions. */
  private applyNoted(update: Uint8Array, origin: TransactionOrigin, format: 'v1' | 'v2'): ReturnType<typeof applyWithoutPending> {
    this.moveRepair.noteIncoming(update, format);
    try {
      return applyWithoutPending(this.doc, update, origin, format);
    } finally {
      this.moveRepair.clearIncoming();
    }
  }

  /** Retries the waiting updates whose missing dependencies may have arrived. */
  private retryPending(): void {
    for (let round = 0; round < MAX_RETRY_ROUNDS && this.advanced.size > 0 && (this.pending.size > 0 || this.remotePending); round++) {
      const advanced = [...this.advanced];
      this.advanced.clear();
      if (this.remotePending?.isReady(this.doc, advanced)) {
        const buffer = this.remotePending;
        if (!buffer.restore(this.applyNoted(buffer.take(), { source: 'remote' }, 'v2'))) this.dropRemotePending();
        else if (buffer.isEmpty) this.remotePending = null;
      }
      for (const [peer, buffer] of this.pending) {
        if (!buffer.isReady(this.doc, advanced)) continue;
        const origin: TransactionOrigin = { source: 'connection', connection: peer };
        const withinBudget = buffer.restore(this.applyNoted(buffer.take(), origin, 'v2'));
        if (buffer.isEmpty) this.pending.delete(peer);
        if (!withinBudget) peer.close(CloseCodes.PendingUpdatesOverflow.code, CloseCodes.PendingUpdatesOverflow.reason);
      }
    }
    this.advanced.clear();
  }

  /** Appends `task` to the ordered storage pipeline; the returned promise settles with it. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.pipeline.then(task);
    this.pipeline = run.catch(() => undefined);
    return run;
  }

  private handleDocUpdate(update: Uint8Array, rawOrigin: unknown): void {
    const origin: TransactionOrigin = isTransactionOrigin(rawOrigin) ? rawOrigin : { source: 'server', reason: 'unknown' };
    if (origin.source === 'load') return;
    if (origin.source === 'remote') return this.passOnRemote(update, origin);
    this.pendingWrites += 1;
    this.enqueue(async () => {
      try {
        await this.content.append(this.id, update);
      } finally {
        this.pendingWrites -= 1;
      }
      // Published once stored, so a peer never shows what a crash here could lose.
      this.link.publishUpdate(update, editorOf(origin));
      const message = encodeUpdate(update);
      const sender = origin.source === 'connection' ? origin.connection : null;
      for (const connection of this.connections.keys()) {
        if (connection !== sender) connection.send(message);
      }
      this.runHook('onChange', () => this.hooks.onChange?.(this, update, origin));
      if (this.content.needsCompaction(this.id)) {
        void this.compact().catch((error: unknown) => this.logger.error({ err: error, documentId: this.id }, 'compaction failed'));
      }
    }).catch((error: unknown) => this.failStorage(error));
  }

  /**
   * An update could not be stored, so nobody else has seen it. The document is unloaded
   * (a last snapshot is attempted) and every client is dropped: on reconnect they load what
   * was stored and re-send what is missing.
   */
  private failStorage(error: unknown): void {
    this.logger.error({ err: error, documentId: this.id }, 'could not store an update; unloading the document');
    this.unload(CloseCodes.StorageFailure).catch((unloadError: unknown) =>
      this.logger.error({ err: unloadError, documentId: this.id }, 'unload after a storage failure failed'),
    );
  }

  /**
   * Passes on an update another process stored: to every connection here, and to the hooks (with
   * origin `remote`). It is neither stored nor published again. Sent at once rather than through
   * the storage pipeline: it is already durable, and it cannot depend on a local update still
   * being stored (those are published only once stored).
   */
  private passOnRemote(update: Uint8Array, origin: TransactionOrigin): void {
    const message = encodeUpdate(update);
    for (const connection of this.connections.keys()) connection.send(message);
    this.runHook('onChange', () => this.hooks.onChange?.(this, update, origin));
  }

  /** Applies an update another process stored; what depends on missing content waits (see REMOTE_PENDING_BUDGET). */
  private applyRemoteUpdate(update: Uint8Array, userId: string | null): void {
    const origin: TransactionOrigin = userId === null ? { source: 'remote' } : { source: 'remote', userId };
    const leftover = this.applyNoted(update, origin, 'v1');
    if (leftover) {
      this.remotePending ??= new PendingUpdates(REMOTE_PENDING_BUDGET);
      if (!this.remotePending.add(leftover)) this.dropRemotePending();
    }
    this.retryPending();
  }

  private dropRemotePending(): void {
    this.remotePending = null;
    this.logger.warn({ documentId: this.id }, 'too many updates from other processes wait for missing content; asking the peers again');
    this.requestSync(false);
  }

  /** Awareness client ids of this process's connections that have a state, with each one's account. */
  private localAwarenessOwners(): Map<number, string> {
    const states = this.awareness.getStates();
    const owners = new Map<number, string>();
    for (const [connection, controlled] of this.connections) {
      for (const clientId of controlled) if (states.has(clientId)) owners.set(clientId, connection.identity.userId);
    }
    return owners;
  }

  /**
   * Passes awareness changes on to this process's connections and, when they come from them
   * (states they set, or removed as they closed), to the other processes. Changes heard from
   * other processes and states that timed out here are not published: every process times out
   * the states it stops hearing about by itself, so a crashed process's cursors vanish everywhere.
   */
  private handleAwarenessUpdate({ added, updated, removed }: AwarenessChanges, origin: unknown): void {
    const controlled = this.connections.get(origin as DocumentPeer);
    if (controlled) {
      for (const clientId of added) controlled.add(clientId);
      for (const clientId of removed) controlled.delete(clientId);
    }
    this.link.noteAwarenessChanges(added, updated, removed, origin, controlled !== undefined);
    // Unchanged states are repeated only as often as keeps them alive on the clients.
    const forwarded = this.awarenessRelay.select(added, updated, removed);
    if (forwarded.length === 0) return;
    const message = encodeAwareness(this.awareness, forwarded);
    for (const connection of this.connections.keys()) connection.send(message);
    const localOwner = controlled ? (origin as DocumentPeer).identity.userId : origin instanceof ClosedConnection ? origin.peer.identity.userId : null;
    if (localOwner !== null) this.link.publishAwareness(forwarded, localOwner);
  }

  /** Runs a hook, logging (never propagating) what it throws. */
  private runHook(name: keyof DocumentHooks, call: () => unknown): void {
    callHookLogged(this.logger, this.id, name, call);
  }
}

/** Origin of the removal of a closed connection's awareness states (published to the peers under its account). */
class ClosedConnection {
  constructor(readonly peer: DocumentPeer) {}
}

/** The account an update is published under (the peers keep their authorship map current with it). */
function editorOf(origin: TransactionOrigin): string | null {
  if (origin.source === 'connection') return origin.connection.identity.userId;
  if (origin.source === 'server' || origin.source === 'remote') return origin.userId ?? null;
  return null;
}

/** The change set y-protocols reports on an awareness update. */
interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}
