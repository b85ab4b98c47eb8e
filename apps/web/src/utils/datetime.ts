/** The district's time zone: every time the UI shows is in it, wherever the browser is. */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';

/** `2025-01-02 11:04:05` style (in the district's time zone), or null for a missing/invalid moment. */
export function formatDateTime(value: string | Date | null | undefined, locale: string): string | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale, {
    timeZone: DISTRICT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** Today's calendar date in the district (`YYYY-MM-DD`), the latest day a stage or report may carry. */
export function todayInDistrict(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: DISTRICT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The current month in the district (`YYYY-MM`). */
export function thisMonthInDistrict(now: Date = new Date()): string {
  return todayInDistrict(now).slice(0, 7);
}

/** Only the date part of a date or moment string (`2026-05-18T…` → `2026-05-18`). */
export function dateOnly(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '—';
}

/** A date picker's day (`YYYY-MM-DD`, the browser's calendar day the picker shows). */
export function pickerDay(date: Date): string {
  return `${pickerMonth(date)}-${String(date.getDate()).padStart(2, '0')}`;
}

/** A date picker's month (`YYYY-MM`). */
export function pickerMonth(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}
