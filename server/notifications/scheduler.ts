import { randomUUID } from 'node:crypto';
import type { OrganizationStanding } from '../rounds/status.ts';
import type { NotificationStore, RecordStore } from '../storage/store.ts';
import type { RoundRecord } from '../storage/records.ts';
import { organizationUsers } from './recipients.ts';
import { reminderNotificationId, type NotificationLogger, type NotificationService } from './service.ts';
import { reminderContent } from './templates.ts';

/** The reminder kinds, latest first: at any moment at most one of them is due for a round. */
type ReminderKind = 'overdue' | 'deadline_in_1_day' | 'deadline_in_3_days';

const DAY_MS = 24 * 3600_000;

/** Statuses of an organisation that has not answered (an oral statement at a meeting counts as an answer). */
const UNANSWERED: ReadonlySet<string> = new Set(['pending', 'preparing', 'overdue']);

/** How long a claim taken by a sender that never completed it blocks others (the sender is presumed dead after it). */
const CLAIM_LEASE_MS = 10 * 60_000;

/**
 * The reminder due for a deadline at `now`: overdue once passed, otherwise the one whose
 * window (1 day, 3 days before) `now` is in; null before 3 days. Only the latest applies: a
 * server down during the 3-day window sends the 1-day reminder, not both.
 */
export function dueReminder(deadline: string, now: number): ReminderKind | null {
  const left = Date.parse(deadline) - now;
  if (left < 0) return 'overdue';
  if (left <= DAY_MS) return 'deadline_in_1_day';
  if (left <= 3 * DAY_MS) return 'deadline_in_3_days';
  return null;
}

/** The idempotency key of a reminder: per round, organisation, kind and the deadline in force (an extension re-arms). */
export function reminderKey(roundId: string, organizationId: string, kind: ReminderKind, deadline: string): string {
  return `${roundId}:${organizationId}:${kind}:${deadline}`;
}

/** What the scheduler needs. */
export interface ReminderSchedulerOptions {
  records: RecordStore;
  store: NotificationStore;
  notifications: NotificationService;
  /** Standings of a round's organisations at `now` (from its document's submissions and threads). */
  standings(round: RoundRecord, now: number): Promise<OrganizationStanding[]>;
  now: () => number;
  intervalMs: number;
  logger: NotificationLogger;
}

/**
 * Deadline reminders, sent by the server: for every open round and every consulted
 * organisation that has not answered, `deadline_in_3_days`, `deadline_in_1_day` and `overdue`
 * to that organisation's users, each once. Once-only across restarts and processes: before
 * sending, a claim keyed `roundId:organizationId:kind:deadline` is written to the store, and only
 * the process that wrote it sends; notification ids derive from the key, so a claim retaken
 * after its sender died delivers nothing twice in the app. Runs every `intervalMs` and on demand.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<number> = Promise.resolve(0);
  private readonly owner = randomUUID();

  constructor(private readonly options: ReminderSchedulerOptions) {}

  /** Starts the timer (and a first run at once). */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.runDueReminders().catch((error: unknown) => this.options.logger.error({ err: error }, 'deadline reminders failed; they will be retried'));
    };
    this.timer = setInterval(tick, this.options.intervalMs);
    this.timer.unref();
    tick();
  }

  /**
   * Sends every reminder due at the clock's now and not yet sent; resolves with the number of
   * reminders (organisation × kind) sent. Runs one at a time: a call during a run waits for it,
   * then runs again.
   */
  runDueReminders(): Promise<number> {
    const run = this.chain.catch(() => 0).then(() => this.runOnce());
    this.chain = run;
    return run;
  }

  private async runOnce(): Promise<number> {
    const now = this.options.now();
    const open = this.options.records.read((data) => data.rounds.filter((round) => round.state === 'open').map((round) => ({ ...round, organizations: [...round.organizations] })));
    let sent = 0;
    for (const round of open) {
      const kind = dueReminder(round.deadline, now);
      if (kind === null) continue;
      const waiting = (await this.options.standings(round, now)).filter((standing) => UNANSWERED.has(standing.row.status));
      for (const standing of waiting) {
        if (await this.remind(round, standing.row.organization.id, kind, now)) sent += 1;
      }
    }
    return sent;
  }

  /** Claims, delivers and completes one reminder; false when someone else has it (or had it). */
  private async remind(round: RoundRecord, organizationId: string, kind: ReminderKind, now: number): Promise<boolean> {
    const key = reminderKey(round.id, organizationId, kind, round.deadline);
    const at = new Date(now).toISOString();
    const claimed = await this.options.store.claimReminder({ key, owner: this.owner, claimedAt: at, completedAt: null }, new Date(now - CLAIM_LEASE_MS).toISOString());
    if (!claimed) return false;
    const found = this.options.notifications.roundFacts(round);
    if (found) {
      const recipients = this.options.records.read((data) => organizationUsers(data, found.document, [organizationId], null));
      const content = reminderContent(kind, found.facts, this.options.notifications.organizationName(organizationId));
      await this.options.notifications.deliver(content, recipients, (userId) => reminderNotificationId(key, userId));
    }
    await this.options.store.completeReminder(key, new Date(this.options.now()).toISOString());
    return true;
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.chain.catch(() => 0);
  }
}
