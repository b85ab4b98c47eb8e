import { DISTRICT_TIME_ZONE } from '../../utils/datetime';

/** `14:03:05` in the district's time zone (24-hour), whatever the browser's zone. */
export function clockTime(at: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: DISTRICT_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** The date with its weekday in the district, in the UI's language: `2026年5月18日 星期一`. */
export function clockDate(at: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: DISTRICT_TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
  }).format(at);
}

/** The district's year now. */
export function districtYear(at: Date): number {
  return Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: DISTRICT_TIME_ZONE, year: 'numeric' }).format(at),
  );
}
