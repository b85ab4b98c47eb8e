/* Test support for the domain specs (not part of the library build, see tsconfig.json). */
import chineseDays from 'chinese-days/dist/chinese-days.json';
import type { ClockContext } from '../approvals/milestone';
import { type CalendarException, WorkingCalendar } from '../calendar/working-calendar';

const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };

/** The real calendars as published (State Council), from the maintained data package. */
export const publishedCalendar = new WorkingCalendar([
  ...Object.keys(data.holidays).map((date): CalendarException => ({ date, kind: 'holiday' })),
  ...Object.keys(data.workdays).map((date): CalendarException => ({ date, kind: 'workday' })),
]);

/** A moment given in Asia/Shanghai local time. */
export const sh = (local: string) => new Date(`${local}+08:00`);

/** A milestone's clock context on the published calendar: 10 promised days, 3 yellow days. */
export function clockContext(
  overrides: Partial<ClockContext['item']> = {},
  contractAmount = '5000.00',
): ClockContext {
  return {
    item: { promisedDays: 10, deemedApproval: false, maxExtensionDays: 10, yellowDays: null, ...overrides },
    settings: { yellowDays: 3, deemedApprovalThreshold: '10000.00' },
    calendar: publishedCalendar,
    contractAmount,
  };
}
