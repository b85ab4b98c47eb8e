import { describe, expect, it } from 'vitest';
import { formatPercent, formatWan, formatYi, isYiScale, moneyRatio, percentValue } from './money';

describe('money formatters (万元 strings, no float arithmetic)', () => {
  it('groups thousands and keeps two decimals', () => {
    expect(formatWan('12500.50')).toBe('12,500.50');
    expect(formatWan('320000')).toBe('320,000.00');
    expect(formatWan('0.5')).toBe('0.50');
    expect(formatWan('999999999999.99')).toBe('999,999,999,999.99');
    expect(formatWan('-1234.5')).toBe('-1,234.50');
  });

  it('keeps exact digits beyond float precision', () => {
    expect(formatWan('123456789012.07')).toBe('123,456,789,012.07');
  });

  it('shows a dash for missing or malformed amounts', () => {
    expect(formatWan(null)).toBe('—');
    expect(formatWan(undefined)).toBe('—');
    expect(formatWan('12,5')).toBe('—');
    expect(formatWan('1.234')).toBe('—');
  });

  it('converts to 亿元 with half-up rounding', () => {
    expect(formatYi('320000.00')).toBe('32.00');
    expect(formatYi('12345.67')).toBe('1.23');
    expect(formatYi('12350.00')).toBe('1.24');
    expect(formatYi('5000')).toBe('0.50');
    expect(formatYi('123456789.00', 1)).toBe('12,345.7');
    expect(formatYi('abc')).toBe('—');
  });

  it('knows when 亿元 reads better', () => {
    expect(isYiScale('10000')).toBe(true);
    expect(isYiScale('9999.99')).toBe(false);
    expect(isYiScale(null)).toBe(false);
  });

  it('computes a display ratio of two amounts', () => {
    expect(moneyRatio('2500', '10000')).toBe(0.25);
    expect(moneyRatio('1', '3')).toBeCloseTo(0.3333, 4);
    expect(moneyRatio('1', '0')).toBeNull();
  });
});

describe('percent formatter', () => {
  it('shows one decimal', () => {
    expect(formatPercent(0.375)).toBe('37.5%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(1 / 3)).toBe('33.3%');
    expect(formatPercent(0.4444)).toBe('44.4%');
    expect(formatPercent(0.0005)).toBe('0.1%');
  });

  it('shows a dash for a rate without a denominator', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(undefined)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('clamps progress-bar values to 0–100', () => {
    expect(percentValue(0.375)).toBe(37.5);
    expect(percentValue(1.4)).toBe(100);
    expect(percentValue(null)).toBe(0);
  });
});
