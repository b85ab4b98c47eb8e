/*
 * The commitments layer of a generated district (commitments.md): credit codes, land, dated subsidies,
 * clauses, actuals per year / quarter / month (some re-entered, so history exists) and review
 * decisions, drawn with the district's seeded draw and entered through the API. What was entered is
 * kept in plain numbers — cents, hundredths of a mu, ten-thousandths of a ratio — for an independent
 * computation of the figures.
 */
import type { TestStack } from '@luodi/testing';
import { expect } from 'vitest';
import { addDays, money } from './fixtures';
import type { seededDraw } from './generated';

type Draw = ReturnType<typeof seededDraw>;

export type GeneratedIndicator =
  | 'fixed_asset_investment'
  | 'investment_intensity'
  | 'annual_tax'
  | 'tax_per_mu'
  | 'output_per_mu'
  | 'jobs'
  | 'start_by'
  | 'operate_by'
  | 'full_production_by';

export interface GeneratedClause {
  indicator: GeneratedIndicator;
  /** Cents of 万元 / 万元 per mu; whole persons for jobs; null for date clauses. */
  agreed: bigint | null;
  agreedDate: string | null;
  dueDate: string | null;
  year: number | null;
  /** Ten-thousandths (0..10000), with its basis; null when the clause has no clawback terms. */
  ratio: bigint | null;
  basis: 'shortfall' | 'subsidy' | null;
}

/** One period's numbers as they stand (after any re-entry): cents, persons, or null. */
export interface GeneratedActual {
  period: string;
  taxPaid: bigint | null;
  outputValue: bigint | null;
  fixedAssetInvestment: bigint | null;
  headcount: number | null;
}

export interface GeneratedCommitments {
  creditCode: string;
  /** Hundredths of a mu; null when no land was granted. */
  landHundredths: bigint | null;
  landSuppliedAt: string | null;
  subsidies: Array<{ cents: bigint; at: string }>;
  clauses: GeneratedClause[];
  actuals: GeneratedActual[];
  /** Periods entered twice (the first numbers went to the history). */
  replaced: string[];
  /** The review decision, once taken (amount in cents), and the day it was backdated to. */
  decision: { decision: 'accept' | 'reduce' | 'waive'; cents: bigint; on: string } | null;
}

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid 统一社会信用代码 for serial `n` (check character per GB 32100-2015, worked out here). */
export function generatedCreditCode(n: number): string {
  const body = `91330100MA2${String(n).padStart(6, '0')}`;
  const sum = [...body].reduce(
    (total, char, index) => total + CREDIT_CHARSET.indexOf(char) * CREDIT_WEIGHTS[index]!,
    0,
  );
  const check = 31 - (sum % 31);
  return body + CREDIT_CHARSET[check === 31 ? 0 : check];
}

const cents = (draw: Draw, from: number, to: number) =>
  BigInt(Math.round((from + draw.random() * (to - from)) * 100));
const VALUE_INDICATORS: GeneratedIndicator[] = [
  'fixed_asset_investment',
  'investment_intensity',
  'annual_tax',
  'tax_per_mu',
  'output_per_mu',
  'jobs',
];
const DATE_INDICATORS: GeneratedIndicator[] = ['start_by', 'operate_by', 'full_production_by'];
const PER_MU: GeneratedIndicator[] = ['investment_intensity', 'tax_per_mu', 'output_per_mu'];
const ANNUAL: GeneratedIndicator[] = ['annual_tax', 'tax_per_mu', 'output_per_mu'];

/**
 * Draw a project's commitments: land on most (some supplied long ago and never built on), subsidies
 * dated no later than `subsidiesBy`, up to four clauses around what the actuals will show (so some are
 * met and some not), and actuals for the years `firstYear`..this year up to `today`.
 */
export function drawCommitments(
  draw: Draw,
  serial: number,
  project: {
    talksStartedAt: string;
    signedAt: string | null;
    startedAt: string | null;
    operatingAt: string | null;
  },
  options: { firstYear: number; today: string; subsidiesBy: string },
): GeneratedCommitments {
  const { random, pick, between } = draw;
  const { firstYear, today } = options;
  const thisYear = Number(today.slice(0, 4));
  const landHundredths = random() < 0.85 ? cents(draw, 5, 120) : null;
  const landSuppliedAt =
    landHundredths !== null && random() < 0.75
      ? between(project.signedAt ?? project.talksStartedAt, today)
      : null;
  const subsidies = Array.from({ length: pick([0, 1, 1, 2, 3]) }, () => ({
    cents: cents(draw, 10, 400),
    at: between(`${firstYear}-01-01`, options.subsidiesBy),
  }));

  // Actuals: per year one granularity (or none), each measure present most of the time.
  const land = landHundredths === null ? 30 : Number(landHundredths) / 100;
  const taxLevel = random() * 12;
  const outputLevel = random() * 700;
  let investment = 0n;
  const actuals: GeneratedActual[] = [];
  for (let year = firstYear; year <= thisYear; year += 1) {
    const kind = pick(['year', 'year', 'quarter', 'quarter', 'month', 'none'] as const);
    if (kind === 'none') continue;
    const periods =
      kind === 'year'
        ? [{ period: `${year}`, start: `${year}-01-01`, share: 1 }]
        : kind === 'quarter'
          ? [1, 2, 3, 4].map((q) => ({
              period: `${year}-Q${q}`,
              start: `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`,
              share: 0.25,
            }))
          : Array.from({ length: 12 }, (_, m) => ({
              period: `${year}-${String(m + 1).padStart(2, '0')}`,
              start: `${year}-${String(m + 1).padStart(2, '0')}-01`,
              share: 1 / 12,
            }));
    for (const { period, start, share } of periods) {
      if (start > today || random() < 0.15) continue;
      investment += cents(draw, 0, 6000 * share);
      const actual: GeneratedActual = {
        period,
        taxPaid: random() < 0.85 ? cents(draw, 0, taxLevel * land * share) : null,
        outputValue: random() < 0.8 ? cents(draw, 0, outputLevel * land * share) : null,
        fixedAssetInvestment: random() < 0.8 ? investment : null,
        headcount: random() < 0.7 ? Math.floor(random() * 300) : null,
      };
      if (actual.taxPaid === null && actual.outputValue === null && actual.fixedAssetInvestment === null)
        actual.taxPaid = 0n;
      actuals.push(actual);
    }
  }
  // A quarter's or a year's entry next to months of the same year (the coarser one counts for flows).
  if (actuals.some((actual) => /^\d{4}-\d{2}$/.test(actual.period)) && random() < 0.5) {
    const year = actuals.find((actual) => /^\d{4}-\d{2}$/.test(actual.period))!.period.slice(0, 4);
    if (!actuals.some((actual) => actual.period === year) && `${year}-01-01` <= today)
      actuals.push({
        period: year,
        taxPaid: cents(draw, 0, taxLevel * land),
        outputValue: null,
        fixedAssetInvestment: null,
        headcount: null,
      });
  }

  const clauses: GeneratedClause[] = [];
  const count = pick([0, 1, 2, 3, 3, 4]);
  for (let index = 0; index < count; index += 1) {
    const indicator = pick(random() < 0.65 ? VALUE_INDICATORS : DATE_INDICATORS);
    if (PER_MU.includes(indicator) && landHundredths === null) continue;
    if (DATE_INDICATORS.includes(indicator)) {
      clauses.push({
        indicator,
        agreed: null,
        agreedDate: between(addDays(project.talksStartedAt, 150), addDays(project.talksStartedAt, 1100)),
        dueDate: null,
        year: null,
        ratio: null,
        basis: null,
      });
      continue;
    }
    const agreed =
      indicator === 'fixed_asset_investment'
        ? cents(draw, 500, 20_000)
        : indicator === 'investment_intensity'
          ? cents(draw, 20, 400)
          : indicator === 'annual_tax'
            ? cents(draw, 1, 12 * land)
            : indicator === 'tax_per_mu'
              ? cents(draw, 0.5, 12)
              : indicator === 'output_per_mu'
                ? cents(draw, 20, 700)
                : BigInt(1 + Math.floor(random() * 300));
    const withTerms = random() < 0.6;
    const basis = !withTerms ? null : indicator === 'jobs' || random() < 0.3 ? 'subsidy' : 'shortfall';
    const ratio = !withTerms ? null : random() < 0.1 ? 10_000n : BigInt(Math.floor(random() * 10_000));
    clauses.push({
      indicator,
      agreed,
      agreedDate: null,
      dueDate: ANNUAL.includes(indicator) ? null : between(`${firstYear + 1}-03-31`, `${thisYear + 1}-06-30`),
      year: ANNUAL.includes(indicator) ? pick([firstYear + 1, firstYear + 2, thisYear - 1, thisYear]) : null,
      ratio,
      basis,
    });
  }
  // Agreed operation and full-production dates around the project's own (kept or missed).
  const dateClause = (indicator: GeneratedIndicator, agreedDate: string): GeneratedClause => ({
    indicator,
    agreed: null,
    agreedDate,
    dueDate: null,
    year: null,
    ratio: null,
    basis: null,
  });
  if (project.startedAt && random() < 0.5)
    clauses.push(dateClause('operate_by', between(project.startedAt, addDays(project.startedAt, 400))));
  if (project.operatingAt && random() < 0.7)
    clauses.push(
      dateClause(
        'full_production_by',
        between(addDays(project.operatingAt, -60), addDays(project.operatingAt, 500)),
      ),
    );
  return {
    creditCode: generatedCreditCode(serial),
    landHundredths,
    landSuppliedAt,
    subsidies,
    clauses,
    actuals,
    replaced: [],
    decision: null,
  };
}

const ratioText = (ratio: bigint) => (ratio === 10_000n ? '1' : `0.${String(ratio).padStart(4, '0')}`);
const maybeMoney = (value: bigint | null) => (value === null ? null : money(value));
const actualBody = (actual: GeneratedActual) => ({
  taxPaid: maybeMoney(actual.taxPaid),
  outputValue: maybeMoney(actual.outputValue),
  fixedAssetInvestment: maybeMoney(actual.fixedAssetInvestment),
  headcount: actual.headcount,
});

/** The project fields of the drawn commitments (for `POST /api/projects`). */
export const commitmentFields = (commitments: GeneratedCommitments) => ({
  creditCode: commitments.creditCode,
  ...(commitments.landHundredths === null ? {} : { landAreaMu: money(commitments.landHundredths) }),
  ...(commitments.landSuppliedAt === null ? {} : { landSuppliedAt: commitments.landSuppliedAt }),
});

/**
 * Enter a project's subsidies, clauses and actuals through the API; about one period in five is
 * entered first with other numbers and then re-entered (the first numbers go to the history).
 */
export async function enterCommitments(
  stack: TestStack,
  token: string,
  draw: Draw,
  projectId: string,
  commitments: GeneratedCommitments,
): Promise<void> {
  const send = async (method: string, path: string, body: unknown, status: number) => {
    const answer = await stack.call(method, path, { token, body });
    expect(answer.status, `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(answer.body)}`).toBe(
      status,
    );
  };
  for (const subsidy of commitments.subsidies)
    await send(
      'POST',
      `/api/projects/${projectId}/subsidies`,
      { amount: money(subsidy.cents), at: subsidy.at },
      201,
    );
  for (const clause of commitments.clauses)
    await send(
      'POST',
      `/api/projects/${projectId}/clauses`,
      {
        indicator: clause.indicator,
        ...(clause.agreed === null
          ? {}
          : { agreedValue: clause.indicator === 'jobs' ? String(clause.agreed) : money(clause.agreed) }),
        ...(clause.agreedDate === null ? {} : { agreedDate: clause.agreedDate }),
        ...(clause.dueDate === null ? {} : { dueDate: clause.dueDate }),
        ...(clause.year === null ? {} : { year: clause.year }),
        ...(clause.ratio === null
          ? {}
          : { clawbackRatio: ratioText(clause.ratio), clawbackBasis: clause.basis }),
      },
      201,
    );
  for (const actual of commitments.actuals) {
    if (draw.random() < 0.2) {
      const first = {
        taxPaid: money(actual.taxPaid === null ? 777_700n : actual.taxPaid + 123_400n),
        outputValue: null,
        fixedAssetInvestment: null,
        headcount: 999,
      };
      await send('PUT', `/api/projects/${projectId}/actuals/${actual.period}`, first, 200);
      commitments.replaced.push(actual.period);
    }
    await send('PUT', `/api/projects/${projectId}/actuals/${actual.period}`, actualBody(actual), 200);
  }
}
