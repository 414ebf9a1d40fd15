import type { AuditDetailValue } from '../storage/records.ts';
import type { AuditSelection, AuditStore, RecordStore } from '../storage/store.ts';
import { newId } from '../ids.ts';
import type { AuditAction, AuditEntry } from './schemas.ts';

/** Edits by one person on one document are summarised in one entry per window of this length. */
export const EDIT_WINDOW_MS = 10 * 60_000;

/** One person opening one document is recorded at most once per window of this length. */
export const OPEN_WINDOW_MS = 10 * 60_000;

/** Recent opens remembered before expired ones are swept (a bound on memory, not on users). */
const MAX_REMEMBERED_OPENS = 10_000;

interface EditWindow {
  startedAt: number;
  updates: number;
}

/**
 * The audit trail: who opened, edited, changed access or accounts, and when. Edits are
 * summarised: the first update a person makes to a document opens a 10-minute window, written
 * at once; later updates in that window are counted and written as one entry when the window
 * is closed (on the next edit after it, or on `flush`). Opens are recorded once per person,
 * document and 10 minutes: a socket that reconnects every few seconds (a flaky network, a
 * sleeping laptop) would otherwise add an entry, on disk and in the store's memory, per reconnect.
 */
export class AuditLog {
  private readonly editWindows = new Map<string, EditWindow & { documentId: string; userId: string }>();
  /** When each `document|user` open was last recorded; swept once it outgrows its bound. */
  private readonly recentOpens = new Map<string, number>();

  constructor(private readonly store: AuditStore, private readonly records: RecordStore) {}

  /**
   * Appends one entry; a `document.opened` by the same person on the same document within
   * `OPEN_WINDOW_MS` of the last recorded one is not written again.
   */
  async record(action: AuditAction, actorId: string | null, documentId: string | null, details: Record<string, AuditDetailValue> = {}): Promise<void> {
    if (action === 'document.opened' && actorId !== null && documentId !== null && this.openedRecently(documentId, actorId)) return;
    await this.store.append({ id: newId(), at: new Date().toISOString(), action, actorId, documentId, details });
  }

  /** True when this open was recorded less than a window ago; otherwise remembers it as recorded now. */
  private openedRecently(documentId: string, userId: string, now = Date.now()): boolean {
    const key = `${documentId}|${userId}`;
    const last = this.recentOpens.get(key);
    if (last !== undefined && now - last < OPEN_WINDOW_MS) return true;
    this.recentOpens.delete(key);
    this.recentOpens.set(key, now);
    if (this.recentOpens.size > MAX_REMEMBERED_OPENS) {
      for (const [candidate, at] of this.recentOpens) {
        if (now - at < OPEN_WINDOW_MS) break; // insertion order is time order: the rest are recent
        this.recentOpens.delete(candidate);
      }
    }
    return false;
  }

  /** Notes one update by `userId` on `documentId`; cheap, called for every update. */
  noteEdit(documentId: string, userId: string, now = Date.now()): Promise<void> | null {
    const key = `${documentId}|${userId}`;
    const open = this.editWindows.get(key);
    if (open && now - open.startedAt < EDIT_WINDOW_MS) {
      open.updates += 1;
      return null;
    }
    const closing = open ? this.closeWindow(key) : Promise.resolve();
    this.editWindows.set(key, { documentId, userId, startedAt: now, updates: 1 });
    return closing.then(() => this.record('document.edited', userId, documentId, { updates: 1, window: 'start' }));
  }

  /** Writes the counts of every open edit window. */
  async flush(): Promise<void> {
    await Promise.all([...this.editWindows.keys()].map((key) => this.closeWindow(key)));
  }

  /**
   * Entries newest first, optionally of one document and of some actions (exact names, or
   * prefixes ending in a dot), with actors' display names; `before`
   * continues from the `next` cursor of a previous page.
   */
  async list(options: AuditSelection): Promise<{ entries: AuditEntry[]; next: string | null }> {
    const page = await this.store.list(options);
    const names = this.records.read((data) => new Map(data.users.map((user) => [user.id, user.displayName])));
    const entries = page.entries.map((entry) => ({
      id: entry.id,
      at: entry.at,
      action: entry.action,
      actor: entry.actorId === null ? null : { id: entry.actorId, displayName: names.get(entry.actorId) ?? entry.actorId },
      documentId: entry.documentId,
      details: entry.details,
    }));
    return { entries, next: page.next };
  }

  private async closeWindow(key: string): Promise<void> {
    const window = this.editWindows.get(key);
    this.editWindows.delete(key);
    // A window with one update was fully described by its opening entry.
    if (!window || window.updates <= 1) return;
    await this.record('document.edited', window.userId, window.documentId, {
      updates: window.updates,
      window: 'end',
      since: new Date(window.startedAt).toISOString(),
    });
  }
}
