/** Writes a document's "last changed" time; resolves once it is stored. */
export type TouchWriter = (documentId: string, at: Date) => Promise<void>;

interface Pending {
  /** When `updatedAt` was last written for content. */
  writtenAt: number;
  /** The latest edit not written yet, or null. */
  latest: number | null;
  timer: NodeJS.Timeout | null;
}

/**
 * Keeps documents' `updatedAt` (the list's "Cập nhật" column) following content edits and
 * restores without rewriting the records file on every keystroke: the first edit is written at
 * once, later ones at most every `intervalMs`, and the latest edit of a burst is always written
 * in the end (by a timer, or by `flush` on shutdown), so the time shown is never more than
 * `intervalMs` behind. Write failures go to `onError`; the next edit tries again.
 */
export class ContentTouch {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly write: TouchWriter,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Notes that `documentId`'s content changed now. Cheap: called for every update. */
  note(documentId: string): void {
    const now = this.now();
    const entry = this.pending.get(documentId);
    if (!entry || now - entry.writtenAt >= this.intervalMs) {
      if (entry?.timer) clearTimeout(entry.timer);
      this.pending.set(documentId, { writtenAt: now, latest: null, timer: null });
      this.store(documentId, now);
      return;
    }
    entry.latest = now;
    if (entry.timer) return;
    entry.timer = setTimeout(() => this.writeLatest(documentId), entry.writtenAt + this.intervalMs - now);
    entry.timer.unref();
  }

  /** Writes every edit not written yet (on shutdown). */
  async flush(): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const [documentId, entry] of this.pending) {
      if (entry.timer) clearTimeout(entry.timer);
      if (entry.latest !== null) writes.push(this.write(documentId, new Date(entry.latest)).catch(this.onError));
    }
    this.pending.clear();
    await Promise.all(writes);
  }

  private writeLatest(documentId: string): void {
    const entry = this.pending.get(documentId);
    if (!entry || entry.latest === null) return;
    const at = entry.latest;
    this.pending.set(documentId, { writtenAt: this.now(), latest: null, timer: null });
    this.store(documentId, at);
  }

  private store(documentId: string, at: number): void {
    this.write(documentId, new Date(at)).catch(this.onError);
  }
}
