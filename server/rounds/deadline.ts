import { Errors } from '../errors.ts';

/** Viet Nam's offset from UTC (no daylight saving time). */
const VIET_NAM_OFFSET_MS = 7 * 3600_000;

/**
 * The instant a deadline input names, as an ISO string: a date (`2026-03-15`) means the end of
 * that day in Viet Nam (23:59:59.999 +07:00), the way a letter's "trước ngày" is read; a
 * date-time with its offset is taken as it is. Anything else: `ERR_VALIDATION`.
 */
export function deadlineInstant(input: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(input) ? `${input}T23:59:59.999+07:00` : input;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Errors.Validation(`the deadline is not a date: ${input}`);
  return new Date(ms).toISOString();
}

/** The calendar day (YYYY-MM-DD) in Viet Nam of an ISO instant. */
export function vietNamDate(iso: string): string {
  return new Date(Date.parse(iso) + VIET_NAM_OFFSET_MS).toISOString().slice(0, 10);
}
