/**
 * Vietnamese UI strings of an organisation's official response to a consultation round (drafts,
 * sending, the locked state, the correcting response), spread into `vi`;
 * `round-response-en.ts` must define the same keys (checked by its type).
 */
export const roundResponseVi = {
  'response.round': '{title} — hạn góp ý: {deadline}',
  'response.banner': 'Đợt lấy ý kiến: {title} — hạn góp ý {deadline}',
  'response.bannerLink': 'Gửi văn bản góp ý',
  'response.draftsHint': 'Các ý kiến đánh dấu “Bản nháp” chỉ người trong đơn vị thấy; khi gửi văn bản, chúng được gửi kèm và khóa lại.',
  'response.readSent': 'Đọc đúng phiên bản đã gửi lấy ý kiến: {name}',
  'response.title': 'Gửi văn bản góp ý',
  'response.documentNumber': 'Số văn bản',
  'response.submit': 'Gửi văn bản góp ý',
  'response.noComments': 'Không có ý kiến',
  'response.sent': 'Đã gửi văn bản số {number}, ngày {date}, người ký: {signer}',
  'response.sentAt': 'Gửi lúc {time}',
  'response.late': 'Gửi sau hạn',
  'response.locked': 'Văn bản đã gửi và các ý kiến kèm theo đã khóa: không sửa hay rút được nữa. Nếu cần, gửi văn bản thay thế.',
  'response.comments': '{count} ý kiến kèm theo',
  'response.correct': 'Gửi văn bản thay thế',
  'response.cancelCorrection': 'Hủy',
  'response.superseded': 'Đã được thay thế: văn bản số {number}, ngày {date}',
  'response.done': 'Đã gửi văn bản số {number}.',
  'response.error.alreadySent': 'Đơn vị đã gửi văn bản cho đợt này; tải lại trang để xem văn bản đã gửi, rồi gửi văn bản thay thế nếu cần.',
  'response.error.locked': 'Ý kiến này đã gửi kèm văn bản chính thức nên không sửa hay rút được; hãy gửi văn bản thay thế.',
  'response.error.drafts': 'Đơn vị còn ý kiến bản nháp: gửi kèm chúng, hoặc rút chúng trước khi trả lời “Không có ý kiến”.',
  'response.error.noDrafts': 'Chưa có ý kiến nào: hãy chọn đoạn văn và góp ý (bản nháp) trước, hoặc đánh dấu “Không có ý kiến”.',
  'comments.thread.draft': 'Bản nháp',
  'comments.thread.draftHint': 'Chỉ người trong đơn vị thấy cho tới khi gửi văn bản góp ý',
} as const;
