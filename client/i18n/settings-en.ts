import type { settingsVi } from './settings-vi.ts';

/** English twin of `settings-vi.ts`. */
export const settingsEn: Record<keyof typeof settingsVi, string> = {
  'admin.terms.tab': 'Names',
  'admin.terms.intro': 'What the drafting body and its secretariat are called, in the Vietnamese interface, the synthesis table and the exports. Write them as they appear mid-sentence, e.g. “Tổ biên soạn”, “Ban soạn thảo”, “Tổ thư ký”.',
  'admin.terms.draftingBody': 'Drafting body',
  'admin.terms.secretariat': 'Secretariat',
  'admin.terms.save': 'Save names',
  'admin.terms.saved': 'Names saved.',
  'audit.action.settings.terminology_changed': 'Names of the drafting body and secretariat changed',
  'audit.detail.draftingBody': 'Drafting body',
  'audit.detail.secretariat': 'Secretariat',
  'audit.detail.previousDraftingBody': 'Drafting body (before)',
  'audit.detail.previousSecretariat': 'Secretariat (before)',
};
