import { describe, expect, it } from 'vitest';
import { lightFor, remainingWorkingDays } from '../approvals/milestone';
import { addCalendarDays, WorkingCalendar } from '../calendar/working-calendar';
import {
  compareLights,
  nextMonth,
  rate,
  scheduleRate,
  trendMonths,
  yellowDeadlineThreshold,
} from './figures';

describe('figures', () => {
  it('gives null for a rate whose denominator is 0', () => {
    expect(rate(3, 8)).toBe(0.375);
    expect(rate(0, 0)).toBeNull();
    expect(rate('0.30', '0.00')).toBeNull();
  });

  it('counts whole months elapsed for 序时进度, a month once its last day has ended', () => {
    expect(scheduleRate(2026, '2026-01-15')).toBe(0);
    expect(scheduleRate(2026, '2026-01-31')).toBeCloseTo(1 / 12);
    expect(scheduleRate(2026, '2026-02-28')).toBeCloseTo(2 / 12);
    expect(scheduleRate(2024, '2024-02-28')).toBeCloseTo(1 / 12); // leap year: 29 days
    expect(scheduleRate(2026, '2026-11-25')).toBeCloseTo(10 / 12);
    expect(scheduleRate(2026, '2026-12-31')).toBe(1);
    expect(scheduleRate(2026, '2025-12-31')).toBe(0);
    expect(scheduleRate(2026, '2027-01-01')).toBe(1);
  });

  it('finds the next month', () => {
    expect(nextMonth('2026-12')).toEqual({ year: 2027, month: 1 });
    expect(nextMonth('2026-09')).toEqual({ year: 2026, month: 10 });
  });
});

describe('yellowDeadlineThreshold', () => {
  // 2026-10-01..07 National Day holidays, 2026-10-10 (Sat) a working day.
  const calendar = new WorkingCalendar([
    ...['01', '02', '03', '04', '05', '06', '07'].map((day) => ({
      date: `2026-10-${day}`,
      kind: 'holiday' as const,
    })),
    { date: '2026-10-10', kind: 'workday' as const },
  ]);

  it('matches the per-row light of domain §4 for every deadline around the as-of day', () => {
    for (const asOf of ['2026-09-25', '2026-09-30', '2026-10-03', '2026-10-09', '2026-11-20']) {
      for (const yellowDays of [0, 1, 3, 5]) {
        const threshold = yellowDeadlineThreshold(calendar, asOf, yellowDays);
        for (let offset = 0; offset <= 30; offset += 1) {
          const deadline = addCalendarDays(asOf, offset);
          const light = lightFor(remainingWorkingDays(calendar, asOf, deadline), yellowDays);
          expect(light === 'yellow', `${asOf} n=${yellowDays} ${deadline}`).toBe(deadline <= threshold);
        }
      }
    }
  });

  it('spans holidays and adjusted working days', () => {
    // From Wed 2026-09-30: working days 10-08, 10-09, 10-10 (Sat, adjusted), 10-12.
    expect(yellowDeadlineThreshold(calendar, '2026-09-30', 3)).toBe('2026-10-11');
    expect(yellowDeadlineThreshold(calendar, '2026-09-30', 0)).toBe('2026-10-07');
    expect(yellowDeadlineThreshold(calendar, '2026-11-20', 3)).toBe('2026-11-25');
  });
});

describe('trendMonths', () => {
  it('fills the months, accumulates exactly and leaves months not begun empty', () => {
    const months = trendMonths(2026, '2026-03-10', '300.00', [
      { month: 1, signedCount: 2, contractAmount: '100.10', completedInvestment: '0.10' },
      { month: 3, startedCount: 1, completedInvestment: '0.20' },
      { month: 5, signedCount: 9, completedInvestment: '9.00' },
    ]);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({
      month: '2026-01',
      signedCount: 2,
      contractAmount: '100.10',
      startedCount: 0,
      completedInvestment: '0.10',
      cumulativeInvestment: '0.10',
      investmentRate: 0.1 / 300,
      scheduleRate: 1 / 12,
    });
    expect(months[1]).toMatchObject({ signedCount: 0, contractAmount: '0.00', cumulativeInvestment: '0.10' });
    expect(months[2]).toMatchObject({ startedCount: 1, cumulativeInvestment: '0.30' });
    expect(months[3]).toEqual({
      month: '2026-04',
      signedCount: null,
      contractAmount: null,
      startedCount: null,
      completedInvestment: null,
      cumulativeInvestment: null,
      investmentRate: null,
      scheduleRate: 4 / 12,
    });
    expect(months[11]!.scheduleRate).toBe(1);
  });

  it('gives a null rate when there is no plan, and every month for a past year', () => {
    const months = trendMonths(2025, '2026-01-05', '0.00', [{ month: 12, completedInvestment: '5.00' }]);
    expect(months.every((month) => month.signedCount === 0)).toBe(true);
    expect(months[11]).toMatchObject({ cumulativeInvestment: '5.00', investmentRate: null });
  });
});

describe('compareLights', () => {
  it('puts most red first, then most yellow, then the name', () => {
    const rows = [
      { red: 1, yellow: 0, departmentName: '住建局' },
      { red: 2, yellow: 0, departmentName: '发改局' },
      { red: 1, yellow: 3, departmentName: '自然资源局' },
      { red: 1, yellow: 0, departmentName: '发改局' },
    ];
    expect([...rows].sort(compareLights)).toEqual([rows[1], rows[2], rows[3], rows[0]]);
  });
});
