/** The events of the notification stream the client follows. */
export const NOTIFICATION_EVENTS = ['unread', 'notification'] as const;

/** One event of the notification stream as the shared worker passes it to a tab: its name and its data as sent. */
export interface RelayedStreamEvent {
  event: string;
  data: unknown;
}
