import type { IsoDate } from '../business-time';
import { ValidationFailed } from '../errors';
import { MONEY_PATTERN } from '../projects/money';
import {
  type ActualMeasure,
  type ActualPeriodKind,
  type ClauseStatus,
  type ClawbackBasis,
  type CommitmentIndicator,
  type CommitmentStageDate,
  type CommitmentUnit,
  INDICATOR_CATALOG,
  parseActualPeriod,
} from './commitment-lists';
import {
  compare,
  div,
  type Exact,
  exact,
  formatExact,
  minExact,
  mul,
  sub,
  toRateNumber,
  ZERO,
  add,
} from './exact';

/** A clause as the agreement states it (commitments.md §2). */
export interface ClauseTerms {
  indicator: CommitmentIndicator;
  /** Value clauses: 万元, 万元/亩 or persons, as a decimal string. */
  agreedValue: string | null;
  /** Date clauses. */
  agreedDate: IsoDate | null;
  /** Cumulative and point value clauses (annual ones default to the assessed year's last day). */
  dueDate: IsoDate | null;
  /** Annual value clauses: the assessed year. */
  year: number | null;
  /** 0–1, up to four decimals. */
  clawbackRatio: string | null;
  clawbackBasis: ClawbackBasis | null;
}

/** What the clauses are assessed against. */
export interface CommitmentFacts {
  landAreaMu: string | null;
  startedAt: IsoDate | null;
  operatingAt: IsoDate | null;
  fullProductionAt: IsoDate | null;
}

/** One period's actuals (实绩) of a project. */
export interface ActualEntry {
  period: string;
  taxPaid: string | null;
  outputValue: string | null;
  fixedAssetInvestment: string | null;
  headcount: number | null;
}

export interface ClauseAssessment {
  indicator: CommitmentIndicator;
  unit: CommitmentUnit;
  dueDate: IsoDate;
  status: ClauseStatus;
  /** The agreed value (decimal string) or date. */
  agreed: string;
  /** The actual so far (pending) or at the due date; a date for date clauses; null when none recorded. */
  actual: string | null;
  /** Unmet value clauses: agreed − actual (per-mu: rounded up to 4 decimals, never shown as 0). */
  shortfall: string | null;
  /** actual ÷ agreed in [0, 1] for value clauses (1 once reached); date clauses: 1 when reached, else 0. */
  progress: number | null;
}

export const CLAWBACK_RATIO_PATTERN = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;
/** A positive decimal with at most two decimals (亩, 万元, 万元/亩). */
const POSITIVE_DECIMAL = MONEY_PATTERN;

function decimalsOf(unit: CommitmentUnit): number {
  return unit === 'wan_yuan_per_mu' ? 4 : unit === 'persons' ? 0 : 2;
}

/** The day on and after which a clause is met or unmet. */
export function clauseDueDate(terms: ClauseTerms): IsoDate {
  const definition = INDICATOR_CATALOG[terms.indicator];
  if (definition.kind === 'date') return terms.agreedDate as IsoDate;
  if (definition.basis === 'annual' && !terms.dueDate) return `${terms.year}-12-31`;
  return terms.dueDate as IsoDate;
}

/**
 * The field rules of a clause (400 naming the field): a value clause needs `agreedValue` (> 0; whole
 * persons for jobs) and `dueDate` — or `year` for annual indicators — and no `agreedDate`; a date
 * clause needs `agreedDate` and no value; a clawback needs both ratio and basis, only on value
 * clauses, and `shortfall` only where the shortfall is money (not jobs).
 */
export function validateClause(terms: ClauseTerms): void {
  const definition = INDICATOR_CATALOG[terms.indicator];
  const notFor = (field: string) =>
    new ValidationFailed(field, 'clause_field_not_taken', { params: { indicator: terms.indicator } });
  if (definition.kind === 'date') {
    if (!terms.agreedDate)
      throw new ValidationFailed('agreedDate', 'field_required', {
        params: { rule: 'is required for a date clause' },
      });
    if (terms.agreedValue !== null) throw notFor('agreedValue');
    if (terms.dueDate !== null) throw notFor('dueDate');
    if (terms.year !== null) throw notFor('year');
    if (terms.clawbackRatio !== null || terms.clawbackBasis !== null) throw notFor('clawbackRatio');
    return;
  }
  if (terms.agreedDate !== null) throw notFor('agreedDate');
  if (terms.agreedValue === null)
    throw new ValidationFailed('agreedValue', 'field_required', {
      params: { rule: 'is required for a value clause' },
    });
  const valueOk =
    definition.unit === 'persons'
      ? /^[1-9]\d{0,8}$/.test(terms.agreedValue)
      : POSITIVE_DECIMAL.test(terms.agreedValue) && exact(terms.agreedValue).n > 0n;
  if (!valueOk)
    throw new ValidationFailed(
      'agreedValue',
      definition.unit === 'persons' ? 'field_not_integer' : 'amount_not_positive',
      {
        params: {
          rule:
            definition.unit === 'persons'
              ? 'must be a whole number of persons ≥ 1'
              : 'must be a decimal > 0 with at most two decimals',
        },
      },
    );
  if (definition.basis === 'annual') {
    if (terms.year === null)
      throw new ValidationFailed('year', 'field_required', {
        params: { rule: 'is required for an annual clause' },
      });
  } else {
    if (terms.year !== null) throw notFor('year');
    if (!terms.dueDate)
      throw new ValidationFailed('dueDate', 'field_required', {
        params: { rule: 'is required for this clause' },
      });
  }
  if ((terms.clawbackRatio === null) !== (terms.clawbackBasis === null))
    throw new ValidationFailed(
      terms.clawbackRatio === null ? 'clawbackRatio' : 'clawbackBasis',
      'field_required',
      {
        params: { rule: 'clawbackRatio and clawbackBasis go together' },
      },
    );
  if (terms.clawbackRatio !== null && !CLAWBACK_RATIO_PATTERN.test(terms.clawbackRatio))
    throw new ValidationFailed('clawbackRatio', 'clawback_ratio_range');
  if (terms.clawbackBasis === 'shortfall' && definition.unit === 'persons') throw notFor('clawbackBasis');
}

const PERIOD_ORDER: Record<ActualPeriodKind, number> = { month: 0, quarter: 1, year: 2 };

interface Dated {
  entry: ActualEntry;
  kind: ActualPeriodKind;
  year: number;
  start: IsoDate;
  end: IsoDate;
}

function dated(actuals: readonly ActualEntry[]): Dated[] {
  const out: Dated[] = [];
  for (const entry of actuals) {
    const period = parseActualPeriod(entry.period);
    if (period) out.push({ entry, ...period });
  }
  return out;
}

function valueOf(entry: ActualEntry, measure: ActualMeasure): Exact | null {
  const value = entry[measure];
  return value === null || value === undefined ? null : exact(value);
}

/**
 * A year's flow figure (tax paid, output value): the year's own entry when there is one, otherwise
 * the sum of its quarters when there are any, otherwise the sum of its months; null when none carries
 * the measure.
 */
export function annualActual(
  actuals: readonly ActualEntry[],
  measure: ActualMeasure,
  year: number,
): Exact | null {
  const ofYear = dated(actuals).filter((d) => d.year === year && valueOf(d.entry, measure) !== null);
  for (const kind of ['year', 'quarter', 'month'] as const) {
    const entries = ofYear.filter((d) => d.kind === kind);
    if (entries.length) return entries.reduce((sum, d) => add(sum, valueOf(d.entry, measure) as Exact), ZERO);
  }
  return null;
}

/**
 * A stock figure (cumulative investment, headcount) as last recorded: of the periods that qualify,
 * the one ending last (on a tie the finest: a month before a quarter before a year).
 */
export function latestActual(
  actuals: readonly ActualEntry[],
  measure: ActualMeasure,
  qualifies: (period: { start: IsoDate; end: IsoDate }) => boolean,
): Exact | null {
  const candidates = dated(actuals)
    .filter((d) => qualifies(d) && valueOf(d.entry, measure) !== null)
    .sort((a, b) => (a.end === b.end ? PERIOD_ORDER[a.kind] - PERIOD_ORDER[b.kind] : a.end < b.end ? 1 : -1));
  return candidates.length ? valueOf((candidates[0] as Dated).entry, measure) : null;
}

interface Measured {
  due: IsoDate;
  status: ClauseStatus;
  agreed: Exact | null;
  actual: Exact | null;
  /** Exact shortfall in the indicator's unit (unmet value clauses). */
  shortfall: Exact | null;
}

function measure(
  terms: ClauseTerms,
  facts: CommitmentFacts,
  actuals: readonly ActualEntry[],
  asOf: IsoDate,
): Measured {
  const definition = INDICATOR_CATALOG[terms.indicator];
  const due = clauseDueDate(terms);
  const assessed = asOf >= due;
  if (definition.kind === 'date') {
    const reached = facts[definition.measure as CommitmentStageDate];
    const onTime = reached !== null && reached <= due && reached <= asOf;
    const status: ClauseStatus = !assessed ? 'pending' : onTime ? 'met' : 'unmet';
    return { due, status, agreed: null, actual: null, shortfall: null };
  }
  const agreed = exact(terms.agreedValue as string);
  const source = definition.measure as ActualMeasure;
  let raw: Exact | null;
  if (definition.basis === 'annual') raw = annualActual(actuals, source, terms.year as number);
  else if (assessed) raw = latestActual(actuals, source, (p) => p.end <= due);
  else raw = latestActual(actuals, source, (p) => p.start <= asOf);
  let actual = raw;
  if (definition.perMu) {
    const land = facts.landAreaMu === null ? null : exact(facts.landAreaMu);
    actual = raw === null || land === null || land.n === 0n ? null : div(raw, land);
  }
  const reached = actual !== null && compare(actual, agreed) >= 0;
  const status: ClauseStatus = !assessed ? 'pending' : reached ? 'met' : 'unmet';
  const shortfall = status === 'unmet' ? sub(agreed, actual ?? ZERO) : null;
  return { due, status, agreed, actual, shortfall };
}

/**
 * Assess a clause at `asOf`: before its due date `pending` with the progress so far; on and after it
 * `met` when the actual reaches the agreed value (exactly agreed is met, a cent short is unmet) or the
 * stage date is on or before the agreed date, else `unmet` with the shortfall. Per-mu values divide
 * by `landAreaMu` exactly (no floating point); the comparison is exact, the written values rounded.
 */
export function assessClause(
  terms: ClauseTerms,
  facts: CommitmentFacts,
  actuals: readonly ActualEntry[],
  asOf: IsoDate,
): ClauseAssessment {
  const definition = INDICATOR_CATALOG[terms.indicator];
  const m = measure(terms, facts, actuals, asOf);
  if (definition.kind === 'date') {
    const reached = facts[definition.measure as CommitmentStageDate];
    const actual = reached !== null && reached <= asOf ? reached : null;
    return {
      indicator: terms.indicator,
      unit: definition.unit,
      dueDate: m.due,
      status: m.status,
      agreed: terms.agreedDate as IsoDate,
      actual,
      shortfall: null,
      progress: actual !== null ? 1 : 0,
    };
  }
  const decimals = decimalsOf(definition.unit);
  const agreed = m.agreed as Exact;
  const progress = m.actual === null ? 0 : Math.min(1, toRateNumber(div(m.actual, agreed)));
  return {
    indicator: terms.indicator,
    unit: definition.unit,
    dueDate: m.due,
    status: m.status,
    agreed: formatExact(agreed, decimals),
    actual: m.actual === null ? null : formatExact(m.actual, decimals, 'floor'),
    shortfall: m.shortfall === null ? null : formatExact(m.shortfall, decimals, 'ceil'),
    progress,
  };
}

/** 履约率: clauses met ÷ clauses due (met or unmet); null when none is due. */
export function commitmentRate(statuses: readonly ClauseStatus[]): {
  due: number;
  met: number;
  rate: number | null;
} {
  const met = statuses.filter((s) => s === 'met').length;
  const due = met + statuses.filter((s) => s === 'unmet').length;
  return { due, met, rate: due === 0 ? null : met / due };
}

export interface ClawbackLine {
  /** 万元, two decimals; "0.00" for a met or pending clause or one without clawback terms. */
  amount: string;
  exact: Exact;
}

/**
 * The recommended clawback of one clause (commitments.md §4): for an unmet value clause with terms,
 * `shortfall × landAreaMu × ratio` (per-mu), `shortfall × ratio` (absolute, 万元), or
 * `subsidiesPaid × ratio` (subsidy basis); otherwise 0.
 */
export function clauseClawback(
  terms: ClauseTerms,
  facts: CommitmentFacts,
  actuals: readonly ActualEntry[],
  asOf: IsoDate,
  subsidiesPaid: string,
): ClawbackLine {
  const definition = INDICATOR_CATALOG[terms.indicator];
  const m = measure(terms, facts, actuals, asOf);
  let value = ZERO;
  if (
    definition.kind === 'value' &&
    m.status === 'unmet' &&
    terms.clawbackRatio !== null &&
    terms.clawbackBasis !== null
  ) {
    const ratio = exact(terms.clawbackRatio);
    if (terms.clawbackBasis === 'subsidy') value = mul(exact(subsidiesPaid), ratio);
    else if (definition.perMu) value = mul(mul(m.shortfall as Exact, exact(facts.landAreaMu ?? '0')), ratio);
    else if (definition.unit === 'wan_yuan') value = mul(m.shortfall as Exact, ratio);
  }
  return { amount: formatExact(value, 2), exact: value };
}

/** The total recommended clawback: Σ of the clauses', never more than `subsidiesPaid` (the cap). */
export function recommendedClawback(
  lines: readonly ClawbackLine[],
  subsidiesPaid: string,
): { total: string; cap: string; capped: boolean } {
  const sum = lines.reduce((total, line) => add(total, line.exact), ZERO);
  const cap = exact(subsidiesPaid);
  const total = minExact(sum, cap);
  return { total: formatExact(total, 2), cap: formatExact(cap, 2), capped: compare(sum, cap) > 0 };
}

/**
 * 达产率: of the projects whose `full_production_by` date has passed at `asOf` (strictly before it),
 * those at full production by `asOf`; null when none has passed.
 */
export function fullProductionRate(
  projects: readonly { fullProductionBy: IsoDate | null; fullProductionAt: IsoDate | null }[],
  asOf: IsoDate,
): { passed: number; reached: number; rate: number | null } {
  const passed = projects.filter((p) => p.fullProductionBy !== null && p.fullProductionBy < asOf);
  const reached = passed.filter((p) => p.fullProductionAt !== null && p.fullProductionAt <= asOf).length;
  return { passed: passed.length, reached, rate: passed.length === 0 ? null : reached / passed.length };
}

/** A clause with its id (as stored). */
export type StoredClause = ClauseTerms & { id: string };

/** A clause assessed, with its terms and its recommended clawback (the API's ClauseAssessmentView). */
export interface AssessedClause extends ClauseAssessment {
  id: string;
  clawbackRatio: string | null;
  clawbackBasis: ClawbackBasis | null;
  recommendedClawback: string;
}

export interface ProjectAssessment {
  clauses: AssessedClause[];
  due: number;
  met: number;
  rate: number | null;
  /** The earliest agreed full-production date, if a clause gives one. */
  fullProductionBy: IsoDate | null;
  /** The review is due: past `fullProductionBy`, or at full production. */
  reviewReady: boolean;
  recommendedClawback: string;
  cap: string;
  capped: boolean;
}

/**
 * Every clause of a project assessed at `asOf`, with 履约率, the recommended clawback (capped at the
 * subsidies paid) and whether the full-production review is due (commitments.md §4).
 */
export function assessProject(
  facts: CommitmentFacts & { subsidiesPaid: string },
  clauses: readonly StoredClause[],
  actuals: readonly ActualEntry[],
  asOf: IsoDate,
): ProjectAssessment {
  const lines: ClawbackLine[] = [];
  const assessed = clauses.map((clause) => {
    const line = clauseClawback(clause, facts, actuals, asOf, facts.subsidiesPaid);
    lines.push(line);
    return {
      id: clause.id,
      ...assessClause(clause, facts, actuals, asOf),
      clawbackRatio: clause.clawbackRatio,
      clawbackBasis: clause.clawbackBasis,
      recommendedClawback: line.amount,
    };
  });
  const { due, met, rate } = commitmentRate(assessed.map((clause) => clause.status));
  const fullProductionBy =
    clauses
      .filter((clause) => clause.indicator === 'full_production_by' && clause.agreedDate)
      .map((clause) => clause.agreedDate as IsoDate)
      .sort()[0] ?? null;
  const reached = facts.fullProductionAt !== null && facts.fullProductionAt <= asOf;
  const reviewReady = reached || (fullProductionBy !== null && fullProductionBy < asOf);
  const { total, cap, capped } = recommendedClawback(lines, facts.subsidiesPaid);
  return {
    clauses: assessed,
    due,
    met,
    rate,
    fullProductionBy,
    reviewReady,
    recommendedClawback: total,
    cap,
    capped,
  };
}
