import { describe, expect, it } from 'vitest';
import { nextMonth, rate, scheduleRate } from './figures';

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
