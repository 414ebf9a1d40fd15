import { fetchMe } from '../api/endpoints.ts';
import type { Me } from '../api/account-records.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { renderHeader } from '../ui/header.ts';

/**
 * A page that could not be shown (unknown address, no access, a failed load): the usual header
 * with its navigation, the reason as an alert, and a link back to the documents list. The
 * header is that of the signed-in person when the session is known, else the bare one.
 */
export async function renderErrorPage(root: HTMLElement, reason: { key: MessageKey } | { text: string }): Promise<void> {
  const me: Me | null = await fetchMe().catch(() => null);
  const text = 'key' in reason ? t(reason.key) : reason.text;
  root.replaceChildren(
    renderHeader(me),
    h('main', { className: 'page error-page' }, [
      h('h1', { className: 'error-page__title', text }),
      h('p', {}, [h('a', { className: 'button', i18n: 'header.documents', attrs: { href: '/' } })]),
    ]),
  );
}
