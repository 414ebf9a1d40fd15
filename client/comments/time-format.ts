/** A calendar date (`YYYY-MM-DD`, e.g. a công văn's or a meeting's) as "20/05/2025"; other text is returned as it is. */
export function formatCalendarDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

/** Today's date in the browser's time zone as `YYYY-MM-DD` (the default of date fields). */
export function todayIso(now: Date = new Date()): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
