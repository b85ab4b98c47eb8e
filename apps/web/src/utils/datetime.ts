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
