/**
 * Words of the print view's toolbar (never printed), in Vietnamese and English. The document
 * itself is a Vietnamese state document in both.
 */

/** Languages of the print view's toolbar. */
export type PrintLang = 'vi' | 'en';

/** The toolbar's words. */
export interface PrintLabels {
  toolbar: string;
  back: string;
  print: string;
}

/** The toolbar's words per language. */
export const PRINT_LABELS: Readonly<Record<PrintLang, PrintLabels>> = {
  vi: { toolbar: 'Công cụ in', back: '← Quay lại', print: 'In / Lưu PDF' },
  en: { toolbar: 'Print tools', back: '← Back', print: 'Print / Save as PDF' },
};
