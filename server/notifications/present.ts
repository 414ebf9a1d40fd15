import type { NotificationRecord } from '../storage/notification-records.ts';
import type { PublicNotification } from './schemas.ts';

/** A stored notification as its user sees it (the user id left out). */
export function presentNotification(row: NotificationRecord): PublicNotification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    documentId: row.documentId,
    roundId: row.roundId,
    threadId: row.threadId,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}
