import * as Y from 'yjs';
import type { ClientAuthorStore } from '../storage/store.ts';
import type { DocumentHooks } from '../collab/shared-document.ts';

/** How long new client ids are buffered before they are written to the records. */
const FLUSH_DELAY_MS = 500;

/**
 * Remembers which account each Yjs client id belongs to, per document, from the updates each
 * authenticated connection sends: the first connection to bring a client id owns it. A
 * comparison then names the author of every inserted word.
 */
export class AuthorshipRecorder {
  private readonly known = new Map<string, Map<number, string>>();
  private readonly pending: Array<{ documentId: string; clientId: number; userId: string }> = [];
  private timer: NodeJS.Timeout | null = null;

  private readonly loading = new Map<string, Promise<void>>();

  constructor(private readonly store: ClientAuthorStore) {}

  /**
   * The hooks that record authors of updates sent by connections and, when a document is
   * unloaded, prune its rows to the client ids its state still holds. A document's state vector
   * never loses a client that inserted content, and every revision is an earlier state of the
   * same document, so those ids cover every insertion a comparison can show: rows are bounded
   * by the document's own client table.
   */
  hooks(): DocumentHooks {
    return {
      onChange: (document, update, origin) => {
        // Another process stored the authors of its clients; this one only keeps its map current
        // (it answers `authorOf` from memory once loaded).
        if (origin.source === 'remote' && origin.userId) this.learn(document.id, update, origin.userId);
        if (origin.source !== 'connection') return;
        this.note(document.id, update, origin.connection.identity.userId);
      },
      onUnload: async (document) => {
        await this.flush();
        const keep = new Set(document.doc.store.clients.keys());
        await this.store.prune(document.id, keep);
        const known = this.known.get(document.id);
        if (known) for (const clientId of known.keys()) if (!keep.has(clientId)) known.delete(clientId);
      },
    };
  }

  /** Notes in memory only (another process stored them) the client ids first seen in `update` as written by `userId`. */
  learn(documentId: string, update: Uint8Array, userId: string): void {
    const clients = this.clientsOf(documentId);
    for (const clientId of Y.parseUpdateMeta(update).to.keys()) if (!clients.has(clientId)) clients.set(clientId, userId);
  }

  /** Records the client ids first seen in `update` as written by `userId`. */
  note(documentId: string, update: Uint8Array, userId: string): void {
    const clients = this.clientsOf(documentId);
    for (const clientId of Y.parseUpdateMeta(update).to.keys()) {
      if (clients.has(clientId)) continue;
      clients.set(clientId, userId);
      this.pending.push({ documentId, clientId, userId });
    }
    this.schedule();
  }

  /** Arms the flush timer; a failed flush (storage unavailable) is retried the same way. */
  private schedule(): void {
    if (this.pending.length === 0 || this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => this.schedule());
    }, FLUSH_DELAY_MS);
    this.timer.unref();
  }

  /** Loads the stored authors of a document; `authorOf` answers from them once this resolved. */
  ready(documentId: string): Promise<void> {
    let loading = this.loading.get(documentId);
    if (!loading) {
      loading = this.store.forDocument(documentId).then((stored) => {
        const clients = this.clientsOf(documentId);
        // Ids noted before the load finished keep their (newer) owner only if none was stored.
        for (const [clientId, userId] of stored) clients.set(clientId, userId);
      });
      this.loading.set(documentId, loading);
      loading.catch(() => this.loading.delete(documentId));
    }
    return loading;
  }

  /** The account behind a client id of a document, or null when unknown (e.g. template content, or `ready` not awaited). */
  authorOf(documentId: string, clientId: number): string | null {
    return this.clientsOf(documentId).get(clientId) ?? null;
  }

  /** Writes buffered mappings. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    try {
      await this.store.add(batch);
    } catch (error) {
      // Not stored: keep them for the next flush rather than lose an author.
      this.pending.unshift(...batch);
      this.schedule();
      throw error;
    }
  }

  private clientsOf(documentId: string): Map<number, string> {
    let clients = this.known.get(documentId);
    if (!clients) {
      clients = new Map();
      this.known.set(documentId, clients);
      void this.ready(documentId).catch(() => undefined);
    }
    return clients;
  }
}
