/**
 * A comparison as one standalone, printable HTML page: a summary table, then the outline
 * with insertions in `<ins>` and deletions in `<del>`. Every piece of content is escaped.
 */
import type { BlockChange, Comparison, RedlineOp } from '../compare/index.ts';
import { DISPLAY_TIME_ZONE, formatDateTime } from '../../../document-model/date-time.ts';
import { blockNotes, displayNumber, labelsFor, listMarker, movedAwayNote, STATUS_ORDER, type ExportLang, type ExportMeta, type Labels } from './labels.ts';
import { withOldPlaces, type ExportEntry } from './old-places.ts';
import { exportRowStatus, exportRuns } from './table-entries.ts';
import type { TableRunRow } from '../../../document-model/table-runs.ts';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (char) => ESCAPES[char] ?? char);
}

/** Escaped text with line breaks as `<br>`. */
function textHtml(text: string): string {
  return escapeHtml(text).replace(/\n/gu, '<br>');
}

const STYLE = `
@page { size: A4; margin: 2cm 2cm 2cm 3cm; }
body { font-family: "Times New Roman", Times, serif; font-size: 13pt; line-height: 1.45; color: #111; max-width: 46em; margin: 2em auto; padding: 0 1em; }
header h1 { font-size: 16pt; margin-bottom: .2em; }
header p { margin: .1em 0; color: #444; }
table.summary { border-collapse: collapse; margin: 1em 0 2em; font-size: 11pt; }
table.summary th, table.summary td { border: 1px solid #999; padding: .2em .6em; text-align: right; }
table.summary th:first-child { text-align: left; }
ins { color: #0b6b2b; background: #e6f4ea; text-decoration: underline; }
del { color: #a0151e; background: #fce8e6; text-decoration: line-through; }
.block { margin: .4em 0; }
.block.added { border-left: 3px solid #0b6b2b; padding-left: .5em; }
.block.removed { border-left: 3px solid #a0151e; padding-left: .5em; }
.block.moved { border-left: 3px dashed #1f4e9c; padding-left: .5em; }
.block.moved-away { border-left: 3px dotted #1f4e9c; padding-left: .5em; color: #555; }
.number { font-weight: bold; margin-right: .4em; }
.note { font-size: 9pt; font-weight: normal; font-style: italic; color: #555; border: 1px solid #bbb; border-radius: 3px; padding: 0 .3em; margin-left: .5em; }
.item { padding-left: calc(var(--depth, 1) * 1.5em); }
h1.h, h2.h, h3.h, h4.h { font-size: 13pt; }
h1.h { font-size: 14pt; text-transform: none; }
table.cells { border-collapse: collapse; width: 100%; margin: .6em 0; }
table.cells td, table.cells th { border: 1px solid #666; padding: .2em .4em; vertical-align: top; text-align: left; }
table.cells th { background: #f1f1f1; }
table.cells .cell.modified, table.cells .cell.moved { box-shadow: inset 3px 0 0 #b07800; }
table.cells tr.added td, table.cells tr.added th { background: #e6f4ea; }
table.cells tr.removed td, table.cells tr.removed th { background: #fce8e6; }
@media print {
  body { margin: 0; max-width: none; }
  ins, del { background: none; }
  h1.h, h2.h, h3.h, h4.h { break-after: avoid; }
  table.summary, .block, table.cells tr { break-inside: avoid; }
}
`;

function opHtml(op: RedlineOp): string {
  const text = textHtml(op.text);
  if (op.op === 'equal') return text;
  if (op.op === 'delete') return `<del>${text}</del>`;
  const title = op.authors !== undefined && op.authors.length > 0 ? ` title="${escapeHtml(op.authors.join(', '))}"` : '';
  return `<ins${title}>${text}</ins>`;
}

function blockHtml(block: BlockChange, labels: Labels): string {
  const notes = blockNotes(block, labels)
    .map((note) => `<span class="note">${escapeHtml(note)}</span>`)
    .join('');
  const statusNote = block.status === 'added' || block.status === 'removed' ? `<span class="note">${escapeHtml(labels.status[block.status])}</span>` : '';
  const body = block.ops.map(opHtml).join('');
  const classes = `block ${block.status}${block.moved ? ' moved' : ''}`;
  const id = `data-block-id="${escapeHtml(block.id)}"`;
  if (block.kind === 'heading') {
    const level = Math.min(Math.max(block.level, 1), 4);
    const number = displayNumber(block);
    const numberHtml = number === null ? '' : `<span class="number">${escapeHtml(number)}</span> `;
    return `<h${level} class="h ${classes}" ${id}>${numberHtml}${body}${statusNote}${notes}</h${level}>`;
  }
  if (block.kind === 'list_item') {
    return `<p class="item ${classes}" style="--depth: ${block.level}" ${id}>${escapeHtml(listMarker(block))} ${body}${statusNote}${notes}</p>`;
  }
  return `<p class="${classes}" ${id}>${body}${statusNote}${notes}</p>`;
}

/** A moved block at its old place: its former number and text struck through, "Đã chuyển đến mục …" on the run's first block. */
function movedAwayHtml(block: BlockChange, labels: Labels): string {
  const note = movedAwayNote(block, labels);
  const noteHtml = note === null ? '' : `<span class="note">${escapeHtml(note)}</span>`;
  const body = block.fromText === null ? '' : `<del>${textHtml(block.fromText)}</del>`;
  const attrs = `class="${block.kind === 'heading' ? 'h ' : block.kind === 'list_item' ? 'item ' : ''}block moved-away" data-moved-away-id="${escapeHtml(block.id)}"`;
  if (block.kind === 'heading') {
    const level = Math.min(Math.max(block.level, 1), 4);
    const numberHtml = block.fromNumber === null ? '' : `<span class="number"><del>${escapeHtml(block.fromNumber)}</del></span> `;
    return `<h${level} ${attrs}>${numberHtml}${body}${noteHtml}</h${level}>`;
  }
  if (block.kind === 'list_item') return `<p ${attrs} style="--depth: ${block.level}"><del>${escapeHtml(listMarker(block))}</del> ${body}${noteHtml}</p>`;
  return `<p ${attrs}>${body}${noteHtml}</p>`;
}

/** One table cell with its own redline, notes and status; header cells as `th`, spans kept. */
function cellHtml(block: BlockChange, labels: Labels): string {
  const place = block.cell;
  const tag = place?.header === true ? 'th' : 'td';
  const spans = `${place && place.colspan > 1 ? ` colspan="${place.colspan}"` : ''}${place && place.rowspan > 1 ? ` rowspan="${place.rowspan}"` : ''}`;
  const notes = blockNotes(block, labels).map((note) => `<span class="note">${escapeHtml(note)}</span>`).join('');
  const classes = `cell ${block.status}${block.moved ? ' moved' : ''}`;
  return `<${tag} class="${classes}" data-block-id="${escapeHtml(block.id)}"${spans}>${block.ops.map(opHtml).join('')}${notes}</${tag}>`;
}

/** A table laid out from its cells, a wholly added or removed row marked as such. */
function tableHtml(table: string, rows: readonly TableRunRow<ExportEntry>[], labels: Labels): string {
  const body = rows
    .map((row) => {
      const status = exportRowStatus(row.items);
      const note = status === null ? '' : ` title="${escapeHtml(labels.status[status])}"`;
      return `<tr class="row${status === null ? '' : ` ${status}`}" data-row="${escapeHtml(row.row)}"${note}>${row.items.map((entry) => cellHtml(entry.block, labels)).join('')}</tr>`;
    })
    .join('');
  return `<table class="cells" data-table="${escapeHtml(table)}"><tbody>${body}</tbody></table>`;
}

function summaryHtml(comparison: Comparison, labels: Labels): string {
  const head = STATUS_ORDER.map((status) => `<th>${escapeHtml(labels.status[status])}</th>`).join('');
  const row = (name: string, counts: Comparison['summary']['sections']): string =>
    `<tr><th>${escapeHtml(name)}</th>${STATUS_ORDER.map((status) => `<td>${counts[status]}</td>`).join('')}</tr>`;
  const { summary } = comparison;
  const extra = [
    [labels.insertedWords, summary.words.inserted],
    [labels.deletedWords, summary.words.deleted],
    [labels.whitespaceOnly, summary.whitespaceOnly],
    [labels.formattingOnly, summary.formattingOnly],
  ]
    .map(([name, value]) => `<tr><th>${escapeHtml(String(name))}</th><td colspan="${STATUS_ORDER.length}">${value}</td></tr>`)
    .join('');
  return `<table class="summary"><caption>${escapeHtml(labels.summary)}</caption><thead><tr><th></th>${head}</tr></thead><tbody>${row(labels.sections, summary.sections)}${row(labels.blocks, summary.blocks)}${extra}</tbody></table>`;
}

/**
 * Renders `comparison` as a complete HTML document (UTF-8, A4 print styles) in `lang`. A
 * moved block stands at its new place ("Đã chuyển từ mục …") and, struck through, at its old
 * place ("Đã chuyển đến mục …"); the notes go on the first block of what moved together.
 * Tables are tables again, each cell with its own changes. All document text and metadata are escaped; nothing is injected raw.
 */
export function comparisonToHtml(comparison: Comparison, meta: ExportMeta, lang: ExportLang): string {
  const labels = labelsFor(lang);
  const date = meta.date ?? new Date();
  const title = `${labels.comparison}: ${meta.title}`;
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(labels.from)}: <strong>${escapeHtml(meta.fromLabel)}</strong> — ${escapeHtml(labels.to)}: <strong>${escapeHtml(meta.toLabel)}</strong></p>`,
    `<p>${escapeHtml(labels.generated)}: ${escapeHtml(formatDateTime(date, DISPLAY_TIME_ZONE))}</p>`,
    '</header>',
    summaryHtml(comparison, labels),
    '<main>',
    ...exportRuns(withOldPlaces(comparison)).map((run) => {
      if (run.kind === 'table') return tableHtml(run.table, run.rows, labels);
      return run.item.place === 'old' ? movedAwayHtml(run.item.block, labels) : blockHtml(run.item.block, labels);
    }),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
