import type { DocumentRecord } from '../api/records.ts';
import type { MessageKey } from '../i18n/index.ts';
import { h } from './dom.ts';

/**
 * The top of a page about one document: a back link, the page's title and the document's
 * title (`p.document-title.<page>__document`, carrying `data-document-id`).
 */
export function documentPageHeading(options: { page: string; back: { label: MessageKey; href: string }; title: MessageKey; document: DocumentRecord }): HTMLElement[] {
  const { page, back, title, document } = options;
  return [
    h('a', { className: 'back-link', i18n: back.label, attrs: { href: back.href } }),
    h('h1', { i18n: title }),
    h('p', { className: `document-title ${page}__document`, text: document.title, attrs: { 'data-document-id': document.id } }),
  ];
}
