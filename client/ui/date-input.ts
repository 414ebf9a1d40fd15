import { t } from '../i18n/index.ts';
import { h } from './dom.ts';

/** A date field written the Vietnamese way whatever the browser's language. */
export interface DateInput {
  /** The text box ("dd/mm/yyyy"). */
  readonly input: HTMLInputElement;
  /** The date as `YYYY-MM-DD`, or '' when empty or not a real date. */
  iso(): string;
  /** Shows `iso` (`YYYY-MM-DD`) as "02/12/2026"; '' empties the box. */
  setIso(iso: string): void;
}

/**
 * Reads "2/12/2026", "02/12/2026", "2-12-2026" or "2.12.2026" (day first) as `YYYY-MM-DD`;
 * '' for anything else, including dates that do not exist (31/02/2026).
 */
export function parseDayMonthYear(text: string): string {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!match) return '';
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return '';
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date box that always reads and writes day/month/year: a browser's own date input follows
 * the browser's language (an English Chrome shows month first), which misleads a Vietnamese
 * reader of an official letter's date. Invalid text marks the box invalid with a message.
 */
export function createDateInput(name: string, options: { required?: boolean } = {}): DateInput {
  const input = h('input', {
    attrs: { type: 'text', name, inputmode: 'numeric', autocomplete: 'off', placeholder: 'dd/mm/yyyy', maxlength: '10', ...(options.required ? { required: '' } : {}) },
  });
  const check = (): void => {
    const invalid = input.value.trim() !== '' && parseDayMonthYear(input.value) === '';
    input.setCustomValidity(invalid ? t('error.dateFormat') : '');
    input.toggleAttribute('aria-invalid', invalid);
  };
  input.addEventListener('input', check);
  return {
    input,
    iso: () => parseDayMonthYear(input.value),
    setIso(iso) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
      input.value = match ? `${match[3]}/${match[2]}/${match[1]}` : '';
      check();
    },
  };
}
