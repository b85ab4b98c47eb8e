import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './working-calendar';

// National Day 2026 (illustrative data in the shape the calendar package gives): Oct 1–7 off,
// Sunday Sep 27 and Saturday Oct 10 worked (调休).
const calendar = new WorkingCalendar([
  ...['01', '02', '03', '04', '05', '06', '07'].map((day) => ({
    date: `2026-10-${day}`,
    kind: 'holiday' as const,
  })),
  { date: '2026-09-27', kind: 'workday' },
  { date: '2026-10-10', kind: 'workday' },
]);

describe('WorkingCalendar', () => {
  it('follows the data, not the weekday alone', () => {
    expect(calendar.isWorkingDay('2026-10-05')).toBe(false); // Monday, holiday
    expect(calendar.isWorkingDay('2026-09-27')).toBe(true); // Sunday, 调休 workday
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休 workday
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false); // Sunday
  });

  it('adds working days across the break', () => {
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-30', 0)).toBe('2026-09-30');
  });

  it('counts working days after a date up to another', () => {
    expect(calendar.workingDaysAfterUpTo('2026-09-30', '2026-10-10')).toBe(3);
    expect(calendar.workingDaysAfterUpTo('2026-10-10', '2026-10-10')).toBe(0);
  });

  it('finds the n-th working day of a month (report due day)', () => {
    expect(calendar.nthWorkingDayOfMonth(2026, 10, 1)).toBe('2026-10-08');
    expect(calendar.nthWorkingDayOfMonth(2026, 10, 5)).toBe('2026-10-13');
    expect(calendar.nthWorkingDayOfMonth(2026, 12, 5)).toBe('2026-12-07');
  });
});
