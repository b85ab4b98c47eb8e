import { addCalendarDays } from '../calendar/working-calendar';
import type { IsoDate } from '../business-time';
import { fromCents, toCents } from '../projects/money';
import { type ActualEntry, annualActual, assessProject, type StoredClause } from './assessment';
import { type CommitmentListFilter, IDLE_LAND_DAYS } from './commitment-lists';
import { compare, div, exact, formatExact } from './exact';
import { medianDecimal } from './review';

/** A live project with its commitments, as the figures see it. */
export interface CommitmentSubjectFacts {
  landAreaMu: string | null;
  landSuppliedAt: IsoDate | null;
  startedAt: IsoDate | null;
  operatingAt: IsoDate | null;
  fullProductionAt: IsoDate | null;
  subsidiesPaid: string;
  clauses: readonly StoredClause[];
  actuals: readonly ActualEntry[];
  /** The decided clawback, when the review is decided. */
  decidedClawback: string | null;
}

/** One project's part in each figure (what its drill-down lists test). */
export interface CommitmentProjectFlags {
  clausesDue: number;
  clausesMet: number;
  fullProductionBy: IsoDate | null;
  fullProductionDue: boolean;
  fullProductionReached: boolean;
  idleLand: boolean;
  builtNotOperating: boolean;
  /** 万元/亩, 4 decimals, of the per-mu year (operating projects with land and a figure). */
  taxPerMu: string | null;
  outputPerMu: string | null;
  reviewDue: boolean;
  reviewDecided: boolean;
  recommendedClawback: string;
}

/** The year of the per-mu figures at `asOf`: Y when Y has ended, else Y − 1. */
export function perMuYear(year: number, asOf: IsoDate): number {
  return asOf >= `${year}-12-31` ? year : year - 1;
}

const reached = (date: IsoDate | null, asOf: IsoDate) => date !== null && date <= asOf;

export function commitmentFlags(
  subject: CommitmentSubjectFacts,
  asOf: IsoDate,
  year: number,
): CommitmentProjectFlags {
  const assessed = assessProject(subject, subject.clauses, subject.actuals, asOf);
  const fullProductionDue = assessed.fullProductionBy !== null && assessed.fullProductionBy < asOf;
  const started = reached(subject.startedAt, asOf);
  const operating = reached(subject.operatingAt, asOf);
  const operateBy = subject.clauses
    .filter((clause) => clause.indicator === 'operate_by' && clause.agreedDate)
    .map((clause) => clause.agreedDate as IsoDate)
    .sort()[0];
  const perMu = (measure: 'taxPaid' | 'outputValue'): string | null => {
    if (!operating || subject.landAreaMu === null) return null;
    const land = exact(subject.landAreaMu);
    if (land.n === 0n) return null;
    const total = annualActual(subject.actuals, measure, perMuYear(year, asOf));
    return total === null ? null : formatExact(div(total, land), 4);
  };
  return {
    clausesDue: assessed.due,
    clausesMet: assessed.met,
    fullProductionBy: assessed.fullProductionBy,
    fullProductionDue,
    fullProductionReached: fullProductionDue && reached(subject.fullProductionAt, asOf),
    idleLand:
      subject.landSuppliedAt !== null &&
      subject.landSuppliedAt <= addCalendarDays(asOf, -IDLE_LAND_DAYS) &&
      !started,
    builtNotOperating: started && !operating && operateBy !== undefined && operateBy < asOf,
    taxPerMu: perMu('taxPaid'),
    outputPerMu: perMu('outputValue'),
    reviewDue: assessed.reviewReady,
    reviewDecided: subject.decidedClawback !== null,
    recommendedClawback: assessed.reviewReady ? assessed.recommendedClawback : '0.00',
  };
}

/** Whether a project belongs to a figure's drill-down list. */
export function inCommitmentList(flags: CommitmentProjectFlags, filter: CommitmentListFilter): boolean {
  switch (filter) {
    case 'clauses_due':
      return flags.clausesDue > 0;
    case 'clauses_met':
      return flags.clausesMet > 0;
    case 'clauses_unmet':
      return flags.clausesDue > flags.clausesMet;
    case 'full_production_due':
      return flags.fullProductionDue;
    case 'full_production_reached':
      return flags.fullProductionReached;
    case 'idle_land':
      return flags.idleLand;
    case 'built_not_operating':
      return flags.builtNotOperating;
    case 'per_mu':
      return flags.taxPerMu !== null || flags.outputPerMu !== null;
    case 'reviews_due':
      return flags.reviewDue;
    case 'reviews_decided':
      return flags.reviewDecided;
  }
}

/** The per-mu indicators a bucket of the distribution narrows the `per_mu` list by. */
export const PER_MU_BUCKET_INDICATORS = ['tax_per_mu', 'output_per_mu'] as const;
export type PerMuBucketIndicator = (typeof PER_MU_BUCKET_INDICATORS)[number];

/**
 * Whether a project's per-mu value lies in a bucket of the distribution (`from` ≤ value < `to`, each
 * bound open when absent), compared exactly: the drill-down of one bar of the cockpit's chart.
 */
export function inPerMuBucket(
  flags: Pick<CommitmentProjectFlags, 'taxPerMu' | 'outputPerMu'>,
  indicator: PerMuBucketIndicator,
  from: string | undefined,
  to: string | undefined,
): boolean {
  const value = indicator === 'tax_per_mu' ? flags.taxPerMu : flags.outputPerMu;
  if (value === null) return false;
  const v = exact(value);
  return (
    (from === undefined || compare(v, exact(from)) >= 0) && (to === undefined || compare(v, exact(to)) < 0)
  );
}

/** Per-mu distribution edges (万元/亩): 亩均税收 and 亩均产值. */
export const PER_MU_EDGES = {
  taxPerMu: ['5', '10', '20', '30'],
  outputPerMu: ['100', '200', '400', '600'],
} as const;

export interface PerMuSummary {
  count: number;
  median: string | null;
  distribution: Array<{ from: string; to: string | null; count: number }>;
}

export function perMuSummary(values: readonly string[], edges: readonly string[]): PerMuSummary {
  const bounds = ['0', ...edges];
  const distribution = bounds.map((from, index) => {
    const to = bounds[index + 1] ?? null;
    const count = values.filter(
      (value) =>
        compare(exact(value), exact(from)) >= 0 && (to === null || compare(exact(value), exact(to)) < 0),
    ).length;
    return { from, to, count };
  });
  return { count: values.length, median: medianDecimal(values), distribution };
}

/** The `commitments` figures of the summary (commitments.md §5), from every subject's flags. */
export function commitmentFigures(
  flags: readonly CommitmentProjectFlags[],
  decided: readonly (string | null)[],
  asOf: IsoDate,
  year: number,
) {
  const sum = (pick: (f: CommitmentProjectFlags) => number) => flags.reduce((total, f) => total + pick(f), 0);
  const clausesDue = sum((f) => f.clausesDue);
  const clausesMet = sum((f) => f.clausesMet);
  const fullProductionDue = sum((f) => (f.fullProductionDue ? 1 : 0));
  const fullProductionReached = sum((f) => (f.fullProductionReached ? 1 : 0));
  const taxes = flags.map((f) => f.taxPerMu).filter((v): v is string => v !== null);
  const outputs = flags.map((f) => f.outputPerMu).filter((v): v is string => v !== null);
  return {
    clausesDue,
    clausesMet,
    rate: clausesDue === 0 ? null : clausesMet / clausesDue,
    fullProductionDue,
    fullProductionReached,
    fullProductionRate: fullProductionDue === 0 ? null : fullProductionReached / fullProductionDue,
    perMuYear: perMuYear(year, asOf),
    taxPerMu: perMuSummary(taxes, PER_MU_EDGES.taxPerMu),
    outputPerMu: perMuSummary(outputs, PER_MU_EDGES.outputPerMu),
    idleLand: sum((f) => (f.idleLand ? 1 : 0)),
    builtNotOperating: sum((f) => (f.builtNotOperating ? 1 : 0)),
    recommendedClawback: fromCents(flags.reduce((total, f) => total + toCents(f.recommendedClawback), 0n)),
    decidedClawback: fromCents(decided.reduce((total, d) => total + (d === null ? 0n : toCents(d)), 0n)),
    reviewsDue: sum((f) => (f.reviewDue ? 1 : 0)),
    reviewsDecided: sum((f) => (f.reviewDecided ? 1 : 0)),
  };
}
