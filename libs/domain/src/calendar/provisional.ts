import type { IsoDate } from '../business-time';

/**
 * Provisional deadlines (待确认): the calendar package covers a year only once the State Council has
 * published its holiday arrangement. A deadline in a year the package does not cover and for which no
 * admin has entered any date is counted over plain Monday–Friday and may move once the year is known.
 */
export function isProvisionalDeadline(
  deadline: IsoDate | null | undefined,
  confirmedYears: ReadonlySet<number>,
): boolean {
  return !!deadline && !confirmedYears.has(Number(deadline.slice(0, 4)));
}

/** From this month and day of the year before, an unconfirmed year is announced to admins. */
export const CALENDAR_NOTICE_FROM = '12-01';

/**
 * The years an admin must be told about on `today`: next year from December 1 when it is not
 * confirmed (this year too, when still not), and any year holding an open deadline that is not.
 */
export function unconfirmedYearsToAnnounce(
  today: IsoDate,
  confirmedYears: ReadonlySet<number>,
  deadlineYears: Iterable<number>,
): number[] {
  const year = Number(today.slice(0, 4));
  const years = new Set<number>();
  if (!confirmedYears.has(year)) years.add(year);
  if (today.slice(5) >= CALENDAR_NOTICE_FROM && !confirmedYears.has(year + 1)) years.add(year + 1);
  for (const deadlineYear of deadlineYears) if (!confirmedYears.has(deadlineYear)) years.add(deadlineYear);
  return [...years].sort((a, b) => a - b);
}
