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
 * Import previews waiting for "Xác nhận nhập", in memory: a preview is a step of one person's
 * upload, not a record worth keeping across a restart (they upload again). Bounded in time
 * (`PREVIEW_TTL_MS`) and count (`MAX_PREVIEWS`); only its owner can take it.
 */
export class PreviewStore<T> {
  private readonly previews = new Map<string, StoredPreview<T>>();

  constructor(private readonly now: () => number = Date.now, private readonly ttlMs = PREVIEW_TTL_MS, private readonly max = MAX_PREVIEWS) {}

  /** Stores `value` for `ownerId`; returns the stored preview (with its id and expiry). */
  put(ownerId: string, value: T): StoredPreview<T> {
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

  /** The preview `id` of `ownerId` if it has not expired, else undefined. */
  get(id: string, ownerId: string): StoredPreview<T> | undefined {
    this.prune();
    const preview = this.previews.get(id);
    return preview !== undefined && preview.ownerId === ownerId ? preview : undefined;
  }

  /** Forgets a preview (once it is confirmed). */
  delete(id: string): void {
    this.previews.delete(id);
  }

  private prune(): void {
    const now = this.now();
    for (const [id, preview] of this.previews) if (preview.expiresAt <= now) this.previews.delete(id);
  }
}
