import { describe, expect, it } from 'vitest';
import { inPerMuBucket } from './commitment-figures';

describe('a per-mu bucket (the drill-down of one bar of the distribution)', () => {
  const values = ['9.9999', '10.0000', '19.9999', '20', null];
  const inBucket = (from?: string, to?: string) =>
    values.filter((taxPerMu) => inPerMuBucket({ taxPerMu, outputPerMu: '1' }, 'tax_per_mu', from, to));

  it('keeps from ≤ value < to, an open bucket without its upper edge, exactly', () => {
    expect(inBucket('10', '20')).toEqual(['10.0000', '19.9999']);
    expect(inBucket('20')).toEqual(['20']);
    expect(inBucket(undefined, '10')).toEqual(['9.9999']);
    expect(inBucket('19.99995', '20')).toEqual([]);
  });

  it('never holds a project without the per-mu value', () => {
    expect(inPerMuBucket({ taxPerMu: '5', outputPerMu: null }, 'output_per_mu', undefined, undefined)).toBe(
      false,
    );
    expect(inPerMuBucket({ taxPerMu: '5', outputPerMu: null }, 'tax_per_mu', undefined, undefined)).toBe(
      true,
    );
  });
});
