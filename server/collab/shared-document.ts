import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocumentContentStore } from '../storage/store.ts';
import type { CollabConnection } from './connection.ts';
import type { CollabLogger, DocumentHooks } from './hooks.ts';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './messages.ts';
import { isTransactionOrigin, LOAD_ORIGIN, type TransactionOrigin } from './origins.ts';
import { CloseCodes } from './close-codes.ts';

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
  private readonly connections = new Map<CollabConnection, Set<number>>();
  /** Tail of the chain that stores and passes on updates in order. */
  private pipeline: Promise<void> = Promise.resolve();
  private pendingWrites = 0;
  private unloadRun: Promise<void> | null = null;

  private constructor(
    readonly id: string,
    private readonly content: DocumentContentStore,
    private readonly hooks: DocumentHooks,
    private readonly logger: CollabLogger,
  ) {
    this.doc = new Y.Doc({ gc: true });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server itself is not a participant: it has no awareness state of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.handleDocUpdate(update, origin));
    this.awareness.on('update', (changes: AwarenessChanges, origin: unknown) => this.handleAwarenessUpdate(changes, origin));
  }

  /** Loads a document's stored content into a new shared document and runs `onLoad`. */
  static async load(
    id: string,
    content: DocumentContentStore,
    hooks: DocumentHooks,
    logger: CollabLogger,
  ): Promise<SharedDocument> {
    const shared = new SharedDocument(id, content, hooks, logger);
    let stored: Awaited<ReturnType<DocumentContentStore['load']>>;
    try {
      stored = await content.load(id);
    } catch (error) {
      // A refused load (damaged content) must not leave the awareness timer running.
      shared.awareness.destroy();
      shared.doc.destroy();
      throw error;
    }
    Y.transact(
      shared.doc,
      () => {
        for (const update of stored.updates) Y.applyUpdate(shared.doc, update, LOAD_ORIGIN);
      },
      LOAD_ORIGIN,
    );
    if (stored.discardedBytes > 0 || content.needsCompaction(id)) await shared.compact();
    await hooks.onLoad?.(shared);
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
  get connectionList(): CollabConnection[] {
    return [...this.connections.keys()];
  }

  /**
   * Attaches a connection and starts its sync (sync step 1 and the current awareness).
   * Returns false when the document is being unloaded; the caller must open it again.
   */
  addConnection(connection: CollabConnection): boolean {
    if (this.stateValue !== 'open') return false;
    this.connections.set(connection, new Set());
    connection.send(encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) connection.send(encodeAwareness(this.awareness, states));
    return true;
  }

  /** Detaches a connection and removes the awareness states it controlled. */
  removeConnection(connection: CollabConnection): void {
    const controlled = this.connections.get(connection);
    if (!controlled) return;
    this.connections.delete(connection);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
    if (this.connections.size === 0) this.runHook('onEmpty', () => this.hooks.onEmpty?.(this));
  }

  /** Applies an update received from a connection (the caller has checked its rights). */
  applyUpdateFrom(connection: CollabConnection, update: Uint8Array): void {
    const origin: TransactionOrigin = { source: 'connection', connection };
    Y.applyUpdate(this.doc, update, origin);
  }

  /**
   * True when `connection` may publish the awareness state of `clientId`: nobody controls it
   * yet, or it is controlled by a connection of the same user (a reconnect racing its old socket).
   */
  mayControlAwareness(connection: CollabConnection, clientId: number): boolean {
    for (const [other, controlled] of this.connections) {
      if (other !== connection && controlled.has(clientId) && other.identity.userId !== connection.identity.userId) return false;
    }
    return true;
  }

  /** Applies an awareness update received from a connection (already guarded by the caller). */
  applyAwarenessFrom(connection: CollabConnection, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
  }

  /**
   * Answers a client's sync step 1 with what it is missing. Waits until every update
   * the answer contains has been stored, so nothing is shown that a crash could lose.
   */
  async answerSyncStep1(connection: CollabConnection, stateVector: Uint8Array): Promise<void> {
    await this.whenStored();
    connection.send(encodeSyncStep2(this.doc, stateVector));
  }

  /** Resolves once every update applied so far has been stored (and passed on). */
  async whenStored(): Promise<void> {
    while (this.pendingWrites > 0) await this.pipeline;
  }

  /** Replaces the stored log with one snapshot of the current state. */
  async compact(): Promise<void> {
    // Runs as a link of the pipeline so that no append happens between taking the
    // state and cutting the log.
    const run = this.enqueue(async () => {
      await this.content.compact(this.id, Y.encodeStateAsUpdate(this.doc));
    });
    await run;
    this.runHook('onStore', () => this.hooks.onStore?.(this));
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
      await this.content.release(this.id);
      this.stateValue = 'closed';
      this.awareness.destroy();
      this.doc.destroy();
    }
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
    this.pendingWrites += 1;
    this.enqueue(async () => {
      try {
        await this.content.append(this.id, update);
      } finally {
        this.pendingWrites -= 1;
      }
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

  private handleAwarenessUpdate({ added, updated, removed }: AwarenessChanges, origin: unknown): void {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    const controlled = this.connections.get(origin as CollabConnection);
    if (controlled) {
      for (const clientId of added) controlled.add(clientId);
      for (const clientId of removed) controlled.delete(clientId);
    }
    const message = encodeAwareness(this.awareness, changed);
    for (const connection of this.connections.keys()) connection.send(message);
  }

  /** Runs a hook, logging (never propagating) what it throws. */
  private runHook(name: keyof DocumentHooks, call: () => unknown): void {
    try {
      const result = call();
      if (result instanceof Promise) {
        result.catch((error: unknown) => this.logger.error({ err: error, documentId: this.id, hook: name }, 'hook failed'));
      }
    } catch (error) {
      this.logger.error({ err: error, documentId: this.id, hook: name }, 'hook failed');
    }
  }
}

/** The change set y-protocols reports on an awareness update. */
interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}
