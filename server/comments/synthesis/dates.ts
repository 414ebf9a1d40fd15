import { DISPLAY_TIME_ZONE } from '../../../document-model/date-time.ts';

/** dd/mm/yyyy from an ISO date (yyyy-mm-dd…). */
export function vietnameseDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

/**
 * The place-and-date line of Decree 30/2020/NĐ-CP: "Hà Nội, ngày 02 tháng 12 năm 2026", the
 * date as it is in Việt Nam; days below 10 and the months 1 and 2 take a leading zero, as the
 * decree asks.
 */
export function placeDateLine(place: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at);
  const part = (type: string): number => Number(parts.find((candidate) => candidate.type === type)?.value ?? '0');
  const day = part('day');
  const month = part('month');
  const dayText = day < 10 ? `0${day}` : String(day);
  const monthText = month <= 2 ? `0${month}` : String(month);
  return `${place}, ngày ${dayText} tháng ${monthText} năm ${part('year')}`;
}
