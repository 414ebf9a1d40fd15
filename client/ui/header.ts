import { logout } from '../api/endpoints.ts';
import { LOGIN_PATH } from '../api/http.ts';
import type { User } from '../api/records.ts';
import { getLocale, setLocale, type MessageKey } from '../i18n/index.ts';
import { LOCALES, parseLocale } from '../i18n/messages.ts';
import { h } from './dom.ts';

/**
 * The application header: product name (a link to the documents list), the language
 * switcher, and, when signed in, the user's name and a sign-out button.
 */
export function renderHeader(user: User | null): HTMLElement {
  const languageSelect = h('select', { className: 'language-switcher', attrs: { name: 'language' }, i18nAriaLabel: 'lang.label' });
  for (const locale of LOCALES) {
    const key: MessageKey = locale === 'vi' ? 'lang.vi' : 'lang.en';
    const option = h('option', { i18n: key, attrs: { value: locale, lang: locale } });
    option.selected = locale === getLocale();
    languageSelect.append(option);
  }
  languageSelect.addEventListener('change', () => {
    const locale = parseLocale(languageSelect.value);
    if (locale) setLocale(locale);
  });

  const right = h('div', { className: 'app-header__right' }, [languageSelect]);
  if (user) {
    right.prepend(
      h('span', { className: 'app-header__user', text: user.displayName, attrs: { title: user.username } }),
      h('button', {
        className: 'button button--quiet',
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
      }),
    );
  }
  return h('header', { className: 'app-header' }, [
    h('a', { className: 'app-header__brand', attrs: { href: '/' } }, [
      h('span', { className: 'app-header__name', i18n: 'app.name' }),
      h('span', { className: 'app-header__tagline', i18n: 'app.tagline' }),
    ]),
    right,
  ]);
}
