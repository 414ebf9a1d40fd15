import type { exportsVi } from './exports-vi.ts';

/** English UI strings of the draft's exports, spread into `en`; exactly the keys of `exportsVi`. */
export const exportsEn: Record<keyof typeof exportsVi, string> = {
  'exports.label': 'Download and print the draft',
  'exports.docx': 'Download Word',
  'exports.print': 'Print',
  'exports.pdf': 'Download PDF',
  'exports.pdfWorking': 'Making the PDF…',
  'exports.pdfUnavailable': 'This server has no PDF maker (Chromium) installed. Choose “Print”, then “Save as PDF” in the browser’s print dialog.',
  'exports.pdfBusy': 'The server is making many PDF files. Please try again in a few seconds.',
};
