import * as Y from 'yjs';
import type { RecordStore } from '../storage/store.ts';
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

  constructor(private readonly records: RecordStore) {}

  /** The hook that records authors of updates sent by connections. */
  hooks(): DocumentHooks {
    return {
      onChange: (document, update, origin) => {
        if (origin.source !== 'connection') return;
        this.note(document.id, update, origin.connection.identity.userId);
      },
    };
  }

  /** Records the client ids first seen in `update` as written by `userId`. */
  note(documentId: string, update: Uint8Array, userId: string): void {
    const clients = this.clientsOf(documentId);
    for (const clientId of Y.parseUpdateMeta(update).to.keys()) {
      if (clients.has(clientId)) continue;
      clients.set(clientId, userId);
      this.pending.push({ documentId, clientId, userId });
    }
    if (this.pending.length > 0 && this.timer === null) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
      this.timer.unref();
    }
  }

  /** The account behind a client id of a document, or null when unknown (e.g. template content). */
  authorOf(documentId: string, clientId: number): string | null {
    return this.clientsOf(documentId).get(clientId) ?? null;
  }

  /** Writes buffered mappings. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    await this.records.write((data) => {
      data.clientAuthors.push(...batch);
    });
  }

  private clientsOf(documentId: string): Map<number, string> {
    let clients = this.known.get(documentId);
    if (!clients) {
      clients = new Map(
        this.records.read((data) =>
          data.clientAuthors.filter((entry) => entry.documentId === documentId).map((entry) => [entry.clientId, entry.userId] as const),
        ),
      );
      this.known.set(documentId, clients);
    }
    return clients;
  }
}
