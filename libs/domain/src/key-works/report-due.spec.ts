import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/working-calendar';
import { dueMonths, REPORT_DUE_WORKING_DAY, reportDueDay } from './report-due';

const plain = new WorkingCalendar([]);

describe('report due rule', () => {
  it('makes a month report due on the 5th working day of the next month', () => {
    expect(REPORT_DUE_WORKING_DAY).toBe(5);
    // 2026-02-01 is a Sunday: Mon 2 … Fri 6 is the 5th working day.
    expect(reportDueDay('2026-01', plain)).toBe('2026-02-06');
    // December's report falls due in January of the next year (2027-01-01 is a Friday).
    expect(reportDueDay('2026-12', plain)).toBe('2027-01-07');
  });

  it('follows the calendar: holidays push the due day, declared workdays pull it in', () => {
    const calendar = new WorkingCalendar([
      { date: '2026-02-02', kind: 'holiday' },
      { date: '2026-02-03', kind: 'holiday' },
    ]);
    expect(reportDueDay('2026-01', calendar)).toBe('2026-02-10');
    const withWorkday = new WorkingCalendar([{ date: '2026-02-01', kind: 'workday' }]);
    expect(reportDueDay('2026-01', withWorkday)).toBe('2026-02-05');
  });

  it('lists a month only once its due day has passed (the due day itself is not late)', () => {
    expect(dueMonths(2026, '2026-02-05', plain)).toEqual([]);
    expect(dueMonths(2026, '2026-02-06', plain)).toEqual([]);
    expect(dueMonths(2026, '2026-02-09', plain)).toEqual(['2026-01']);
    expect(dueMonths(2026, '2026-04-08', plain)).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('gives nothing for a year not yet reported on, and all twelve months after the next January', () => {
    expect(dueMonths(2027, '2026-12-31', plain)).toEqual([]);
    expect(dueMonths(2025, '2026-01-07', plain)).toHaveLength(11);
    expect(dueMonths(2025, '2026-01-08', plain)).toHaveLength(12);
    expect(dueMonths(2025, '2027-06-01', plain)).toHaveLength(12);
  });
});
