import { fetchNotifications, markAllNotificationsRead, markNotificationRead, type AppNotification } from '../api/notification-endpoints.ts';
import { formatDateTime } from '../../document-model/date-time.ts';
import { onLocaleChange, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { errorMessage } from '../ui/error-message.ts';
import { subscribeNotifications } from './notification-stream.ts';

/** How many notifications the panel shows. */
const PANEL_SIZE = 30;

/** The bell's accessible name: "Thông báo: 3 chưa đọc", or just "Thông báo" when all are read. */
export function bellLabel(unread: number): string {
  return unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
}

/** The badge text: the count, "99+" beyond 99, empty at 0. */
export function badgeText(unread: number): string {
  if (unread <= 0) return '';
  return unread > 99 ? '99+' : String(unread);
}

/**
 * The notification bell of the header: a button whose name and badge give the unread count,
 * kept current by the live stream; it opens a panel listing the newest notifications (newest
 * first, each with its date); a click on one marks it read and opens its page; "Đánh dấu tất cả
 * đã đọc" marks them all. New notifications are announced in a polite live region. Escape or a
 * click outside closes the panel. The stream closes once the bell leaves the page.
 */
export function renderNotificationBell(): HTMLElement {
  let unread = 0;
  let items: AppNotification[] | null = null;
  const badge = h('span', { className: 'notification-bell__badge', attrs: { 'aria-hidden': 'true' } });
  const button = h('button', {
    className: 'button button--quiet notification-bell__button',
    attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'notification-panel', 'aria-haspopup': 'true' },
  }, [h('span', { className: 'notification-bell__icon', text: '🔔', attrs: { 'aria-hidden': 'true' } }), badge]);
  const live = h('span', { className: 'visually-hidden', attrs: { 'aria-live': 'polite', role: 'status' } });
  const list = h('ul', { className: 'notification-list' });
  const problem = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const markAll = h('button', { className: 'button button--quiet', i18n: 'notifications.markAll', attrs: { type: 'button' } });
  const panel = h('section', { className: 'notification-panel', attrs: { id: 'notification-panel', hidden: '' }, i18nAriaLabel: 'notifications.panel' }, [
    h('div', { className: 'notification-panel__head' }, [h('h2', { i18n: 'notifications.panel' }), markAll]),
    problem,
    list,
  ]);
  const wrapper = h('div', { className: 'notification-bell' }, [button, live, panel]);

  const showCount = (): void => {
    button.setAttribute('aria-label', bellLabel(unread));
    button.dataset.unread = String(unread);
    badge.textContent = badgeText(unread);
    badge.hidden = unread === 0;
    markAll.disabled = unread === 0;
  };

  const open = async (notification: AppNotification): Promise<void> => {
    try {
      if (notification.readAt === null) unread = await markNotificationRead(notification.id);
    } catch (error) {
      // Opening the page matters more than the read mark; the count heals from the stream.
      console.warn('marking a notification read failed', error);
    }
    location.assign(notification.link);
  };

  const renderItem = (notification: AppNotification): HTMLLIElement => {
    const link = h('a', { className: 'notification-item', attrs: { href: notification.link, 'data-notification-id': notification.id, 'data-kind': notification.kind } }, [
      h('span', { className: 'notification-item__title', text: notification.title }),
      h('span', { className: 'notification-item__body', text: notification.body }),
      h('time', { className: 'notification-item__time', text: formatDateTime(notification.createdAt), attrs: { datetime: notification.createdAt } }),
    ]);
    if (notification.readAt === null) {
      link.classList.add('is-unread');
      link.prepend(h('span', { className: 'visually-hidden', text: `${t('notifications.unread')}: ` }));
    }
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      void open(notification);
    });
    return h('li', {}, [link]);
  };

  const renderList = (): void => {
    if (items === null) return;
    list.replaceChildren(...(items.length === 0 ? [h('li', { className: 'notification-list__empty muted', i18n: 'notifications.empty' })] : items.map(renderItem)));
  };

  const load = async (): Promise<void> => {
    problem.textContent = '';
    try {
      const page = await fetchNotifications(PANEL_SIZE);
      items = page.notifications;
      unread = page.unread;
      showCount();
      renderList();
    } catch (error) {
      problem.textContent = `${t('notifications.loadFailed')} ${errorMessage(error)}`;
    }
  };

  const setOpen = (show: boolean): void => {
    panel.hidden = !show;
    button.setAttribute('aria-expanded', String(show));
    if (show) void load();
  };

  button.addEventListener('click', () => setOpen(panel.hidden));
  markAll.addEventListener('click', () => {
    markAllNotificationsRead()
      .then((left) => {
        unread = left;
        const now = new Date().toISOString();
        items = items?.map((item) => (item.readAt === null ? { ...item, readAt: now } : item)) ?? null;
        showCount();
        renderList();
      })
      .catch((error: unknown) => {
        problem.textContent = errorMessage(error);
      });
  });
  wrapper.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !panel.hidden) {
      setOpen(false);
      button.focus();
    }
  });
  document.addEventListener('click', (event) => {
    if (!panel.hidden && event.target instanceof Node && !wrapper.contains(event.target)) setOpen(false);
  });

  const close = subscribeNotifications({
    onUnread(count) {
      if (!wrapper.isConnected && wrapper.dataset.mounted === 'true') return close();
      unread = count;
      showCount();
    },
    onNotification(notification, count) {
      if (!wrapper.isConnected && wrapper.dataset.mounted === 'true') return close();
      unread = count;
      showCount();
      if (items !== null) {
        items = [notification, ...items.filter((item) => item.id !== notification.id)].slice(0, PANEL_SIZE);
        renderList();
      }
      live.textContent = t('notifications.announce', { title: notification.title });
    },
  });
  // The header is built before it is placed; from the first frame on, leaving the page ends the stream.
  requestAnimationFrame(() => {
    wrapper.dataset.mounted = 'true';
  });
  onLocaleChange(() => showCount());
  showCount();
  return wrapper;
}
