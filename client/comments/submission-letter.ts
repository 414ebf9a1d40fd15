import type { MessageKey } from '../i18n/index.ts';
import { t } from '../i18n/index.ts';
import type { NewSubmission } from '../api/comment-endpoints.ts';
import { createDateInput } from '../ui/date-input.ts';
import { createFileInput } from '../ui/file-input.ts';
import { h } from '../ui/dom.ts';
import { field } from '../ui/field.ts';
import { ATTACHMENT_ACCEPT, checkAttachment, readAttachment } from './attachment-file.ts';
import { todayIso } from './time-format.ts';

/** What an official letter says of itself: number, date, signer, the scan, and "no comments". */
export type LetterFields = Pick<NewSubmission, 'documentNumber' | 'date' | 'signer' | 'noComments' | 'attachment'>;

/** The letter's fields of a submission or response form. */
export interface LetterInputs {
  /** The number, date, signer and file fields, in form order. */
  readonly fields: HTMLElement[];
  /** The "Không có ý kiến" checkbox, labelled (the form places it). */
  readonly noCommentsField: HTMLElement;
  readonly noComments: HTMLInputElement;
  /** The letter as typed, the file read as base64; a translated message when something is missing or wrong. */
  read(): Promise<LetterFields | string>;
  /** Empties the fields; the date back to today. */
  reset(): void;
}

/**
 * Số văn bản, ngày (dd/mm/yyyy, whatever the browser's language), người ký, an optional PDF
 * or DOCX (≤ 10 MB) and "Không có ý kiến": the part every official letter form shares.
 */
export function createLetterInputs(numberLabel: MessageKey, noCommentsLabel: MessageKey): LetterInputs {
  const documentNumber = h('input', { attrs: { name: 'documentNumber', required: '', maxlength: '100', autocomplete: 'off' } });
  const date = createDateInput('date', { required: true });
  date.setIso(todayIso());
  const signer = h('input', { attrs: { name: 'signer', required: '', maxlength: '200', autocomplete: 'off' } });
  const file = createFileInput({ name: 'attachment', accept: ATTACHMENT_ACCEPT });
  const noComments = h('input', { attrs: { type: 'checkbox', name: 'noComments' } });
  return {
    fields: [
      field(numberLabel, documentNumber),
      field('comments.submission.date', date.input, 'comments.dateHint'),
      field('comments.submission.signer', signer),
      field('comments.submission.attachment', file.element, 'comments.submission.attachmentHint'),
    ],
    noCommentsField: h('label', { className: 'checkbox-field submission-form__no-comments' }, [noComments, h('span', { i18n: noCommentsLabel })]),
    noComments,
    async read() {
      const number = documentNumber.value.normalize('NFC').trim();
      const signerName = signer.value.normalize('NFC').trim();
      if (number === '' || signerName === '' || date.iso() === '') return t('comments.error.submissionIncomplete');
      const letter: LetterFields = { documentNumber: number, date: date.iso(), signer: signerName, noComments: noComments.checked };
      const chosen = file.input.files?.[0];
      if (chosen !== undefined) {
        const check = checkAttachment(chosen);
        if (!check.ok) return t(check.reason === 'type' ? 'comments.error.invalidAttachment' : 'comments.error.fileTooLarge');
        letter.attachment = await readAttachment(chosen, check.contentType);
      }
      return letter;
    },
    reset() {
      documentNumber.value = '';
      signer.value = '';
      noComments.checked = false;
      file.clear();
      date.setIso(todayIso());
    },
  };
}
