import { describe, expect, it } from 'vitest';
import { fromCents, isMoney, normaliseMoney, sumMoney, toCents } from './money';

describe('money', () => {
  it('sums exactly: 0.10 + 0.20 = 0.30', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(Array.from({ length: 1000 }, () => '0.01'))).toBe('10.00');
  });
  it('accepts non-negative amounts with at most two decimals', () => {
    for (const good of ['0', '0.5', '12500.50', '999999999999.99']) expect(isMoney(good), good).toBe(true);
    for (const bad of ['-1', '1.234', '01', '1e5', '', ' 1', '1,000', 12])
      expect(isMoney(bad), String(bad)).toBe(false);
  });
  it('converts to and from cents', () => {
    expect(toCents('12.5')).toBe(1250n);
    expect(fromCents(-5n)).toBe('-0.05');
    expect(normaliseMoney('12')).toBe('12.00');
  });
});
