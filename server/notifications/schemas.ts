import { Type, type Static } from '@sinclair/typebox';
import { Id, LiteralUnion, Nullable, Timestamp } from '../http/schemas.ts';
import { NOTIFICATION_KINDS } from '../storage/notification-records.ts';

/** One kind of notification. */
export const NotificationKindSchema = LiteralUnion(NOTIFICATION_KINDS);

/** A notification as its user sees it. `link` is a path of the web app. */
export const PublicNotification = Type.Object(
  {
    id: Type.String(),
    kind: NotificationKindSchema,
    title: Type.String(),
    body: Type.String(),
    link: Type.String(),
    documentId: Type.String(),
    roundId: Nullable(Type.String()),
    threadId: Nullable(Type.String()),
    createdAt: Timestamp,
    readAt: Nullable(Timestamp),
  },
  { additionalProperties: false },
);
export type PublicNotification = Static<typeof PublicNotification>;

/** `GET /api/notifications` query: page size (1–100, default 30) and the id of the last one already shown. */
export const NotificationListQuery = Type.Object(
  { limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]?|100)$' })), before: Type.Optional(Id) },
  { additionalProperties: false },
);
export type NotificationListQuery = Static<typeof NotificationListQuery>;

/** `GET /api/notifications`: newest first, the unread count, and the cursor of the next page (null at the end). */
export const NotificationList = Type.Object(
  { notifications: Type.Array(PublicNotification), unread: Type.Integer({ minimum: 0 }), nextBefore: Nullable(Type.String()) },
  { additionalProperties: false },
);
export type NotificationList = Static<typeof NotificationList>;

/** The answer of marking read: how many changed and what is left unread. */
export const MarkReadResponse = Type.Object({ changed: Type.Integer({ minimum: 0 }), unread: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });
export type MarkReadResponse = Static<typeof MarkReadResponse>;

const flags = (optional: boolean) =>
  Type.Object(
    Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, optional ? Type.Optional(Type.Boolean()) : Type.Boolean()])) as Record<
      (typeof NOTIFICATION_KINDS)[number],
      ReturnType<typeof Type.Boolean>
    >,
    { additionalProperties: false },
  );

/** Every kind, on or off. */
export const KindFlags = flags(false);
export type KindFlags = Static<typeof KindFlags>;

/**
 * A user's notification preferences: each kind in the app and by e-mail; whether the server
 * sends e-mail at all (`SMTP_URL`) and the address it would use (null: the account has none).
 */
export const NotificationPreferences = Type.Object(
  { inApp: KindFlags, email: KindFlags, mailConfigured: Type.Boolean(), emailAddress: Nullable(Type.String()) },
  { additionalProperties: false },
);
export type NotificationPreferences = Static<typeof NotificationPreferences>;

/** `PUT /api/notifications/preferences`: the kinds to change (others keep their setting). */
export const PreferencesBody = Type.Object(
  { inApp: Type.Optional(flags(true)), email: Type.Optional(flags(true)) },
  { additionalProperties: false, minProperties: 1 },
);
export type PreferencesBody = Static<typeof PreferencesBody>;
