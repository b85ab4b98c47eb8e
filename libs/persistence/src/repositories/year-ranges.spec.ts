import { describe, expect, it } from 'vitest';
import { yearRangesOutside } from './milestone.repository';

describe('yearRangesOutside (the open deadlines the calendar source reads)', () => {
  it('is every year from the first when none is skipped', () => {
    expect(yearRangesOutside(2026, new Set())).toEqual([['2026-01-01', null]]);
  });

  it('leaves out the skipped years, before, at and after the first', () => {
    expect(yearRangesOutside(2026, new Set([2004, 2025, 2026]))).toEqual([['2027-01-01', null]]);
    expect(yearRangesOutside(2026, new Set([2027]))).toEqual([
      ['2026-01-01', '2027-01-01'],
      ['2028-01-01', null],
    ]);
    expect(yearRangesOutside(2026, new Set([2029, 2026, 2027]))).toEqual([
      ['2028-01-01', '2029-01-01'],
      ['2030-01-01', null],
    ]);
  });
});
