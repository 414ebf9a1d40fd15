import type { Comparison, SectionChange } from '../api/comparison-records.ts';
import type { MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { statusKey } from './view-model.ts';

/** The summary figures in display order: a stable name (`data-summary`), its label and how to read it. */
const FIGURES: ReadonlyArray<{ name: string; key: MessageKey; value: (comparison: Comparison) => number }> = [
  { name: 'sections-added', key: 'compare.sectionsAdded', value: (c) => c.summary.sections.added },
  { name: 'sections-removed', key: 'compare.sectionsRemoved', value: (c) => c.summary.sections.removed },
  { name: 'sections-moved', key: 'compare.sectionsMoved', value: (c) => c.summary.sections.moved },
  { name: 'sections-modified', key: 'compare.sectionsModified', value: (c) => c.summary.sections.modified },
  { name: 'words-inserted', key: 'compare.wordsInserted', value: (c) => c.summary.words.inserted },
  { name: 'words-deleted', key: 'compare.wordsDeleted', value: (c) => c.summary.words.deleted },
  { name: 'whitespace-only', key: 'compare.whitespaceOnly', value: (c) => c.summary.whitespaceOnly },
  { name: 'formatting-only', key: 'compare.formattingOnly', value: (c) => c.summary.formattingOnly },
];

function sectionRow(section: SectionChange): HTMLTableRowElement {
  const number = section.toNumber ?? section.fromNumber;
  return h('tr', { attrs: { 'data-section-id': section.id, 'data-section-status': section.status } }, [
    h('td', {}, [...(number === null ? [] : [h('span', { className: 'diff-number', text: number }), ' ']), section.title]),
    h('td', {}, [h('span', { className: `diff-status diff-status--${section.status}`, i18n: statusKey(section.status) })]),
    h('td', { className: 'numeric diff-count--inserted', text: `+${section.insertedWords}` }),
    h('td', { className: 'numeric diff-count--deleted', text: `−${section.deletedWords}` }),
  ]);
}

/**
 * The top of the compare page: the totals (sections added, removed, moved and modified,
 * words inserted and deleted, whitespace- and formatting-only blocks), each a `<div
 * data-summary="…">` whose `.summary-figure__value` is the number, then one table row per
 * section with its number, title, status and +/− word counts.
 */
export function renderSummary(comparison: Comparison): HTMLElement {
  const figures = FIGURES.map((figure) =>
    h('div', { className: 'summary-figure', attrs: { 'data-summary': figure.name } }, [
      h('span', { className: 'summary-figure__value', text: String(figure.value(comparison)) }),
      h('span', { className: 'summary-figure__label', i18n: figure.key }),
    ]),
  );
  const table =
    comparison.sections.length === 0
      ? h('p', { className: 'muted', i18n: 'compare.noSections' })
      : h('div', { className: 'table-scroll' }, [
          h('table', { className: 'data-table compare-sections' }, [
            h('caption', { i18n: 'compare.sectionsTitle' }),
            h('thead', {}, [
              h('tr', {}, [
                h('th', { i18n: 'compare.column.section', attrs: { scope: 'col' } }),
                h('th', { i18n: 'compare.column.status', attrs: { scope: 'col' } }),
                h('th', { className: 'numeric', i18n: 'compare.column.inserted', attrs: { scope: 'col' } }),
                h('th', { className: 'numeric', i18n: 'compare.column.deleted', attrs: { scope: 'col' } }),
              ]),
            ]),
            h('tbody', {}, comparison.sections.map(sectionRow)),
          ]),
        ]);
  return h('section', { className: 'card compare-summary', attrs: { 'aria-labelledby': 'compare-summary-title' } }, [
    h('h2', { i18n: 'compare.summary', attrs: { id: 'compare-summary-title' } }),
    h('div', { className: 'summary-figures' }, figures),
    table,
  ]);
}
