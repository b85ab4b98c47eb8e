import { describe, expect, it } from 'vitest';
import type { FundEntry } from '../../api/projects';
import { aboveContract, fundRowKind, isCorrectable, totalAfter } from './fund-rules';

const entry = (over: Partial<FundEntry> = {}): FundEntry => ({
  id: '1',
  amount: '100.00',
  at: '2026-03-01',
  note: null,
  reversesId: null,
  correctsId: null,
  reason: null,
  reversedBy: null,
  recordedAt: '2026-03-01T02:00:00.000Z',
  ...over,
});

describe('fund rules', () => {
  it('totals exactly, replacing a corrected entry, and says when the contract is exceeded', () => {
    expect(totalAfter('80.00', '20.01')).toBe('100.01');
    expect(totalAfter('0.10', '0.20')).toBe('0.30');
    expect(totalAfter('100.00', '90.00', entry({ amount: '100.00' }))).toBe('90.00');
    expect(totalAfter('100.00', 'abc')).toBeNull();
    expect(aboveContract('100.01', '100.00')).toBe(true);
    expect(aboveContract('100.00', '100.00')).toBe(false);
    expect(aboveContract(null, '100.00')).toBe(false);
  });

  it('tells entries, reversed entries, reversals and corrections apart; only counting entries are correctable', () => {
    expect(fundRowKind(entry())).toBe('entry');
    expect(fundRowKind(entry({ reversedBy: '2' }))).toBe('reversed');
    expect(fundRowKind(entry({ reversesId: '1', amount: '-100.00' }))).toBe('reversal');
    expect(fundRowKind(entry({ correctsId: '1' }))).toBe('correction');
    expect(isCorrectable(entry())).toBe(true);
    expect(isCorrectable(entry({ correctsId: '1' }))).toBe(true);
    expect(isCorrectable(entry({ reversedBy: '2' }))).toBe(false);
    expect(isCorrectable(entry({ reversesId: '1' }))).toBe(false);
  });
});
