import type { Locale } from '../i18n/index.ts';

/**
 * A timestamp (ISO) as a numeric date and time in the UI language: the Vietnamese form
 * (`vi-VN`, e.g. "14:05 20/05/2025") by default, British English for `en`; to the second when
 * `seconds`; in `timeZone` when given (tests), else the browser's. An unparsable value is
 * returned as it is.
 */
export function formatDateTime(iso: string, locale: Locale, options: { seconds: boolean; timeZone?: string }): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  }).format(date);
}
