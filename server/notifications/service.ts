import { createHash } from 'node:crypto';
import { newId } from '../ids.ts';
import type { NotificationStore, RecordStore } from '../storage/store.ts';
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationPreferencesRecord, type NotificationRecord } from '../storage/notification-records.ts';
import type { Database, DocumentRecord, RoundRecord, SubmissionRecord, ThreadRecord, ThreadStatus, UserRecord } from '../storage/records.ts';
import type { Mailer } from './mailer.ts';
import { presentNotification } from './present.ts';
import { organizationUsers, secretariatUsers } from './recipients.ts';
import type { KindFlags, NotificationPreferences, PreferencesBody } from './schemas.ts';
import type { NotificationStreams } from './streams.ts';
import {
  commentDecidedContent,
  commentRepliedContent,
  excerpt,
  renderEmail,
  responseReceivedContent,
  roundOpenedContent,
  type NotificationContent,
  type RoundFacts,
  type ThreadFacts,
} from './templates.ts';

/** Logger the service reports failed deliveries to. */
export interface NotificationLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** What the service is built from. */
export interface NotificationServiceOptions {
  store: NotificationStore;
  records: RecordStore;
  streams: NotificationStreams;
  /** Null when `SMTP_URL` is not set: no e-mail. */
  mailer: Mailer | null;
  /** `PUBLIC_URL`, for absolute links in e-mails. */
  publicUrl: string | null;
  /** The app's clock (ms). */
  now: () => number;
  logger: NotificationLogger;
}

/** Statuses that are a decision on a comment (what `comment_decided` announces). */
const DECISIONS: ReadonlySet<ThreadStatus> = new Set(['accepted', 'partially_accepted', 'not_accepted']);

const allOn = (): KindFlags => Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, true])) as KindFlags;

/** Flags of a stored map: a kind absent from it is on. */
const flagsOf = (stored: Partial<Record<NotificationKind, boolean>> | undefined): KindFlags => ({ ...allOn(), ...stored });

/** A notification id that is the same for the same reminder and user, so a repeated delivery stores nothing new. */
export function reminderNotificationId(key: string, userId: string): string {
  return createHash('sha256').update(`${key}|${userId}`).digest('base64url').slice(0, 32);
}

/**
 * Notifications: creates them for the right people (honouring each person's preferences), stores
 * them, pushes them to open streams and e-mails them when the server has SMTP. The event hooks
 * (`roundOpened`, `responseFiled`, `threadReplied`, `threadDecided`) never throw: the change
 * they announce is already stored, so a failed notification is logged, not answered as an error.
 */
export class NotificationService {
  private readonly sending = new Set<Promise<void>>();

  constructor(private readonly options: NotificationServiceOptions) {}

  /** The clock, as an ISO string. */
  stamp(): string {
    return new Date(this.options.now()).toISOString();
  }

  /**
   * Delivers `content` to `recipients`: stored for those who keep the kind on in the app
   * (with the id `idFor(user)` when given: a row with that id already stored is not stored
   * again), pushed to their streams, and e-mailed to those who keep it on by e-mail and have an
   * address (only on first delivery). Returns the stored rows.
   */
  async deliver(content: NotificationContent, recipients: readonly UserRecord[], idFor?: (userId: string) => string): Promise<NotificationRecord[]> {
    const createdAt = this.stamp();
    const prefs = new Map<string, NotificationPreferences>();
    for (const user of recipients) prefs.set(user.id, await this.preferencesOf(user));
    const rows: NotificationRecord[] = recipients
      .filter((user) => prefs.get(user.id)?.inApp[content.kind] === true)
      .map((user) => ({ id: idFor?.(user.id) ?? newId(), userId: user.id, createdAt, readAt: null, ...content }));
    const stored = await this.options.store.add(rows);
    const storedFor = new Set(stored.map((row) => row.userId));
    const skipped = new Set(rows.filter((row) => !storedFor.has(row.userId)).map((row) => row.userId));
    for (const row of stored) {
      const unread = await this.options.store.unreadCount(row.userId);
      this.options.streams.publish(row.userId, 'notification', { notification: presentNotification(row), unread });
    }
    for (const user of recipients) {
      // A repeated delivery (its row already stored) is not e-mailed again.
      if (skipped.has(user.id) || prefs.get(user.id)?.email[content.kind] !== true) continue;
      this.email(user, content);
    }
    return stored;
  }

  /** Sends the e-mail in the background (the request does not wait for SMTP); `flush` waits for it. */
  private email(user: UserRecord, content: NotificationContent): void {
    const { mailer, publicUrl } = this.options;
    const address = user.email ?? null;
    if (mailer === null || publicUrl === null || address === null) return;
    const sent = mailer
      .send({ name: user.displayName, address }, renderEmail(content, user.displayName, publicUrl))
      .catch((error: unknown) => this.options.logger.error({ err: error, userId: user.id, kind: content.kind }, 'notification e-mail could not be sent'))
      .finally(() => this.sending.delete(sent));
    this.sending.add(sent);
  }

  /** Waits for every e-mail being sent. */
  async flush(): Promise<void> {
    while (this.sending.size > 0) await Promise.all([...this.sending]);
  }

  /** Runs an event hook, logging instead of throwing. */
  private async safely(event: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.options.logger.error({ err: error, event }, 'notifications of an event could not be delivered');
    }
  }

  private read<T>(reader: (data: Readonly<Database>) => T): T {
    return this.options.records.read(reader);
  }

  /** What notifications say about a round; null when its document is gone. */
  roundFacts(round: RoundRecord): { facts: RoundFacts; document: DocumentRecord } | null {
    const document = this.read((data) => data.documents.find((doc) => doc.id === round.documentId));
    if (!document) return null;
    return {
      document,
      facts: {
        documentId: document.id,
        documentTitle: document.title,
        roundId: round.id,
        roundTitle: round.title,
        letterNumber: round.requestLetter.number,
        deadline: round.deadline,
      },
    };
  }

  /** Name of an organisation (its id when deleted). */
  organizationName(organizationId: string): string {
    return this.read((data) => data.organizations.find((org) => org.id === organizationId)?.name ?? organizationId);
  }

  /** Hook: a round was opened; every user of each consulted organisation is told. */
  roundOpened(round: RoundRecord, by: UserRecord): Promise<void> {
    return this.safely('round_opened', async () => {
      const found = this.roundFacts(round);
      if (!found) return;
      const recipients = this.read((data) => organizationUsers(data, found.document, round.organizations, by.id));
      await this.deliver(roundOpenedContent(found.facts), recipients);
    });
  }

  /** Hook: a response was filed; when it answers a round, the secretariat is told. */
  responseFiled(submission: SubmissionRecord, by: UserRecord): Promise<void> {
    return this.safely('response_received', async () => {
      const roundId = submission.roundId ?? null;
      if (roundId === null) return;
      const round = this.read((data) => data.rounds.find((candidate) => candidate.id === roundId));
      const found = round ? this.roundFacts(round) : null;
      if (!found) return;
      const recipients = this.read((data) => secretariatUsers(data, found.document, by.id));
      await this.deliver(responseReceivedContent(found.facts, this.organizationName(submission.organizationId), submission), recipients);
    });
  }

  /** What notifications say about a thread, and who of its organisation may be told; null when it speaks for no organisation. */
  private threadAudience(thread: ThreadRecord, exceptUserId: string): { facts: ThreadFacts; recipients: UserRecord[] } | null {
    const organizationId = thread.organizationId;
    if (organizationId === null) return null;
    return this.read((data) => {
      const document = data.documents.find((doc) => doc.id === thread.documentId);
      if (!document) return null;
      return {
        facts: {
          documentId: document.id,
          documentTitle: document.title,
          threadId: thread.id,
          organizationName: data.organizations.find((org) => org.id === organizationId)?.name ?? organizationId,
          excerpt: excerpt(thread.comments[0]?.body ?? thread.anchor?.quote ?? ''),
        },
        recipients: organizationUsers(data, document, [organizationId], exceptUserId),
      };
    });
  }

  /** Hook: `by` replied on a thread (its last comment); its organisation's users are told, not the author. */
  threadReplied(thread: ThreadRecord, by: UserRecord): Promise<void> {
    return this.safely('comment_replied', async () => {
      const audience = this.threadAudience(thread, by.id);
      const reply = thread.comments.at(-1);
      if (!audience || !reply) return;
      await this.deliver(commentRepliedContent(audience.facts, by.displayName, reply.body), audience.recipients);
    });
  }

  /** Hook: a thread's status changed from `before`; a new decision is told to its organisation's users. */
  threadDecided(before: ThreadRecord, after: ThreadRecord, by: UserRecord): Promise<void> {
    return this.safely('comment_decided', async () => {
      if (before.status === after.status || !DECISIONS.has(after.status)) return;
      const audience = this.threadAudience(after, by.id);
      if (!audience) return;
      await this.deliver(commentDecidedContent(audience.facts, after.status, after.explanation), audience.recipients);
    });
  }

  /** A page of a user's notifications, newest first, with the unread count. */
  async list(userId: string, limit: number, before?: string): Promise<{ rows: NotificationRecord[]; unread: number; nextBefore: string | null }> {
    const rows = await this.options.store.list(userId, limit + 1, before);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { rows: page, unread: await this.options.store.unreadCount(userId), nextBefore: rows.length > limit && last ? last.id : null };
  }

  /** How many of the user's notifications are unread. */
  unreadCount(userId: string): Promise<number> {
    return this.options.store.unreadCount(userId);
  }

  /** One notification of the user, or undefined. */
  get(userId: string, id: string): Promise<NotificationRecord | undefined> {
    return this.options.store.get(userId, id);
  }

  /** Marks the user's notifications read (the given ones, or all) and tells the user's other tabs. */
  async markRead(userId: string, ids: readonly string[] | 'all'): Promise<{ changed: number; unread: number }> {
    const changed = await this.options.store.markRead(userId, ids, this.stamp());
    const unread = await this.options.store.unreadCount(userId);
    if (changed > 0) this.options.streams.publish(userId, 'unread', { unread });
    return { changed, unread };
  }

  /** A user's preferences (every kind on unless switched off), with the e-mail facts the page shows. */
  async preferencesOf(user: UserRecord): Promise<NotificationPreferences> {
    const stored = await this.options.store.preferences(user.id);
    return {
      inApp: flagsOf(stored?.inApp),
      email: flagsOf(stored?.email),
      mailConfigured: this.options.mailer !== null,
      emailAddress: user.email ?? null,
    };
  }

  /** Changes the given kinds of a user's preferences; the others keep their setting. */
  async updatePreferences(user: UserRecord, changes: PreferencesBody): Promise<NotificationPreferences> {
    const current = await this.options.store.preferences(user.id);
    const next: NotificationPreferencesRecord = {
      userId: user.id,
      inApp: { ...current?.inApp, ...changes.inApp },
      email: { ...current?.email, ...changes.email },
      updatedAt: this.stamp(),
    };
    await this.options.store.setPreferences(next);
    return this.preferencesOf(user);
  }

  /** Waits for e-mails being sent, then closes the mailer. */
  async close(): Promise<void> {
    await this.flush();
    this.options.mailer?.close();
  }
}
