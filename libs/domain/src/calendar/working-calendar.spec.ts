import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, WorkingCalendar } from './working-calendar';

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

describe('WorkingCalendar.workingDaysAfterUpTo (counted from per-year tables)', () => {
  const calendar = new WorkingCalendar([
    { date: '2026-10-01', kind: 'holiday' },
    { date: '2026-10-02', kind: 'holiday' },
    { date: '2026-10-10', kind: 'workday' },
    { date: '2027-01-01', kind: 'holiday' },
    { date: '2025-12-31', kind: 'holiday' },
  ]);
  /** The definition, day by day. */
  const byDefinition = (from: string, to: string) => {
    let count = 0;
    for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1))
      if (calendar.isWorkingDay(day)) count += 1;
    return count;
  };

  it('equals the day-by-day count within a year, across years and on boundaries', () => {
    const pairs: Array<[string, string]> = [
      ['2026-09-30', '2026-10-10'],
      ['2026-12-30', '2027-01-05'],
      ['2024-02-28', '2027-03-01'],
      ['2025-12-31', '2026-01-01'],
      ['2026-01-01', '2026-12-31'],
      ['2026-05-05', '2026-05-05'],
      ['2026-05-06', '2026-05-05'],
    ];
    for (const [from, to] of pairs)
      expect(calendar.workingDaysAfterUpTo(from, to), `${from}→${to}`).toBe(byDefinition(from, to));
  });

  it('equals the day-by-day count for random spans (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: -5, max: 800 }), (start, span) => {
        const from = addCalendarDays('2024-01-01', start);
        const to = addCalendarDays(from, span);
        expect(calendar.workingDaysAfterUpTo(from, to)).toBe(byDefinition(from, to));
      }),
      { numRuns: 300 },
    );
  });
});
