import type { notificationsVi } from './notifications-vi.ts';

/** English UI strings of notifications, spread into `en`; exactly the keys of `notificationsVi`. */
export const notificationsEn: Record<keyof typeof notificationsVi, string> = {
  'notifications.bell': 'Notifications',
  'notifications.bellUnread': 'Notifications: {count} unread',
  'notifications.panel': 'Notifications',
  'notifications.empty': 'No notifications yet.',
  'notifications.markAll': 'Mark all as read',
  'notifications.unread': 'Unread',
  'notifications.announce': 'New notification: {title}',
  'notifications.loadFailed': 'Notifications could not be loaded.',

  'notifications.kind.round_opened': 'A new round sent to my organisation',
  'notifications.kind.deadline_in_3_days': 'Deadline in less than 3 days',
  'notifications.kind.deadline_in_1_day': 'Deadline in less than 1 day',
  'notifications.kind.overdue': 'Deadline passed',
  'notifications.kind.comment_decided': "A decision on my organisation's comments",
  'notifications.kind.comment_replied': "A reply on my organisation's comments",
  'notifications.kind.response_received': 'A response received in a round (secretariat)',

  'notifications.prefs.title': 'Notifications I receive',
  'notifications.prefs.kind': 'Kind',
  'notifications.prefs.inApp': 'In the app',
  'notifications.prefs.email': 'By e-mail',
  'notifications.prefs.saved': 'Saved.',
  'notifications.prefs.noMail': 'The server does not send e-mail: in-app notifications only.',
  'notifications.prefs.noAddress': 'Your account has no e-mail address; ask the secretariat to add one.',

  'account.email': 'E-mail',
  'account.noEmail': 'None',
  'admin.users.email': 'E-mail (optional)',
  'admin.users.emailInvalid': 'This e-mail address is not valid.',
};
