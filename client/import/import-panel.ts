import { t, type MessageKey } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { errorMessage } from '../ui/error-message.ts';
import { confirmImport, uploadDocx, type ImportPreview, type ImportResult } from './import-endpoints.ts';

/** Where an import goes: a new document, or a new version of `documentId`. */
export type ImportTarget = { kind: 'new' } | { kind: 'version'; documentId: string };

/**
 * The "Nhập tệp Word" panel: pick a .docx, see the report (what was converted, what was
 * dropped) and the outline with the numbers the workspace will compute, then "Xác nhận nhập"
 * (with a title for a new document). Nothing is written before the confirmation; `onDone`
 * gets what the import made.
 */
export function renderImportPanel(target: ImportTarget, onDone: (result: ImportResult) => void): HTMLElement {
  const status = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const reading = h('p', { className: 'muted', i18n: 'import.reading', attrs: { role: 'status' } });
  reading.hidden = true;
  const result = h('div', { className: 'import-result' });
  const input = h('input', { attrs: { type: 'file', name: 'docx', id: `import-file-${target.kind}`, accept: '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document' } });

  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (!file) return;
    status.textContent = '';
    result.replaceChildren();
    reading.hidden = false;
    uploadDocx(file)
      .then((preview) => result.replaceChildren(renderPreview(preview, target, status, onDone)))
      .catch((error: unknown) => {
        status.textContent = errorMessage(error);
      })
      .finally(() => {
        reading.hidden = true;
      });
  });

  return h('section', { className: 'card import-panel', attrs: { 'data-section': 'import' } }, [
    h('h2', { i18n: target.kind === 'new' ? 'import.titleNew' : 'import.titleVersion' }),
    h('p', { className: 'muted', i18n: target.kind === 'new' ? 'import.hint' : 'import.versionHint' }),
    h('label', { i18n: 'import.file', attrs: { for: input.id } }),
    input,
    reading,
    status,
    result,
  ]);
}

function line(key: MessageKey, params: Record<string, string | number>): HTMLLIElement {
  return h('li', { text: t(key, params) });
}

function renderPreview(preview: ImportPreview, target: ImportTarget, status: HTMLElement, onDone: (result: ImportResult) => void): HTMLElement {
  const { converted, dropped } = preview.report;
  const convertedLines: HTMLLIElement[] = [];
  converted.headingsByLevel.forEach((count, index) => {
    if (count > 0) convertedLines.push(line('import.headingLevel', { level: index + 1, count }));
  });
  convertedLines.push(line('import.paragraphs', { count: converted.paragraphs }));
  if (converted.lists > 0) convertedLines.push(line('import.lists', { count: converted.lists, items: converted.listItems }));
  if (converted.tables > 0) convertedLines.push(line('import.tables', { count: converted.tables, cells: converted.tableCells }));
  if (converted.numbersRemoved > 0) convertedLines.push(line('import.numbersRemoved', { count: converted.numbersRemoved }));
  if (converted.legacyRuns.tcvn3 + converted.legacyRuns.vni > 0) convertedLines.push(line('import.legacy', converted.legacyRuns));
  if (converted.wholeDocumentTcvn3) convertedLines.push(h('li', { i18n: 'import.wholeTcvn3' }));
  if (converted.headingsClamped > 0) convertedLines.push(line('import.clamped', { count: converted.headingsClamped }));

  const droppedKeys: Array<[MessageKey, number]> = [
    ['import.images', dropped.images],
    ['import.comments', dropped.comments],
    ['import.trackedChanges', dropped.trackedChanges],
    ['import.footnotes', dropped.footnotes],
    ['import.endnotes', dropped.endnotes],
    ['import.textBoxes', dropped.textBoxes],
    ['import.nestedTables', dropped.nestedTables],
    ['import.stateFormatFrame', dropped.stateFormatFrame],
  ];
  const droppedLines = droppedKeys.filter(([, count]) => count > 0).map(([key, count]) => line(key, { count }));

  const outline = h('ol', { className: 'import-outline' });
  for (const entry of preview.outline) {
    outline.append(
      h('li', { className: `import-outline__item import-outline__item--level-${entry.level}`, attrs: { 'data-level': String(entry.level) } }, [
        h('span', { className: 'import-outline__number', text: entry.number }),
        ' ',
        h('span', { text: entry.text }),
      ]),
    );
  }
  if (preview.outlineTruncated > 0) outline.append(h('li', { className: 'muted', text: t('import.outlineMore', { count: preview.outlineTruncated }) }));

  const form = h('form', { className: 'import-confirm' });
  const title = h('input', { attrs: { name: 'title', id: 'import-title', required: '', maxlength: '300', value: preview.fileName.replace(/\.docx$/i, '') } });
  if (target.kind === 'new') form.append(h('label', { i18n: 'import.docTitle', attrs: { for: 'import-title' } }), title);
  const submit = h('button', { className: 'button button--primary', i18n: 'import.confirm', attrs: { type: 'submit', 'data-action': 'confirm-import' } });
  form.append(submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = title.value.normalize('NFC').trim();
    if (target.kind === 'new' && chosen === '') return;
    submit.disabled = true;
    status.textContent = '';
    confirmImport(preview.previewId, target.kind === 'new' ? { title: chosen } : { documentId: target.documentId })
      .then(onDone)
      .catch((error: unknown) => {
        status.textContent = errorMessage(error);
        submit.disabled = false;
      });
  });

  return h('div', { className: 'import-preview', attrs: { 'data-preview-id': preview.previewId } }, [
    h('h3', { text: t('import.report', { file: preview.fileName }) }),
    h('p', { className: 'muted', i18n: `import.source.${converted.headingSource}` }),
    h('h4', { i18n: 'import.converted' }),
    h('ul', { className: 'import-report import-report--converted' }, convertedLines),
    h('h4', { i18n: 'import.dropped' }),
    droppedLines.length > 0 ? h('ul', { className: 'import-report import-report--dropped' }, droppedLines) : h('p', { className: 'muted', i18n: 'import.nothingDropped' }),
    h('h4', { i18n: 'import.outline' }),
    preview.outline.length > 0 ? outline : h('p', { className: 'muted', i18n: 'import.outlineEmpty' }),
    form,
  ]);
}
