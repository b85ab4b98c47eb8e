/**
 * Business dates are calendar dates in the district's time zone (Asia/Shanghai); moments are
 * instants (stored in UTC). These helpers convert between the two without depending on the
 * server's own time zone.
 */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const dateFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const SHANGHAI_FIXED_FROM = Date.UTC(1991, 11, 31, 16); // 1992-01-01T00:00+08:00
const YEAR_10000 = Date.UTC(10000, 0, 1) - 8 * 3_600_000;

/** The business date (Asia/Shanghai) on which the instant falls. */
export function businessDateOf(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError('businessDateOf: invalid instant');
  }
  const time = instant.getTime();
  // Since 1992 Asia/Shanghai is UTC+8 all year (no daylight saving time since September 1991): the
  // date is plain arithmetic, which a check does thousands of times; before, the time zone database.
  if (time >= SHANGHAI_FIXED_FROM && time < YEAR_10000)
    return new Date(time + 8 * 3_600_000).toISOString().slice(0, 10);
  const parts = dateFormatter.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** True when the string is a real calendar date written as `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

/**
 * The instant at which a business day ends: 23:59:59.999 Asia/Shanghai. China has used UTC+8
 * without daylight saving since 1991, so the offset is fixed for every date the product handles.
 */
export function endOfBusinessDay(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`endOfBusinessDay: not a date: ${date}`);
  return new Date(`${date}T23:59:59.999+08:00`);
}

/** The instant at which a business day starts: 00:00 Asia/Shanghai. */
export function startOfBusinessDay(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`startOfBusinessDay: not a date: ${date}`);
  return new Date(`${date}T00:00:00.000+08:00`);
}
