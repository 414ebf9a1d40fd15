/**
 * Vietnamese UI strings of notifications (the bell, its panel, the preferences on the account
 * page, the e-mail address of accounts), spread into `vi`; `notifications-en.ts` defines the same keys.
 */
export const notificationsVi = {
  'notifications.bell': 'Thông báo',
  'notifications.bellUnread': 'Thông báo: {count} chưa đọc',
  'notifications.panel': 'Thông báo',
  'notifications.empty': 'Chưa có thông báo nào.',
  'notifications.markAll': 'Đánh dấu tất cả đã đọc',
  'notifications.unread': 'Chưa đọc',
  'notifications.announce': 'Thông báo mới: {title}',
  'notifications.loadFailed': 'Không tải được thông báo.',

  'notifications.kind.round_opened': 'Đợt lấy ý kiến mới gửi cơ quan tôi',
  'notifications.kind.deadline_in_3_days': 'Còn dưới 3 ngày đến hạn góp ý',
  'notifications.kind.deadline_in_1_day': 'Còn dưới 1 ngày đến hạn góp ý',
  'notifications.kind.overdue': 'Đã quá hạn góp ý',
  'notifications.kind.comment_decided': 'Quyết định về góp ý của cơ quan tôi',
  'notifications.kind.comment_replied': 'Trả lời góp ý của cơ quan tôi',
  'notifications.kind.response_received': 'Cơ quan gửi ý kiến trong đợt (thư ký)',

  'notifications.prefs.title': 'Nhận thông báo',
  'notifications.prefs.kind': 'Loại thông báo',
  'notifications.prefs.inApp': 'Trong ứng dụng',
  'notifications.prefs.email': 'Qua thư điện tử',
  'notifications.prefs.saved': 'Đã lưu.',
  'notifications.prefs.noMail': 'Máy chủ chưa cấu hình gửi thư điện tử: chỉ có thông báo trong ứng dụng.',
  'notifications.prefs.noAddress': 'Tài khoản chưa có địa chỉ thư điện tử; đề nghị thư ký cập nhật.',

  'account.email': 'Thư điện tử',
  'account.noEmail': 'Chưa có',
  'admin.users.email': 'Thư điện tử (không bắt buộc)',
  'admin.users.emailInvalid': 'Địa chỉ thư điện tử không hợp lệ.',
};
