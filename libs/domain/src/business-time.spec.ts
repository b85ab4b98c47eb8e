import { describe, expect, it } from 'vitest';
import { businessDateOf, endOfBusinessDay, isIsoDate, startOfBusinessDay } from './business-time';

describe('businessDateOf', () => {
  it('uses Asia/Shanghai, not the server time zone, near midnight', () => {
    // 15:59:59Z is 23:59:59 in Shanghai; 16:00Z is already the next day there.
    expect(businessDateOf(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(businessDateOf(new Date('2026-09-30T16:00:00.000Z'))).toBe('2026-10-01');
  });

  it('crosses the year boundary in Shanghai before UTC does', () => {
    expect(businessDateOf(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });

  it('rejects an invalid instant', () => {
    expect(() => businessDateOf(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('businessDateOf against the time zone database', () => {
  it('gives the date Intl gives in Asia/Shanghai, 1985–2200 (daylight saving time until 1991 included)', () => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const from = Date.UTC(1985, 0, 1);
    const to = Date.UTC(2200, 0, 1);
    for (let i = 0; i < 20_000; i += 1) {
      // Spread over the range, on and around midnight in Shanghai.
      const instant = new Date(from + Math.floor(((to - from) / 20_000) * i) + (i % 3) * 1_800_000);
      expect(businessDateOf(instant)).toBe(intl.format(instant));
    }
  });
});

describe('isIsoDate', () => {
  it.each(['2026-02-28', '2024-02-29', '2026-12-31'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });
  it.each(['2026-02-29', '2026-13-01', '2026-1-1', '20260101', '2026-04-31', ''])('refuses %s', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('start and end of a business day', () => {
  it('are 00:00 and 23:59:59.999 at UTC+8', () => {
    expect(startOfBusinessDay('2026-10-08').toISOString()).toBe('2026-10-07T16:00:00.000Z');
    expect(endOfBusinessDay('2026-10-08').toISOString()).toBe('2026-10-08T15:59:59.999Z');
  });
  it('refuse a malformed date', () => {
    expect(() => endOfBusinessDay('2026-02-30')).toThrow(RangeError);
  });
});
