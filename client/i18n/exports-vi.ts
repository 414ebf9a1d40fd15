/**
 * Vietnamese UI strings of the draft's exports (issue 13): the Word, print and PDF buttons of
 * the editor and revision pages and what they say when the PDF cannot be made. Spread into
 * `vi`; `exports-en.ts` has the same keys.
 */
export const exportsVi = {
  'exports.label': 'Tải về và in dự thảo',
  'exports.docx': 'Tải Word',
  'exports.print': 'In',
  'exports.pdf': 'Tải PDF',
  'exports.pdfWorking': 'Đang tạo PDF…',
  'exports.pdfUnavailable': 'Máy chủ này chưa cài trình tạo PDF (Chromium). Hãy bấm “In” rồi chọn “Lưu dưới dạng PDF” trong hộp thoại in của trình duyệt.',
  'exports.pdfBusy': 'Máy chủ đang tạo nhiều tệp PDF. Vui lòng thử lại sau vài giây.',
} as const;
