import { newId } from '../ids.ts';

/** How long a preview waits for its confirmation. */
export const PREVIEW_TTL_MS = 30 * 60 * 1000;
/** Previews kept at once (the oldest goes first); each holds an outline, not the file. */
export const MAX_PREVIEWS = 50;

/** A stored preview: whose it is, when it expires, and what confirming it imports. */
export interface StoredPreview<T> {
  id: string;
  ownerId: string;
  expiresAt: number;
  value: T;
}

/**
 * Import previews waiting for "Xác nhận nhập": a preview is a step of one person's upload, kept
 * until it is confirmed, for `PREVIEW_TTL_MS` at most, `MAX_PREVIEWS` at once (the oldest goes
 * first). Only its owner can take it. In the shared mode the store is shared by every process
 * (an upload on one, the confirmation on another).
 */
export interface PreviewStore<T> {
  /** Stores `value` for `ownerId`; resolves with the stored preview (with its id and expiry). */
  put(ownerId: string, value: T): Promise<StoredPreview<T>>;
  /**
   * Removes and returns the preview `id` of `ownerId` if it has not expired, else undefined.
   * Atomic: of concurrent takes of one preview, one gets it.
   */
  take(id: string, ownerId: string): Promise<StoredPreview<T> | undefined>;
  /** Puts back a taken preview (its confirmation failed), with its id and expiry. */
  restore(preview: StoredPreview<T>): Promise<void>;
}

/**
 * Previews in this process's memory (the embedded mode: one process), lost on a restart (people
 * upload again).
 */
export class MemoryPreviewStore<T> implements PreviewStore<T> {
  private readonly previews = new Map<string, StoredPreview<T>>();

  constructor(private readonly now: () => number = Date.now, private readonly ttlMs = PREVIEW_TTL_MS, private readonly max = MAX_PREVIEWS) {}

  async put(ownerId: string, value: T): Promise<StoredPreview<T>> {
    this.prune();
    while (this.previews.size >= this.max) {
      const oldest = this.previews.keys().next().value;
      if (oldest === undefined) break;
      this.previews.delete(oldest);
    }
    const preview = { id: newId(), ownerId, expiresAt: this.now() + this.ttlMs, value };
    this.previews.set(preview.id, preview);
    return preview;
  }

  async take(id: string, ownerId: string): Promise<StoredPreview<T> | undefined> {
    this.prune();
    const preview = this.previews.get(id);
    if (preview === undefined || preview.ownerId !== ownerId) return undefined;
    this.previews.delete(id);
    return preview;
  }

  async restore(preview: StoredPreview<T>): Promise<void> {
    this.previews.set(preview.id, preview);
  }

  private prune(): void {
    const now = this.now();
    for (const [id, preview] of this.previews) if (preview.expiresAt <= now) this.previews.delete(id);
  }
}
