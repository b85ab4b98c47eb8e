import type { IsoDate } from '../business-time';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { nextMonth } from '../figures/figures';

/** A key work's monthly report is due by this working day of the following month (domain §5). */
export const REPORT_DUE_WORKING_DAY = 5;

/** The day by which the report of `month` (`YYYY-MM`) is due: the 5th working day of the next month. */
export function reportDueDay(month: string, calendar: WorkingCalendar): IsoDate {
  const next = nextMonth(month);
  return calendar.nthWorkingDayOfMonth(next.year, next.month, REPORT_DUE_WORKING_DAY);
}

/** The report months (`YYYY-MM`) of `year` whose due day lies before `today`, in order. */
export function dueMonths(year: number, today: IsoDate, calendar: WorkingCalendar): string[] {
  const months: string[] = [];
  for (let month = 1; month <= 12; month += 1) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    const next = nextMonth(label);
    if (`${next.year}-${String(next.month).padStart(2, '0')}-01` > today) break;
    if (reportDueDay(label, calendar) < today) months.push(label);
  }
  return months;
}
