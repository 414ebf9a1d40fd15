import { logout } from '../api/endpoints.ts';
import type { Me } from '../api/account-records.ts';
import { LOGIN_PATH } from '../api/return-path.ts';
import { isSecretariat, roleLabelKey } from '../account/roles.ts';
import { getLocale, setLocale, type MessageKey } from '../i18n/index.ts';
import { LOCALES, parseLocale } from '../i18n/messages.ts';
import { h } from './dom.ts';
import { renderNotificationBell } from '../notifications/bell.ts';

/** Paths the header links to; `aria-current` marks the one being shown. */
const NAV_LINKS: ReadonlyArray<{ href: string; key: MessageKey; secretariatOnly: boolean }> = [
  { href: '/', key: 'header.documents', secretariatOnly: false },
  { href: '/admin', key: 'header.admin', secretariatOnly: true },
  { href: '/account', key: 'header.account', secretariatOnly: false },
];

function languageSwitcher(): HTMLSelectElement {
  const select = h('select', { className: 'language-switcher', attrs: { name: 'language' }, i18nAriaLabel: 'lang.label' });
  for (const locale of LOCALES) {
    const key: MessageKey = locale === 'vi' ? 'lang.vi' : 'lang.en';
    const option = h('option', { i18n: key, attrs: { value: locale, lang: locale } });
    option.selected = locale === getLocale();
    select.append(option);
  }
  select.addEventListener('change', () => {
    const locale = parseLocale(select.value);
    if (locale) setLocale(locale);
  });
  return select;
}

function navigation(me: Me): HTMLElement {
  const links = NAV_LINKS.filter((link) => !link.secretariatOnly || isSecretariat(me.user.role)).map((link) => {
    const anchor = h('a', { className: 'app-header__link', i18n: link.key, attrs: { href: link.href } });
    if (location.pathname === link.href || (link.href === '/' && location.pathname === '/documents')) anchor.setAttribute('aria-current', 'page');
    return anchor;
  });
  return h('nav', { className: 'app-header__nav', i18nAriaLabel: 'header.nav' }, links);
}

function identity(me: Me): HTMLElement {
  const parts: HTMLElement[] = [
    h('span', { className: 'app-header__user', text: me.user.displayName, attrs: { title: me.user.username } }),
    h('span', { className: 'app-header__role', i18n: roleLabelKey(me.user.role), attrs: { 'data-role': me.user.role } }),
  ];
  if (me.organization) {
    parts.push(h('span', { className: 'app-header__organization', text: me.organization.name, attrs: { title: me.organization.shortName } }));
  }
  return h('div', { className: 'app-header__identity' }, parts);
}

function logoutButton(): HTMLButtonElement {
  return h('button', {
    className: 'button button--quiet app-header__logout',
    i18n: 'header.logout',
    attrs: { type: 'button' },
    on: {
      click: () => {
        // Even if the server call fails, leaving for /login is the right outcome.
        void logout()
          .catch(() => undefined)
          .finally(() => location.assign(LOGIN_PATH));
      },
    },
  });
}

/**
 * The application header of every page: product name (a link to the documents list) and
 * the language switcher; when signed in also the navigation (Dự thảo, Quản trị for the
 * secretariat only, Tài khoản), who is signed in (display name, translated role,
 * organisation if any), the notification bell (see `notifications/bell.ts`) and the sign-out button.
 */
export function renderHeader(me: Me | null): HTMLElement {
  const right = h('div', { className: 'app-header__right' });
  if (me) right.append(renderNotificationBell(), identity(me), logoutButton());
  right.append(languageSwitcher());
  const brand = h('a', { className: 'app-header__brand', attrs: { href: '/' } }, [
    h('span', { className: 'app-header__name', i18n: 'app.name' }),
    h('span', { className: 'app-header__tagline', i18n: 'app.tagline' }),
  ]);
  return h('header', { className: 'app-header' }, me ? [brand, navigation(me), right] : [brand, right]);
}
