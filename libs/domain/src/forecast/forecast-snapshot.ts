import { addCalendarDays } from '../calendar/working-calendar';
import { type IsoDate, isIsoDate } from '../business-time';

/** The last calendar day of the month of `date` (YYYY-MM-DD). */
export function monthEndOf(date: IsoDate): IsoDate {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${date.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

/** Whether `date` is the last calendar day of its month. */
export function isMonthEnd(date: IsoDate): boolean {
  return isIsoDate(date) && monthEndOf(date) === date;
}

/** The last day of the month before the month of `date`. */
export function previousMonthEnd(date: IsoDate): IsoDate {
  return addCalendarDays(`${date.slice(0, 7)}-01`, -1);
}

/**
 * The month-end a snapshot run on business day `today` is for: today when it is a month's last day
 * (the scheduled evening run), otherwise the previous month's last day (a run delayed past midnight,
 * or a catch-up).
 */
export function snapshotMonthEnd(today: IsoDate): IsoDate {
  return isMonthEnd(today) ? today : previousMonthEnd(today);
}

/** The month-ends from the one of `from` up to `to` (inclusive, both month-ends or any day of them). */
export function monthEndsBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const ends: IsoDate[] = [];
  for (let end = monthEndOf(from); end <= to; end = monthEndOf(addCalendarDays(end, 1))) ends.push(end);
  return ends;
}
