/**
 * Rows of the notification store: notifications per user, each user's preferences, and the
 * claims that make every scheduled reminder go out once. Storage shapes: they leave the
 * server only through `server/notifications/present.ts`.
 */

/**
 * Kinds of notification, in the order the preferences list them: a round sent to my
 * organisation; its deadline within 3 days and within 1 day; the deadline passed without an
 * answer; a decision or a reply on my organisation's comment; a new response in a round (secretariat).
 */
export const NOTIFICATION_KINDS = [
  'round_opened',
  'deadline_in_3_days',
  'deadline_in_1_day',
  'overdue',
  'comment_decided',
  'comment_replied',
  'response_received',
] as const;

/** One kind of notification. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One notification for one user; its text is written (in Vietnamese) when it is created. */
export interface NotificationRecord {
  id: string;
  userId: string;
  kind: NotificationKind;
  documentId: string;
  roundId: string | null;
  threadId: string | null;
  title: string;
  body: string;
  /** A path of the web app ("/documents/…?round=…"), absolute URLs are built from `PUBLIC_URL`. */
  link: string;
  createdAt: string;
  /** When the user read it; null while unread. */
  readAt: string | null;
}

/** Which kinds a user receives, in the app and by e-mail; a kind absent from a map is on. */
export interface NotificationPreferencesRecord {
  userId: string;
  inApp: Partial<Record<NotificationKind, boolean>>;
  email: Partial<Record<NotificationKind, boolean>>;
  updatedAt: string;
}

/**
 * A scheduled reminder taken by a sender: written before anything is sent, so a second
 * process (or a restart) sees it and does not send it again. `completedAt` is set once every
 * notification of it is stored; a claim left incomplete past its lease (its sender died) may be
 * taken again, and delivery is idempotent (notification ids derive from the key).
 */
export interface ReminderClaimRecord {
  /** `roundId:organizationId:kind:deadline` (the deadline in force, so an extension re-arms). */
  key: string;
  owner: string;
  claimedAt: string;
  completedAt: string | null;
}
