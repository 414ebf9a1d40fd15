import { fetchDocument, fetchMe } from '../api/endpoints.ts';
import { compareDocxUrl, compareHtmlUrl, fetchComparison } from '../api/revision-endpoints.ts';
import type { CompareResult } from '../api/comparison-records.ts';
import { renderRedline } from '../compare/redline-view.ts';
import { renderSideBySide } from '../compare/side-by-side-view.ts';
import { renderSummary } from '../compare/summary-view.ts';
import { isIdentical, needsFullText, visibleBlocks, type CompareFilters, type VisibleBlock } from '../compare/view-model.ts';
import { getLocale, onLocaleChange, t, type MessageKey } from '../i18n/index.ts';
import { parseCompareRefs, revisionsPath } from '../router.ts';
import { h } from '../ui/dom.ts';
import { createFeedback } from '../ui/feedback.ts';
import { renderHeader } from '../ui/header.ts';
import { documentPageHeading } from '../ui/page-heading.ts';
import { createTabs } from '../ui/tabs.ts';

function checkbox(name: string, label: MessageKey, onChange: (checked: boolean) => void): HTMLLabelElement {
  const input = h('input', { attrs: { type: 'checkbox', name } });
  input.addEventListener('change', () => onChange(input.checked));
  return h('label', { className: 'checkbox' }, [input, h('span', { i18n: label })]);
}

function viewOrEmpty(visible: readonly VisibleBlock[], render: () => HTMLElement): HTMLElement {
  return visible.length === 0 ? h('p', { className: 'muted compare-empty', i18n: 'compare.empty' }) : render();
}

/**
 * `/documents/:id/compare?from=…&to=…` (revision ids or `current`): the summary of changes
 * and the per-section table, then the comparison as an inline redline ("Xem gộp") or in two
 * aligned columns ("Xem song song"), with filters hiding whitespace/formatting-only blocks
 * and unchanged blocks, and links to the Word download (tracked changes) and the printable
 * HTML. A language change fetches the comparison again so the server's labels follow.
 */
export async function renderComparePage(root: HTMLElement, documentId: string): Promise<void> {
  const refs = parseCompareRefs(location.search);
  const [me, document] = await Promise.all([fetchMe(), fetchDocument(documentId)]);
  // The changes come first (a small answer); the unchanged text follows when a view shows it.
  let result: CompareResult = await fetchComparison(document.id, refs.from, refs.to, getLocale(), 'changes');
  window.document.title = `${t('compare.title')} — ${document.title} — Draftroom`;

  const filters: CompareFilters = { hideMinor: false, onlyChanges: false };
  const versions = h('p', { className: 'compare-versions' });
  const identical = h('p', { className: 'notice compare-identical', i18n: 'compare.identical', attrs: { role: 'status' } });
  const summarySlot = h('div');
  const inlinePanel = h('div', { className: 'compare-panel', attrs: { 'data-view': 'inline' } });
  const sidePanel = h('div', { className: 'compare-panel', attrs: { 'data-view': 'side-by-side' } });
  const printLink = h('a', { className: 'button', i18n: 'compare.print', attrs: { target: '_blank', rel: 'noopener', 'data-action': 'print' } });
  const feedback = createFeedback();

  let fullTextLoading: Promise<void> | null = null;
  const renderViews = (): void => {
    const visible = visibleBlocks(result.comparison, filters);
    inlinePanel.replaceChildren(viewOrEmpty(visible, () => renderRedline(visible)));
    sidePanel.replaceChildren(viewOrEmpty(visible, () => renderSideBySide(visible, { from: result.from.label, to: result.to.label })));
    if (needsFullText(result.comparison, filters)) loadFullText();
  };
  const loadFullText = (): void => {
    const locale = getLocale();
    fullTextLoading ??= fetchComparison(document.id, refs.from, refs.to, locale, 'full')
      .then((full) => {
        // A language change meanwhile fetched its own answer; this one is for the old labels.
        if (locale !== getLocale()) return;
        result = full;
        renderAll();
      })
      .catch((error: unknown) => feedback.error(error))
      .finally(() => {
        fullTextLoading = null;
      });
  };
  const renderAll = (): void => {
    versions.replaceChildren(
      h('span', { className: 'compare-versions__label', i18n: 'compare.from' }), ' ',
      h('strong', { className: 'compare-versions__from', text: result.from.label, attrs: { 'data-ref': result.from.ref } }),
      ' → ',
      h('span', { className: 'compare-versions__label', i18n: 'compare.to' }), ' ',
      h('strong', { className: 'compare-versions__to', text: result.to.label, attrs: { 'data-ref': result.to.ref } }),
    );
    identical.hidden = !isIdentical(result.comparison);
    summarySlot.replaceChildren(renderSummary(result.comparison));
    printLink.setAttribute('href', compareHtmlUrl(document.id, refs.from, refs.to, getLocale()));
    renderViews();
  };
  renderAll();

  const tabs = createTabs(
    [
      { id: 'inline', label: 'compare.inline', panel: inlinePanel },
      { id: 'side-by-side', label: 'compare.sideBySide', panel: sidePanel },
    ],
    'compare.views',
    location.hash.slice(1),
  );
  root.replaceChildren(
    renderHeader(me),
    h('main', { className: 'page page--wide compare-page' }, [
      ...documentPageHeading({ page: 'compare-page', back: { label: 'revisions.backToList', href: revisionsPath(document.id) }, title: 'compare.title', document }),
      versions,
      h('div', { className: 'compare-downloads' }, [
        h('a', { className: 'button', i18n: 'compare.downloadDocx', attrs: { href: compareDocxUrl(document.id, refs.from, refs.to), download: '', 'data-action': 'docx' } }),
        printLink,
      ]),
      feedback.element,
      identical,
      summarySlot,
      h('section', { className: 'card compare-body' }, [
        h('div', { className: 'compare-filters' }, [
          checkbox('hideMinor', 'compare.hideMinor', (checked) => {
            filters.hideMinor = checked;
            renderViews();
          }),
          checkbox('onlyChanges', 'compare.onlyChanges', (checked) => {
            filters.onlyChanges = checked;
            renderViews();
          }),
        ]),
        tabs,
      ]),
    ]),
  );

  onLocaleChange((locale) => {
    feedback.clear();
    fetchComparison(document.id, refs.from, refs.to, locale, filters.onlyChanges ? 'changes' : 'full')
      .then((next) => {
        result = next;
        renderAll();
      })
      .catch((error: unknown) => feedback.error(error));
  });
}
