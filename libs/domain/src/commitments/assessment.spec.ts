import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../errors';
import {
  type ActualEntry,
  annualActual,
  assessClause,
  clauseClawback,
  type ClauseTerms,
  type CommitmentFacts,
  commitmentRate,
  fullProductionRate,
  latestActual,
  recommendedClawback,
  validateClause,
} from './assessment';
import { INDICATOR_CATALOG, parseActualPeriod } from './commitment-lists';
import { formatExact } from './exact';
import { decideReview, medianDecimal } from './review';

const terms = (partial: Partial<ClauseTerms> & Pick<ClauseTerms, 'indicator'>): ClauseTerms => ({
  agreedValue: null,
  agreedDate: null,
  dueDate: null,
  year: null,
  clawbackRatio: null,
  clawbackBasis: null,
  ...partial,
});
const facts: CommitmentFacts = {
  landAreaMu: '100',
  startedAt: null,
  operatingAt: null,
  fullProductionAt: null,
};
const actual = (period: string, values: Partial<ActualEntry> = {}): ActualEntry => ({
  period,
  taxPaid: null,
  outputValue: null,
  fixedAssetInvestment: null,
  headcount: null,
  ...values,
});

describe('actual periods', () => {
  it('parses years, quarters and months with their first and last days', () => {
    expect(parseActualPeriod('2024')).toEqual({
      kind: 'year',
      year: 2024,
      start: '2024-01-01',
      end: '2024-12-31',
    });
    expect(parseActualPeriod('2024-Q1')).toMatchObject({
      kind: 'quarter',
      start: '2024-01-01',
      end: '2024-03-31',
    });
    expect(parseActualPeriod('2024-02')).toMatchObject({ kind: 'month', end: '2024-02-29' });
    for (const bad of ['2024-Q5', '2024-13', '24', '2024-1', '2024-q1'])
      expect(parseActualPeriod(bad)).toBeNull();
  });

  it('takes a year from its own entry, else its quarters, else its months', () => {
    const months = [actual('2024-01', { taxPaid: '1.10' }), actual('2024-02', { taxPaid: '2.20' })];
    expect(formatExact(annualActual(months, 'taxPaid', 2024)!, 2)).toBe('3.30');
    const quarters = [
      ...months,
      actual('2024-Q1', { taxPaid: '5.00' }),
      actual('2024-Q2', { taxPaid: '1.00' }),
    ];
    expect(formatExact(annualActual(quarters, 'taxPaid', 2024)!, 2)).toBe('6.00');
    expect(
      formatExact(annualActual([...quarters, actual('2024', { taxPaid: '9.99' })], 'taxPaid', 2024)!, 2),
    ).toBe('9.99');
    expect(annualActual(months, 'taxPaid', 2023)).toBeNull();
  });

  it('takes a stock figure from the period ending last, the finest on a tie', () => {
    const entries = [
      actual('2024', { fixedAssetInvestment: '300.00' }),
      actual('2024-12', { fixedAssetInvestment: '310.00' }),
      actual('2024-06', { fixedAssetInvestment: '100.00' }),
    ];
    expect(
      formatExact(
        latestActual(entries, 'fixedAssetInvestment', () => true)!,
        2,
      ),
    ).toBe('310.00');
    expect(
      formatExact(
        latestActual(entries, 'fixedAssetInvestment', (p) => p.end <= '2024-07-01')!,
        2,
      ),
    ).toBe('100.00');
  });
});

describe('assessClause', () => {
  const investment = terms({
    indicator: 'fixed_asset_investment',
    agreedValue: '1000.00',
    dueDate: '2025-12-31',
  });

  it('is pending before the due date, with the progress so far', () => {
    const a = assessClause(
      investment,
      facts,
      [actual('2025-06', { fixedAssetInvestment: '620.00' })],
      '2025-07-10',
    );
    expect(a).toMatchObject({
      status: 'pending',
      actual: '620.00',
      progress: 0.62,
      shortfall: null,
      dueDate: '2025-12-31',
    });
  });

  it('is met at exactly the agreed value and unmet a cent short, on the due date', () => {
    const exactly = [actual('2025-12', { fixedAssetInvestment: '1000.00' })];
    expect(assessClause(investment, facts, exactly, '2025-12-31')).toMatchObject({
      status: 'met',
      progress: 1,
    });
    const short = [actual('2025-12', { fixedAssetInvestment: '999.99' })];
    expect(assessClause(investment, facts, short, '2025-12-31')).toMatchObject({
      status: 'unmet',
      shortfall: '0.01',
    });
    expect(assessClause(investment, facts, [], '2026-01-01')).toMatchObject({
      status: 'unmet',
      actual: null,
      shortfall: '1000.00',
    });
  });

  it('divides per-mu values exactly: a hair under the agreed per-mu tax is unmet', () => {
    const perMu = terms({ indicator: 'tax_per_mu', agreedValue: '3.00', year: 2025 });
    const land = { ...facts, landAreaMu: '33.33' };
    // 3.00 × 33.33 = 99.99: exactly met; 99.98 ÷ 33.33 = 2.99969… is unmet (a float might round it up).
    expect(assessClause(perMu, land, [actual('2025', { taxPaid: '99.99' })], '2026-01-01')).toMatchObject({
      status: 'met',
      actual: '3.0000',
    });
    const short = assessClause(perMu, land, [actual('2025', { taxPaid: '99.98' })], '2026-01-01');
    expect(short).toMatchObject({
      status: 'unmet',
      actual: '2.9996',
      shortfall: '0.0004',
      dueDate: '2025-12-31',
    });
  });

  it('compares per-mu values exactly for any amounts (against integer arithmetic)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (agreedCents, landHundredths, taxCents) => {
          const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
          const clause = terms({ indicator: 'tax_per_mu', agreedValue: money(agreedCents), year: 2025 });
          const a = assessClause(
            clause,
            { ...facts, landAreaMu: money(landHundredths) },
            [actual('2025', { taxPaid: money(taxCents) })],
            '2026-01-01',
          );
          // tax ÷ land ≥ agreed ⇔ taxCents × 100 ≥ agreedCents × landHundredths
          const met = BigInt(taxCents) * 100n >= BigInt(agreedCents) * BigInt(landHundredths);
          expect(a.status).toBe(met ? 'met' : 'unmet');
          if (!met) expect(Number(a.shortfall)).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('assesses jobs at the due date and date clauses by the stage date', () => {
    const jobs = terms({ indicator: 'jobs', agreedValue: '200', dueDate: '2025-06-30' });
    const entries = [actual('2025-06', { headcount: 199 }), actual('2025-09', { headcount: 260 })];
    expect(assessClause(jobs, facts, entries, '2025-12-01')).toMatchObject({
      status: 'unmet',
      actual: '199',
      shortfall: '1',
    });
    const start = terms({ indicator: 'start_by', agreedDate: '2024-06-30' });
    expect(assessClause(start, facts, [], '2024-06-01')).toMatchObject({ status: 'pending', progress: 0 });
    expect(assessClause(start, { ...facts, startedAt: '2024-06-30' }, [], '2024-07-01')).toMatchObject({
      status: 'met',
      actual: '2024-06-30',
    });
    expect(assessClause(start, { ...facts, startedAt: '2024-07-01' }, [], '2024-07-02')).toMatchObject({
      status: 'unmet',
      actual: '2024-07-01',
    });
  });

  it('gives 履约率 as met ÷ due, null when nothing is due', () => {
    expect(commitmentRate(['met', 'unmet', 'pending', 'met'])).toEqual({ due: 3, met: 2, rate: 2 / 3 });
    expect(commitmentRate(['pending'])).toEqual({ due: 0, met: 0, rate: null });
  });
});

describe('validateClause', () => {
  it('asks a value clause for its value and due date or year, a date clause for its date', () => {
    expect(() => validateClause(terms({ indicator: 'annual_tax', agreedValue: '10' }))).toThrow(/year/);
    expect(() =>
      validateClause(terms({ indicator: 'jobs', agreedValue: '10.5', dueDate: '2025-01-01' })),
    ).toThrow(ValidationFailed);
    expect(() =>
      validateClause(terms({ indicator: 'start_by', agreedValue: '1', agreedDate: '2025-01-01' })),
    ).toThrow(/agreedValue/);
    expect(() =>
      validateClause(
        terms({
          indicator: 'jobs',
          agreedValue: '10',
          dueDate: '2025-01-01',
          clawbackRatio: '0.5',
          clawbackBasis: 'shortfall',
        }),
      ),
    ).toThrow(/clawbackBasis/);
    expect(() =>
      validateClause(
        terms({
          indicator: 'tax_per_mu',
          agreedValue: '3',
          year: 2025,
          clawbackRatio: '1.5',
          clawbackBasis: 'shortfall',
        }),
      ),
    ).toThrow(/clawbackRatio/);
    expect(() => validateClause(terms({ indicator: 'tax_per_mu', agreedValue: '0', year: 2025 }))).toThrow(
      /agreedValue/,
    );
    for (const indicator of Object.keys(INDICATOR_CATALOG) as (keyof typeof INDICATOR_CATALOG)[]) {
      const def = INDICATOR_CATALOG[indicator];
      const ok =
        def.kind === 'date'
          ? terms({ indicator, agreedDate: '2025-01-01' })
          : terms({
              indicator,
              agreedValue: '10',
              ...(def.basis === 'annual' ? { year: 2025 } : { dueDate: '2025-01-01' }),
            });
      expect(() => validateClause(ok), indicator).not.toThrow();
    }
  });
});

describe('clawback', () => {
  const land = { ...facts, landAreaMu: '50.00' };
  const perMu = terms({
    indicator: 'tax_per_mu',
    agreedValue: '3.00',
    year: 2025,
    clawbackRatio: '0.5',
    clawbackBasis: 'shortfall',
  });
  const taxShort = [actual('2025', { taxPaid: '100.00' })];

  it('recommends shortfall × mu × ratio (per mu), shortfall × ratio (absolute), subsidies × ratio', () => {
    // (3.00 − 100/50) × 50 × 0.5 = 25.00
    expect(clauseClawback(perMu, land, taxShort, '2026-01-01', '1000.00').amount).toBe('25.00');
    const absolute = terms({
      indicator: 'annual_tax',
      agreedValue: '180.00',
      year: 2025,
      clawbackRatio: '0.3333',
      clawbackBasis: 'shortfall',
    });
    // (180 − 100) × 0.3333 = 26.664 → 26.66
    expect(clauseClawback(absolute, land, taxShort, '2026-01-01', '1000.00').amount).toBe('26.66');
    const subsidy = terms({
      indicator: 'jobs',
      agreedValue: '100',
      dueDate: '2025-12-31',
      clawbackRatio: '0.2',
      clawbackBasis: 'subsidy',
    });
    expect(clauseClawback(subsidy, land, [], '2026-01-01', '123.45').amount).toBe('24.69');
    // Met or pending: nothing.
    expect(clauseClawback(perMu, land, taxShort, '2025-12-30', '1000.00').amount).toBe('0.00');
    expect(
      clauseClawback(perMu, land, [actual('2025', { taxPaid: '150.00' })], '2026-01-01', '1000.00').amount,
    ).toBe('0.00');
  });

  it('never recommends more than the subsidies paid', () => {
    const lines = [
      clauseClawback(perMu, land, taxShort, '2026-01-01', '20.00'),
      clauseClawback(perMu, land, taxShort, '2026-01-01', '20.00'),
    ];
    expect(recommendedClawback(lines, '20.00')).toEqual({ total: '20.00', cap: '20.00', capped: true });
    expect(recommendedClawback(lines, '60.00')).toEqual({ total: '50.00', cap: '60.00', capped: false });
    expect(recommendedClawback([], '0')).toEqual({ total: '0.00', cap: '0.00', capped: false });
  });
});

describe('达产率 and reviews', () => {
  it('counts projects past their full_production_by date, and those at full production', () => {
    const projects = [
      { fullProductionBy: '2025-06-30', fullProductionAt: '2025-05-01' },
      { fullProductionBy: '2025-06-30', fullProductionAt: null },
      { fullProductionBy: '2026-06-30', fullProductionAt: null },
      { fullProductionBy: null, fullProductionAt: '2025-01-01' },
    ];
    expect(fullProductionRate(projects, '2025-12-31')).toEqual({ passed: 2, reached: 1, rate: 0.5 });
    expect(fullProductionRate(projects, '2025-06-30')).toEqual({ passed: 0, reached: 0, rate: null });
  });

  it('decides: accept takes the recommendation, reduce a smaller amount with a reason, waive 0 with a reason', () => {
    expect(decideReview('accept', undefined, null, '25.00')).toEqual({
      decision: 'accept',
      amount: '25.00',
      reason: null,
    });
    expect(() => decideReview('accept', '20.00', null, '25.00')).toThrow(/amount/);
    expect(decideReview('reduce', '10', ' 经营困难 ', '25.00')).toEqual({
      decision: 'reduce',
      amount: '10.00',
      reason: '经营困难',
    });
    expect(() => decideReview('reduce', '25.00', 'x', '25.00')).toThrow(/amount/);
    expect(() => decideReview('reduce', '10', ' ', '25.00')).toThrow(/reason/);
    expect(decideReview('waive', null, '疫情', '25.00')).toEqual({
      decision: 'waive',
      amount: '0.00',
      reason: '疫情',
    });
    expect(() => decideReview('waive', null, '', '25.00')).toThrow(/reason/);
  });

  it('takes exact medians', () => {
    expect(medianDecimal([])).toBeNull();
    expect(medianDecimal(['3', '1.5', '2'])).toBe('2.0000');
    expect(medianDecimal(['1.0001', '1.0002'])).toBe('1.0002'); // 1.00015 half up
  });
});
