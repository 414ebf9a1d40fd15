/**
 * The one date and time convention of the whole product, on screen and in exports:
 * "08:54, 02/12/2026" (24-hour time, comma, day/month/year with leading zeros), in local time.
 * Written out by hand from `Intl` parts so it is the same in every browser language and on the
 * server, where `Intl`'s own Vietnamese and English patterns differ.
 */

/** Where the drafting committee works: the time zone of server-rendered dates (exports, checkpoint names). */
export const DISPLAY_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(timeZone === undefined ? {} : { timeZone }),
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

function partsOf(value: string | Date, timeZone: string | undefined): Record<string, string> | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/**
 * `value` (an ISO timestamp or a Date) as "08:54, 02/12/2026" in `timeZone` (default: the
 * runtime's local zone, i.e. the browser's). An unparsable string is returned as it is.
 */
export function formatDateTime(value: string | Date, timeZone?: string): string {
  const parts = partsOf(value, timeZone);
  if (!parts) return String(value);
  return `${parts.hour}:${parts.minute}, ${parts.day}/${parts.month}/${parts.year}`;
}

/** Only the time of day, "08:54", in the same convention (e.g. "locked until 08:54"). */
export function formatTimeOfDay(value: string | Date, timeZone?: string): string {
  const parts = partsOf(value, timeZone);
  if (!parts) return String(value);
  return `${parts.hour}:${parts.minute}`;
}

/** Only the date, "02/12/2026", in the same convention. */
export function formatDate(value: string | Date, timeZone?: string): string {
  const parts = partsOf(value, timeZone);
  if (!parts) return String(value);
  return `${parts.day}/${parts.month}/${parts.year}`;
}
