/**
 * Vietnamese UI strings of the terminology settings (admin tab "Tên gọi"), spread into `vi`;
 * `settings-en.ts` must define the same keys (checked by its type).
 */
export const settingsVi = {
  'admin.terms.tab': 'Tên gọi',
  'admin.terms.intro': 'Tên gọi của cơ quan soạn thảo và bộ phận thư ký, dùng trên giao diện, trong bảng tổng hợp ý kiến và các bản xuất. Viết như khi đứng giữa câu, ví dụ “Tổ biên soạn”, “Ban soạn thảo”, “Tổ thư ký”.',
  'admin.terms.draftingBody': 'Cơ quan soạn thảo',
  'admin.terms.secretariat': 'Bộ phận thư ký',
  'admin.terms.save': 'Lưu tên gọi',
  'admin.terms.saved': 'Đã lưu tên gọi.',
  'audit.action.settings.terminology_changed': 'Đổi tên gọi cơ quan soạn thảo, bộ phận thư ký',
  'audit.detail.draftingBody': 'Cơ quan soạn thảo',
  'audit.detail.secretariat': 'Bộ phận thư ký',
  'audit.detail.previousDraftingBody': 'Cơ quan soạn thảo (trước)',
  'audit.detail.previousSecretariat': 'Bộ phận thư ký (trước)',
} as const;
