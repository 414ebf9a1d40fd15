import type { ClientShapes } from '../../server/http/client-shapes.ts';
import type { PreferencesBody } from '../../server/notifications/schemas.ts';
import { apiRequest } from './http.ts';
import { narrowShape } from './shapes.ts';

/** A notification as the API shows it. */
export type AppNotification = ClientShapes['Notification'];
/** One page of the signed-in person's notifications. */
export type NotificationPage = ClientShapes['NotificationList'];
/** The signed-in person's preferences per kind. */
export type NotificationPreferences = ClientShapes['NotificationPreferences'];
/** One kind of notification. */
export type NotificationKind = AppNotification['kind'];
/** What `PUT /api/notifications/preferences` takes: the kinds to change. */
export type PreferenceChanges = PreferencesBody;

/** Path of the signed-in person's notification stream (Server-Sent Events). */
export const NOTIFICATION_STREAM_PATH = '/api/notifications/stream';

/** The newest notifications (at most `limit`), with the unread count. */
export function fetchNotifications(limit = 30): Promise<NotificationPage> {
  return apiRequest(`/api/notifications?limit=${limit}`, (value) => narrowShape('NotificationList', value, 'notifications'));
}

/** Marks one notification read; resolves with the unread count left. */
export function markNotificationRead(id: string): Promise<number> {
  return apiRequest(`/api/notifications/${encodeURIComponent(id)}/read`, (value) => narrowShape('NotificationsMarkedRead', value, 'read').unread, { method: 'POST', body: {} });
}

/** Marks every notification read; resolves with the unread count left (0). */
export function markAllNotificationsRead(): Promise<number> {
  return apiRequest('/api/notifications/read-all', (value) => narrowShape('NotificationsMarkedRead', value, 'read').unread, { method: 'POST', body: {} });
}

/** The signed-in person's preferences. */
export function fetchNotificationPreferences(): Promise<NotificationPreferences> {
  return apiRequest('/api/notifications/preferences', (value) => narrowShape('NotificationPreferences', value, 'preferences'));
}

/** Changes some kinds of the preferences; resolves with all of them as saved. */
export function saveNotificationPreferences(changes: PreferenceChanges): Promise<NotificationPreferences> {
  return apiRequest('/api/notifications/preferences', (value) => narrowShape('NotificationPreferences', value, 'preferences'), { method: 'PUT', body: changes });
}
