/**
 * The draft's print view: one standalone HTML page laid out like the Word export (Decree
 * 30/2020/NĐ-CP) for the browser's Print → Save as PDF and for the server's PDF — CSS `@page`
 * A4 with the decree's margins, Times New Roman 14 pt, the header block, the DỰ THẢO mark,
 * numbered headings, real lists, tables, and the page number centred in the top margin from the
 * second page on (CSS page-margin boxes). Every piece of content is escaped; the page's only
 * script is the server's own `/print-view.js` (the print button), so the Content-Security-Policy
 * needs no exception.
 */
import { escapeHtml } from '../revisions/export/html.ts';
import { NATIONAL_MOTTO, NATIONAL_NAME } from './decree-30-docx.ts';
import { versionLine, type DraftMeta } from './draft-meta.ts';
import type { DraftBlock, DraftList, DraftRun, DraftTable } from './draft-model.ts';
import { PRINT_LABELS, type PrintLang } from './print-labels.ts';

/** Address of the print button's script. */
export const PRINT_SCRIPT_PATH = '/print-view.js';

/** The print button's script: `window.print()` on click (no inline handlers under the CSP). */
export const PRINT_SCRIPT = "document.querySelector('[data-action=\"print\"]')?.addEventListener('click', () => window.print());\n";

const STYLE = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm;
  @top-center { content: counter(page); font-family: "Times New Roman", Times, serif; font-size: 14pt; vertical-align: middle; } }
@page :first { @top-center { content: none; } }
html { background: #e9e9e9; }
body { margin: 0; font-family: "Times New Roman", Times, serif; font-size: 14pt; line-height: 1.3; color: #000; }
.print-toolbar { font-family: system-ui, sans-serif; font-size: 11pt; display: flex; gap: 1em; align-items: center; padding: .6em 1em; background: #fff; border-bottom: 1px solid #ccc; position: sticky; top: 0; }
.print-toolbar button { font: inherit; padding: .35em 1em; cursor: pointer; }
.paper { background: #fff; width: 165mm; margin: 1.5em auto; padding: 20mm 15mm 20mm 30mm; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
.draft-mark { margin: 0 0 .8em auto; width: 42%; border: 1px solid #000; text-align: center; padding: .15em .3em; }
.draft-mark strong { display: block; }
.draft-mark span { display: block; font-style: italic; font-size: 12pt; }
table.national { width: 100%; border-collapse: collapse; margin-bottom: 1.2em; }
table.national td { vertical-align: top; text-align: center; padding: 0; font-weight: bold; }
table.national td.issuer { width: 40%; font-size: 13pt; }
table.national td.nation { font-size: 13pt; }
.rule { display: block; width: 33%; margin: .15em auto 0; border-top: 1px solid #000; }
.motto { display: inline-block; font-size: 14pt; text-decoration: underline; text-underline-offset: 3px; }
h1.title { font-size: 14pt; text-align: center; margin: 1em 0 1.2em; }
h2, h3, h4, h5 { font-size: 14pt; margin: .5em 0; break-after: avoid; text-align: justify; text-indent: 1cm; }
h2 { text-align: center; text-indent: 0; }
h5 { font-weight: normal; font-style: italic; }
p { margin: 0 0 .4em; text-align: justify; text-indent: 1cm; }
li > p { text-indent: 0; }
ul, ol { margin: 0 0 .4em; padding-left: 1.8em; }
ul ul { list-style-type: "– "; }
ul ul ul { list-style-type: "+ "; }
ol ol { list-style-type: lower-alpha; }
ol ol ol { list-style-type: lower-roman; }
table.draft-table { width: 100%; border-collapse: collapse; margin: .4em 0 .8em; font-size: 13pt; }
table.draft-table th, table.draft-table td { border: 1px solid #000; padding: .2em .4em; vertical-align: top; }
table.draft-table th { background: #f2f2f2; }
table.draft-table p { text-indent: 0; text-align: left; margin: 0 0 .2em; }
table.draft-table th p { text-align: center; }
table.draft-table tr { break-inside: avoid; }
@media print {
  html { background: none; }
  .print-toolbar { display: none; }
  .paper { width: auto; margin: 0; padding: 0; box-shadow: none; }
}
`;

/** Escaped runs with their marks; "\n" as `<br>`. */
function runsHtml(runs: readonly DraftRun[]): string {
  return runs
    .map((run) => {
      let html = escapeHtml(run.text).replace(/\n/gu, '<br>');
      if (run.underline) html = `<u>${html}</u>`;
      if (run.italic) html = `<em>${html}</em>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

function listHtml(list: DraftList): string {
  const items = list.items
    .map((item) => `<li>${item.blocks.map((block) => (block.kind === 'list' ? listHtml(block) : `<p>${runsHtml(block.runs)}</p>`)).join('')}</li>`)
    .join('');
  if (!list.ordered) return `<ul>${items}</ul>`;
  return `<ol${list.start === 1 ? '' : ` start="${list.start}"`}>${items}</ol>`;
}

/** A table; a first row of header cells is its `thead`, which browsers repeat on every printed page. */
function tableHtml(table: DraftTable): string {
  const rows = table.rows.map((row) => {
    const cells = row
      .map((cell) => {
        const tag = cell.header ? 'th' : 'td';
        const spans = `${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}${cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ''}`;
        const content = cell.blocks.map((block) => (block.kind === 'list' ? listHtml(block) : `<p>${runsHtml(block.runs)}</p>`)).join('');
        return `<${tag}${spans}>${content}</${tag}>`;
      })
      .join('');
    return `<tr>${cells}</tr>`;
  });
  const first = table.rows[0];
  const headed = first !== undefined && first.length > 0 && first.every((cell) => cell.header);
  return headed ? `<table class="draft-table"><thead>${rows[0] ?? ''}</thead><tbody>${rows.slice(1).join('')}</tbody></table>` : `<table class="draft-table"><tbody>${rows.join('')}</tbody></table>`;
}

function blockHtml(block: DraftBlock): string {
  switch (block.kind) {
    case 'heading': {
      // The document's title is the page's h1, so outline levels 1–4 are h2–h5.
      const tag = `h${block.level + 1}`;
      const number = `<span class="number">${escapeHtml(block.number)}</span>`;
      return `<${tag}>${number}${block.level === 1 ? '<br>' : ' '}${runsHtml(block.runs)}</${tag}>`;
    }
    case 'paragraph':
      return `<p>${runsHtml(block.runs)}</p>`;
    case 'list':
      return listHtml(block);
    case 'table':
      return tableHtml(block);
  }
}

/** Links of the print view's toolbar (not printed). */
export interface PrintLinks {
  /** Where "back" goes: the editor or the revision page. */
  back: string;
}

/**
 * The print view of `blocks` (see `readDraft`) as a complete HTML document. Without `links`
 * it has no toolbar and no script: that is the page the server's PDF is made from.
 */
export function draftToHtml(blocks: readonly DraftBlock[], meta: DraftMeta, options: { links?: PrintLinks; lang?: PrintLang } = {}): string {
  const labels = PRINT_LABELS[options.lang ?? 'vi'];
  const toolbar =
    options.links === undefined
      ? ''
      : `<nav class="print-toolbar" aria-label="${escapeHtml(labels.toolbar)}"><a href="${escapeHtml(options.links.back)}">${escapeHtml(labels.back)}</a><button type="button" data-action="print">${escapeHtml(labels.print)}</button></nav>`;
  return [
    '<!doctype html>',
    `<html lang="${options.lang ?? 'vi'}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${meta.title} - ${meta.version}`)}</title>`,
    `<style>${STYLE}</style>`,
    ...(options.links === undefined ? [] : [`<script src="${PRINT_SCRIPT_PATH}" defer></script>`]),
    '</head>',
    '<body>',
    toolbar,
    // The content is the state document, in Vietnamese whatever the toolbar's language.
    '<main class="paper" lang="vi">',
    `<div class="draft-mark"><strong>DỰ THẢO</strong><span>${escapeHtml(versionLine(meta))}</span></div>`,
    `<table class="national" role="presentation"><tr><td class="issuer">${escapeHtml(meta.draftingBody.toLocaleUpperCase('vi'))}<span class="rule"></span></td>`,
    `<td class="nation">${escapeHtml(NATIONAL_NAME)}<br><span class="motto">${escapeHtml(NATIONAL_MOTTO)}</span></td></tr></table>`,
    `<h1 class="title">${escapeHtml(meta.title.toLocaleUpperCase('vi'))}</h1>`,
    ...blocks.map(blockHtml),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The page a browser gets instead of a print view it may not see: the reason in the toolbar's
 * language and the way back to the list, never raw JSON.
 */
export function printRefusalHtml(reason: 'forbidden' | 'notFound', lang: PrintLang = 'vi'): string {
  const labels = PRINT_LABELS[lang];
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(labels[reason])}</title>`,
    '<style>body { font-family: system-ui, sans-serif; margin: 3em auto; max-width: 40em; padding: 0 1em; }</style>',
    '</head>',
    `<body><main><h1>${escapeHtml(labels[reason])}</h1><p><a href="/">${escapeHtml(labels.home)}</a></p></main></body>`,
    '</html>',
    '',
  ].join('\n');
}
