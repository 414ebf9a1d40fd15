import { join } from 'node:path';
import type { NotificationStore } from './store.ts';
import { AppendTable, type TableOptions } from './append-table.ts';
import { NOTIFICATION_KINDS, type NotificationPreferencesRecord, type NotificationRecord, type ReminderClaimRecord } from './notification-records.ts';

type BaseOptions<V> = Omit<TableOptions<V>, 'parse' | 'expired'>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isKind = (value: unknown): boolean => NOTIFICATION_KINDS.some((kind) => kind === value);
const isNullableString = (value: unknown): boolean => value === null || typeof value === 'string';

function parseNotification(value: unknown): NotificationRecord | null {
  if (!isObject(value)) return null;
  const ok =
    typeof value.id === 'string' &&
    typeof value.userId === 'string' &&
    isKind(value.kind) &&
    typeof value.documentId === 'string' &&
    isNullableString(value.roundId) &&
    isNullableString(value.threadId) &&
    typeof value.title === 'string' &&
    typeof value.body === 'string' &&
    typeof value.link === 'string' &&
    typeof value.createdAt === 'string' &&
    isNullableString(value.readAt);
  return ok ? (value as unknown as NotificationRecord) : null;
}

function parsePreferences(value: unknown): NotificationPreferencesRecord | null {
  if (!isObject(value)) return null;
  return typeof value.userId === 'string' && isObject(value.inApp) && isObject(value.email) && typeof value.updatedAt === 'string'
    ? (value as unknown as NotificationPreferencesRecord)
    : null;
}

function parseClaim(value: unknown): ReminderClaimRecord | null {
  if (!isObject(value)) return null;
  return typeof value.key === 'string' && typeof value.owner === 'string' && typeof value.claimedAt === 'string' && isNullableString(value.completedAt)
    ? (value as unknown as ReminderClaimRecord)
    : null;
}

/**
 * The embedded notification store: three append-only tables in the data folder,
 * `notifications.table` (keyed by notification id, indexed by user in memory),
 * `notification-preferences.table` (by user id) and `reminders.table` (reminder claims by key).
 * Claims run one at a time, so a key is granted to one caller only.
 */
export class TableNotificationStore implements NotificationStore {
  /** Notification ids of each user, oldest first. */
  private readonly byUser = new Map<string, string[]>();
  private claims: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly notifications: AppendTable<NotificationRecord>,
    private readonly prefs: AppendTable<NotificationPreferencesRecord>,
    private readonly reminders: AppendTable<ReminderClaimRecord>,
  ) {
    for (const row of notifications.values()) this.index(row);
  }

  /** Opens (or starts) the three tables in `dataDir`. */
  static async open(dataDir: string, options: BaseOptions<unknown>): Promise<TableNotificationStore> {
    const [notifications, prefs, reminders] = await Promise.all([
      AppendTable.open(join(dataDir, 'notifications.table'), { ...options, parse: parseNotification }),
      AppendTable.open(join(dataDir, 'notification-preferences.table'), { ...options, parse: parsePreferences }),
      AppendTable.open(join(dataDir, 'reminders.table'), { ...options, parse: parseClaim }),
    ]);
    return new TableNotificationStore(notifications, prefs, reminders);
  }

  private index(row: NotificationRecord): void {
    let ids = this.byUser.get(row.userId);
    if (!ids) {
      ids = [];
      this.byUser.set(row.userId, ids);
    }
    ids.push(row.id);
  }

  /** A user's rows, oldest first. */
  private rowsOf(userId: string): NotificationRecord[] {
    const rows: NotificationRecord[] = [];
    for (const id of this.byUser.get(userId) ?? []) {
      const row = this.notifications.get(id);
      if (row) rows.push(row);
    }
    return rows;
  }

  async add(rows: readonly NotificationRecord[]): Promise<NotificationRecord[]> {
    const seen = new Set<string>();
    const fresh = rows.filter((row) => {
      if (this.notifications.get(row.id) !== undefined || seen.has(row.id)) return false;
      seen.add(row.id);
      return true;
    });
    await this.notifications.write(fresh.map((row) => [row.id, row] as const));
    for (const row of fresh) this.index(row);
    return fresh;
  }

  async list(userId: string, limit: number, before?: string): Promise<NotificationRecord[]> {
    const rows = this.rowsOf(userId).reverse();
    const start = before === undefined ? 0 : rows.findIndex((row) => row.id === before) + 1;
    // An unknown cursor gives an empty page rather than the first one again.
    if (before !== undefined && start === 0) return [];
    return rows.slice(start, start + limit);
  }

  async get(userId: string, id: string): Promise<NotificationRecord | undefined> {
    const row = this.notifications.get(id);
    return row?.userId === userId ? row : undefined;
  }

  async unreadCount(userId: string): Promise<number> {
    return this.rowsOf(userId).filter((row) => row.readAt === null).length;
  }

  async prune(createdBefore: string): Promise<number> {
    const old = [...this.notifications.values()].filter((row) => row.createdAt < createdBefore);
    if (old.length === 0) return 0;
    await this.notifications.write(old.map((row) => [row.id, null] as const));
    const removed = new Set(old.map((row) => row.id));
    for (const [userId, ids] of this.byUser) {
      const kept = ids.filter((id) => !removed.has(id));
      if (kept.length === 0) this.byUser.delete(userId);
      else this.byUser.set(userId, kept);
    }
    return old.length;
  }

  async markRead(userId: string, ids: readonly string[] | 'all', at: string): Promise<number> {
    const wanted = ids === 'all' ? null : new Set(ids);
    const changed = this.rowsOf(userId).filter((row) => row.readAt === null && (wanted === null || wanted.has(row.id)));
    await this.notifications.write(changed.map((row) => [row.id, { ...row, readAt: at }] as const));
    return changed.length;
  }

  async preferences(userId: string): Promise<NotificationPreferencesRecord | undefined> {
    return this.prefs.get(userId);
  }

  async setPreferences(preferences: NotificationPreferencesRecord): Promise<void> {
    await this.prefs.write([[preferences.userId, preferences]]);
  }

  claimReminder(claim: ReminderClaimRecord, staleBefore: string): Promise<boolean> {
    const run = this.claims.then(async () => {
      const current = this.reminders.get(claim.key);
      const free = current === undefined || (current.completedAt === null && current.claimedAt < staleBefore);
      if (!free) return false;
      await this.reminders.write([[claim.key, claim]]);
      return true;
    });
    this.claims = run.catch(() => undefined);
    return run;
  }

  async completeReminder(key: string, at: string): Promise<void> {
    const current = this.reminders.get(key);
    if (current) await this.reminders.write([[key, { ...current, completedAt: at }]]);
  }

  async reminderClaims(): Promise<ReminderClaimRecord[]> {
    return [...this.reminders.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Waits for pending writes and closes the files. */
  async close(): Promise<void> {
    await Promise.all([this.notifications.close(), this.prefs.close(), this.reminders.close()]);
  }
}
