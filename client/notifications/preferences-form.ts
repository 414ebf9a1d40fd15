import { fetchNotificationPreferences, saveNotificationPreferences, type NotificationKind, type NotificationPreferences } from '../api/notification-endpoints.ts';
import { allowedValues, SHAPES } from '../api/shapes.ts';
import type { MessageKey } from '../i18n/index.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { errorMessage } from '../ui/error-message.ts';

/** Kinds of notification, in the server's order. */
const KINDS: readonly NotificationKind[] = allowedValues<NotificationKind>(SHAPES.Notification.properties?.kind);

/** The translated name of a kind. */
export function kindLabelKey(kind: NotificationKind): MessageKey {
  return `notifications.kind.${kind}`;
}

type Channel = 'inApp' | 'email';

/**
 * "Nhận thông báo" on the account page: a table of the kinds of notification with a checkbox
 * each for the app and for e-mail; a change is saved at once (and undone on the screen if the
 * server refuses it). Says when the server sends no e-mail or the account has no address.
 */
export async function renderPreferencesForm(): Promise<HTMLElement> {
  let preferences: NotificationPreferences = await fetchNotificationPreferences();
  const status = h('p', { className: 'form-success', attrs: { role: 'status' } });
  const problem = h('p', { className: 'form-error', attrs: { role: 'alert' } });

  const checkbox = (kind: NotificationKind, channel: Channel): HTMLInputElement => {
    const input = h('input', {
      attrs: { type: 'checkbox', name: `${channel}.${kind}`, 'aria-label': `${t(kindLabelKey(kind))} — ${t(channel === 'inApp' ? 'notifications.prefs.inApp' : 'notifications.prefs.email')}` },
    });
    input.checked = preferences[channel][kind];
    input.addEventListener('change', () => {
      status.textContent = '';
      problem.textContent = '';
      const wanted = input.checked;
      input.disabled = true;
      saveNotificationPreferences({ [channel]: { [kind]: wanted } })
        .then((saved) => {
          preferences = saved;
          input.checked = saved[channel][kind];
          status.textContent = t('notifications.prefs.saved');
        })
        .catch((error: unknown) => {
          input.checked = !wanted;
          problem.textContent = errorMessage(error);
        })
        .finally(() => {
          input.disabled = false;
        });
    });
    return input;
  };

  const notes: HTMLElement[] = [];
  if (!preferences.mailConfigured) notes.push(h('p', { className: 'muted', i18n: 'notifications.prefs.noMail' }));
  else if (preferences.emailAddress === null) notes.push(h('p', { className: 'muted', i18n: 'notifications.prefs.noAddress' }));

  const rows = KINDS.map((kind) =>
    h('tr', { attrs: { 'data-kind': kind } }, [
      h('th', { i18n: kindLabelKey(kind), attrs: { scope: 'row' } }),
      h('td', {}, [checkbox(kind, 'inApp')]),
      h('td', {}, [checkbox(kind, 'email')]),
    ]),
  );
  return h('section', { className: 'card notification-preferences' }, [
    h('h2', { i18n: 'notifications.prefs.title' }),
    ...notes,
    h('table', { className: 'table notification-preferences__table' }, [
      h('thead', {}, [
        h('tr', {}, [
          h('th', { i18n: 'notifications.prefs.kind', attrs: { scope: 'col' } }),
          h('th', { i18n: 'notifications.prefs.inApp', attrs: { scope: 'col' } }),
          h('th', { i18n: 'notifications.prefs.email', attrs: { scope: 'col' } }),
        ]),
      ]),
      h('tbody', {}, rows),
    ]),
    status,
    problem,
  ]);
}
