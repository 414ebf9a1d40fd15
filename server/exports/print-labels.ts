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
  /** The print view of a document one may not open. */
  forbidden: string;
  /** … of a document or revision that does not exist. */
  notFound: string;
  /** Where the refusal page leads. */
  home: string;
}

/** The toolbar's words per language. */
export const PRINT_LABELS: Readonly<Record<PrintLang, PrintLabels>> = {
  vi: { toolbar: 'Công cụ in', back: '← Quay lại', print: 'In / Lưu PDF', forbidden: 'Bạn không có quyền mở tài liệu này.', notFound: 'Không tìm thấy tài liệu hoặc phiên bản này.', home: 'Về danh sách dự thảo' },
  en: { toolbar: 'Print tools', back: '← Back', print: 'Print / Save as PDF', forbidden: 'You do not have access to this document.', notFound: 'This document or version does not exist.', home: 'Back to the drafts' },
};
