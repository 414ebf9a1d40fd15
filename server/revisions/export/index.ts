/**
 * Exports of a comparison: a Word document with tracked changes and a printable HTML page.
 */
export { comparisonToDocx, type DocxMeta } from './docx.ts';
export { comparisonToHtml, escapeHtml } from './html.ts';
export type { ExportLang, ExportMeta } from './labels.ts';
