import { describe, expect, it } from 'vitest';
import {
  isMonthEnd,
  monthEndOf,
  monthEndsBetween,
  previousMonthEnd,
  snapshotMonthEnd,
} from './forecast-snapshot';

describe('month-ends of the forecast snapshots', () => {
  it('finds the last calendar day of a month, leap years included', () => {
    expect(monthEndOf('2026-02-10')).toBe('2026-02-28');
    expect(monthEndOf('2028-02-01')).toBe('2028-02-29');
    expect(monthEndOf('2026-12-07')).toBe('2026-12-31');
    expect(monthEndOf('2026-04-30')).toBe('2026-04-30');
    expect(isMonthEnd('2026-04-30')).toBe(true);
    expect(isMonthEnd('2026-04-29')).toBe(false);
    expect(isMonthEnd('not a date')).toBe(false);
  });

  it('the previous month-end crosses a year', () => {
    expect(previousMonthEnd('2026-01-15')).toBe('2025-12-31');
    expect(previousMonthEnd('2026-03-31')).toBe('2026-02-28');
  });

  it('a run on a month-end is for that day; a run on another day for the previous month-end', () => {
    expect(snapshotMonthEnd('2026-11-30')).toBe('2026-11-30');
    expect(snapshotMonthEnd('2026-12-01')).toBe('2026-11-30');
    expect(snapshotMonthEnd('2026-12-07')).toBe('2026-11-30');
  });

  it('lists the month-ends of a period', () => {
    expect(monthEndsBetween('2025-11-15', '2026-02-28')).toEqual([
      '2025-11-30',
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
    ]);
    expect(monthEndsBetween('2026-02-01', '2026-02-27')).toEqual([]);
  });
});
