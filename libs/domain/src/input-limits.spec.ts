import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoneyWithinLimit,
  exceedsJsonDepth,
  isDateInRange,
  isMomentInRange,
  isMonthInRange,
  MONEY_MAX,
  parseStrictInteger,
} from './input-limits';

describe('input limits', () => {
  it('dates: 1990-01-01..2100-12-31, real dates only', () => {
    expect(isDateInRange('1990-01-01')).toBe(true);
    expect(isDateInRange('2100-12-31')).toBe(true);
    expect(isDateInRange('1989-12-31')).toBe(false);
    expect(isDateInRange('2101-01-01')).toBe(false);
    expect(isDateInRange('9999-12-31')).toBe(false);
    expect(isDateInRange('2026-02-30')).toBe(false);
  });

  it('moments: by their Asia/Shanghai day', () => {
    expect(isMomentInRange('1990-01-01T00:00:00+08:00')).toBe(true);
    expect(isMomentInRange('1989-12-31T15:59:59Z')).toBe(false);
    expect(isMomentInRange('2100-12-31T15:59:59Z')).toBe(true);
    expect(isMomentInRange('2100-12-31T16:00:00Z')).toBe(false);
    expect(isMomentInRange('1000-01-01T10:00:00+08:00')).toBe(false);
    expect(isMomentInRange('not a moment')).toBe(false);
    expect(isMomentInRange(new Date(8.64e15))).toBe(false);
  });

  it('months', () => {
    expect(isMonthInRange('2026-05')).toBe(true);
    expect(isMonthInRange('9999-12')).toBe(false);
    expect(isMonthInRange('2026-13')).toBe(false);
  });

  it('integers: plain digits within bounds', () => {
    expect(parseStrictInteger('5', 1, 10)).toBe(5);
    expect(parseStrictInteger('010', 1, 10)).toBe(10);
    for (const text of ['', ' 5', '+5', '-5', '1e1', '0x5', '5.0', '11', '0', '99999999999999999999'])
      expect(parseStrictInteger(text, 1, 10), text).toBeUndefined();
  });

  it('JSON depth: counts objects and arrays, measured without recursion', () => {
    expect(exceedsJsonDepth({ a: 1 }, 1)).toBe(false);
    expect(exceedsJsonDepth({ a: { b: 1 } }, 1)).toBe(true);
    expect(exceedsJsonDepth([[1]], 2)).toBe(false);
    expect(exceedsJsonDepth([[[1]]], 2)).toBe(true);
    expect(exceedsJsonDepth('text', 0)).toBe(false);
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(exceedsJsonDepth(deep)).toBe(true);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const depth = (v: unknown): number =>
          v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0;
        const actual = depth(value);
        expect(exceedsJsonDepth(value, actual)).toBe(false);
        if (actual > 0) expect(exceedsJsonDepth(value, actual - 1)).toBe(true);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('money totals stay within DECIMAL(14,2)', () => {
    expect(addMoneyWithinLimit('999999999999.00', '0.99')).toBe(MONEY_MAX);
    expect(addMoneyWithinLimit('999999999999.00', '1.00')).toBeUndefined();
    expect(addMoneyWithinLimit('0.00', '12.5')).toBe('12.50');
  });
});
