import type { IsoDate } from '../business-time';

/**
 * The district's working-day calendar: Monday–Friday, minus public holidays, plus the weekend days
 * declared working days (调休). Exceptions come from data (a maintained package, then admin
 * overrides); nothing here guesses holidays from weekdays.
 */
export type DayKind = 'holiday' | 'workday';

export interface CalendarException {
  date: IsoDate;
  kind: DayKind;
  name?: string | null;
}

const DAY_MS = 86_400_000;

function toUtcDay(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromUtcDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromUtcDay(toUtcDay(date) + days);
}

/** Days from `a` to `b` (b − a), in calendar days. */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return toUtcDay(b) - toUtcDay(a);
}

export class WorkingCalendar {
  private readonly exceptions: ReadonlyMap<IsoDate, DayKind>;

  constructor(exceptions: Iterable<CalendarException>) {
    const map = new Map<IsoDate, DayKind>();
    for (const exception of exceptions) map.set(exception.date, exception.kind);
    this.exceptions = map;
  }

  isWorkingDay(date: IsoDate): boolean {
    const exception = this.exceptions.get(date);
    if (exception) return exception === 'workday';
    const weekday = new Date(toUtcDay(date) * DAY_MS).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** Answers of addWorkingDays (the calendar is immutable; a check asks the same few thousands times). */
  private readonly addedDays = new Map<string, IsoDate>();

  /** The n-th working day after `date` (n ≥ 1; `date` itself is not counted). */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
    const key = `${date}+${n}`;
    const known = this.addedDays.get(key);
    if (known !== undefined) return known;
    const answer = this.walkWorkingDays(date, n);
    if (this.addedDays.size >= 100_000) this.addedDays.clear();
    this.addedDays.set(key, answer);
    return answer;
  }

  private walkWorkingDays(date: IsoDate, n: number): IsoDate {
    let current = date;
    let left = n;
    while (left > 0) {
      current = addCalendarDays(current, 1);
      if (this.isWorkingDay(current)) left -= 1;
    }
    return current;
  }

  /** Working days d with from < d ≤ to (0 when to ≤ from). Constant time after a year's first use. */
  workingDaysAfterUpTo(from: IsoDate, to: IsoDate): number {
    if (to <= from) return 0;
    const [fromYear, fromIndex] = this.position(from);
    const [toYear, toIndex] = this.position(to);
    const upToFrom = this.cumulative(fromYear)[fromIndex + 1]!;
    const upToTo = this.cumulative(toYear)[toIndex + 1]!;
    if (fromYear === toYear) return upToTo - upToFrom;
    let count = this.yearTotal(fromYear) - upToFrom + upToTo;
    for (let year = fromYear + 1; year < toYear; year += 1) count += this.yearTotal(year);
    return count;
  }

  /** Per year: entry i = working days among the year's first i days (built once, the calendar is immutable). */
  private readonly cumulativeByYear = new Map<number, Int32Array>();

  private cumulative(year: number): Int32Array {
    let counts = this.cumulativeByYear.get(year);
    if (!counts) {
      const first = Date.UTC(year, 0, 1) / DAY_MS;
      const days = Date.UTC(year + 1, 0, 1) / DAY_MS - first;
      counts = new Int32Array(days + 1);
      for (let index = 0; index < days; index += 1)
        counts[index + 1] = counts[index]! + (this.isWorkingDay(fromUtcDay(first + index)) ? 1 : 0);
      this.cumulativeByYear.set(year, counts);
    }
    return counts;
  }

  private yearTotal(year: number): number {
    const counts = this.cumulative(year);
    return counts[counts.length - 1]!;
  }

  /** [year, 0-based day of the year] of a date. */
  private position(date: IsoDate): [number, number] {
    const year = Number(date.slice(0, 4));
    return [year, toUtcDay(date) - Date.UTC(year, 0, 1) / DAY_MS];
  }

  /** The n-th working day of a month (1-based), e.g. the 5th working day of 2026-10. */
  nthWorkingDayOfMonth(year: number, month: number, n: number): IsoDate {
    const first = `${year}-${String(month).padStart(2, '0')}-01`;
    const start = this.isWorkingDay(first) ? first : this.addWorkingDays(first, 1);
    return n <= 1 ? start : this.addWorkingDays(start, n - 1);
  }
}
