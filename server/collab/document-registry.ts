import type { DocumentContentStore } from '../storage/store.ts';
import { CollabConnection, type ConnectionLimits } from './connection.ts';
import type { CollabLogger } from './logger.ts';
import type { DocumentHooks } from './shared-document.ts';
import { SharedDocument } from './shared-document.ts';
import type { CollabSocket, ConnectionIdentity } from './socket.ts';
import { CloseCodes } from './close-codes.ts';
import { DocumentMissingError } from './document-missing.ts';
import { NO_FANOUT, type DocumentFanout } from './fanout.ts';

/** How often loaded documents compare their state with the other processes' unless told otherwise. */
export const DEFAULT_RESYNC_INTERVAL_MS = 30_000;

/**
 * After the bus reconnected, when the documents ask their peers: at once, then again a little
 * later. The bus reports the reconnection before its subscriptions are restored, and the peers
 * reconnect at their own pace, so the first ask or its answers may still be lost.
 */
const RECONNECT_RESYNC_DELAYS_MS = [0, 2_000, 6_000];

/** Options of the registry. */
export interface DocumentRegistryOptions {
  content: DocumentContentStore;
  logger: CollabLogger;
  hooks?: DocumentHooks;
  /** How long a document with no connection stays loaded before it is stored and unloaded. */
  unloadDelayMs: number;
  /** Per-connection message limits (defaults: DEFAULT_CONNECTION_LIMITS). */
  limits?: ConnectionLimits;
  /**
   * Whether the document exists in the records. A connection to one that does not is closed
   * with 4404 (final); any other failure to open a document closes with 4503 (retried). When
   * absent, every document is taken to exist.
   */
  documentExists?: (documentId: string) => boolean;
  /** The other server processes (shared mode); absent, the documents live in this process only. */
  fanout?: DocumentFanout;
  /**
   * In the shared mode, how often each loaded document asks its peers for what it lacks, so that
   * a message lost in a bus outage heals (default DEFAULT_RESYNC_INTERVAL_MS). It also asks at
   * once each time the bus reconnects.
   */
  resyncIntervalMs?: number;
}

/**
 * The documents held in memory, keyed by id. Each document is loaded at most once at a
 * time (concurrent openers share one load), and a document whose last connection closed
 * is unloaded after `unloadDelayMs`, with its content stored first; memory therefore stays
 * bounded by the documents in use. Knows nothing of HTTP or Fastify.
 */
export class DocumentRegistry {
  private readonly loaded = new Map<string, Promise<SharedDocument>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly openConnections = new Set<CollabConnection>();
  private closing = false;
  private readonly fanout: DocumentFanout;
  private readonly resyncTimer: NodeJS.Timeout | null = null;
  private readonly stopResyncOnReconnect: () => void = () => undefined;
  private readonly reconnectTimers = new Set<NodeJS.Timeout>();

  /** The caller's hooks, plus unloading documents that nobody has open any more. */
  private readonly hooks: DocumentHooks;

  constructor(private readonly options: DocumentRegistryOptions) {
    const outer = options.hooks;
    this.hooks = {
      onLoad: (document) => outer?.onLoad?.(document),
      onChange: (document, update, origin) => outer?.onChange?.(document, update, origin),
      onStore: (document) => outer?.onStore?.(document),
      onUnload: (document) => outer?.onUnload?.(document),
      onEmpty: (document) => {
        outer?.onEmpty?.(document);
        this.scheduleUnload(document);
      },
    };
    this.fanout = options.fanout ?? NO_FANOUT;
    if (this.fanout.shared) {
      this.resyncTimer = setInterval(() => this.resyncAll(false), options.resyncIntervalMs ?? DEFAULT_RESYNC_INTERVAL_MS);
      this.resyncTimer.unref();
      // Awareness states may have timed out during the outage: ask for them again too.
      this.stopResyncOnReconnect = this.fanout.onResync(() => {
        for (const delayMs of RECONNECT_RESYNC_DELAYS_MS) {
          const timer = setTimeout(() => {
            this.reconnectTimers.delete(timer);
            this.resyncAll(true);
          }, delayMs);
          timer.unref();
          this.reconnectTimers.add(timer);
        }
      });
    }
  }

  /** Asks the peers of every loaded document for what it lacks (see `SharedDocument.requestSync`). */
  resyncAll(wantsAwareness: boolean): void {
    for (const loading of this.loaded.values()) {
      loading.then(
        (document) => document.requestSync(wantsAwareness),
        () => undefined,
      );
    }
  }

  /** Ids of the documents currently in memory (loaded or loading). */
  get loadedIds(): string[] {
    return [...this.loaded.keys()];
  }

  /**
   * Returns the loaded document, loading it (once) if needed. Waits for a previous unload of
   * the same document to finish, so a reopened document always sees everything stored.
   */
  async open(documentId: string): Promise<SharedDocument> {
    if (this.closing) throw new Error('registry is closing');
    let loading = this.loaded.get(documentId);
    if (!loading) {
      loading = this.load(documentId);
      this.loaded.set(documentId, loading);
      loading.catch(() => this.loaded.delete(documentId));
    }
    const document = await loading;
    if (document.state !== 'open') {
      // It failed or is being unloaded: let that finish, forget it and load afresh.
      await this.unloadNow(document, CloseCodes.GoingAway);
      if (this.loaded.get(documentId) === loading) this.loaded.delete(documentId);
      return this.open(documentId);
    }
    return document;
  }

  /** Returns the document if it is loaded and open, without loading it. */
  async peek(documentId: string): Promise<SharedDocument | null> {
    const loading = this.loaded.get(documentId);
    if (!loading) return null;
    const document = await loading;
    return document.state === 'open' ? document : null;
  }

  /**
   * Attaches a socket to a document. Returns at once; messages the socket receives meanwhile
   * are queued and handled after the document has been loaded.
   */
  connect(socket: CollabSocket, documentId: string, identity: ConnectionIdentity): CollabConnection {
    const connection = new CollabConnection(
      socket,
      identity,
      documentId,
      (opened) => this.attach(opened),
      this.options.logger,
      this.options.limits,
    );
    this.openConnections.add(connection);
    connection.onClose(() => this.openConnections.delete(connection));
    return connection;
  }

  /** Every open connection, of every document (including those still waiting for a load). */
  get connections(): CollabConnection[] {
    return [...this.openConnections];
  }

  /** Stores every loaded document, closes all connections and unloads everything. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    this.stopResyncOnReconnect();
    for (const timer of this.reconnectTimers) clearTimeout(timer);
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    const documents = await Promise.allSettled([...this.loaded.values()]);
    await Promise.all(
      documents.map(async (result) => {
        if (result.status === 'fulfilled') await this.unloadNow(result.value, CloseCodes.GoingAway);
      }),
    );
    await Promise.all(this.unloading.values());
  }

  private async attach(connection: CollabConnection): Promise<SharedDocument> {
    const exists = this.options.documentExists ?? (() => true);
    if (!exists(connection.documentId)) throw new DocumentMissingError(connection.documentId);
    for (;;) {
      let document: SharedDocument;
      try {
        document = await this.open(connection.documentId);
      } catch (error) {
        // The document may have been deleted while it was loading.
        if (!exists(connection.documentId)) throw new DocumentMissingError(connection.documentId);
        throw error;
      }
      if (connection.isClosed) return document;
      if (document.addConnection(connection)) {
        this.cancelUnload(document.id);
        return document;
      }
    }
  }

  private async load(documentId: string): Promise<SharedDocument> {
    await this.unloading.get(documentId);
    const document = await SharedDocument.load(documentId, this.options.content, this.hooks, this.options.logger, this.fanout);
    // A document nobody connects to (opened by a peek-like caller) is still unloaded in time.
    if (document.connectionCount === 0) this.scheduleUnload(document);
    return document;
  }

  private scheduleUnload(document: SharedDocument): void {
    this.cancelUnload(document.id);
    const timer = setTimeout(() => {
      this.unloadTimers.delete(document.id);
      if (document.connectionCount === 0) {
        this.unloadNow(document, CloseCodes.GoingAway).catch((error: unknown) =>
          this.options.logger.error({ err: error, documentId: document.id }, 'unload failed'),
        );
      }
    }, this.options.unloadDelayMs);
    timer.unref();
    this.unloadTimers.set(document.id, timer);
  }

  private cancelUnload(documentId: string): void {
    const timer = this.unloadTimers.get(documentId);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(documentId);
  }

  private unloadNow(document: SharedDocument, closeCode: { code: number; reason: string }): Promise<void> {
    const existing = this.unloading.get(document.id);
    if (existing) return existing;
    this.cancelUnload(document.id);
    const loading = this.loaded.get(document.id);
    const run = document.unload(closeCode).finally(() => {
      this.unloading.delete(document.id);
    });
    // Drop the entry only if it still points at this document (not a newer load).
    void loading?.then((current) => {
      if (current === document && this.loaded.get(document.id) === loading) this.loaded.delete(document.id);
    });
    this.unloading.set(document.id, run);
    return run;
  }
}
