import { type Labels, namesOf } from '../value-lists';

/** The promises an investment agreement makes (commitments.md §2), once. */
export const COMMITMENT_INDICATORS = [
  'fixed_asset_investment',
  'investment_intensity',
  'annual_tax',
  'tax_per_mu',
  'output_per_mu',
  'jobs',
  'start_by',
  'operate_by',
  'full_production_by',
] as const;
export type CommitmentIndicator = (typeof COMMITMENT_INDICATORS)[number];
export const CommitmentIndicator = namesOf(COMMITMENT_INDICATORS);

/** The numbers an actuals entry (实绩) carries per project and period. */
export const ACTUAL_MEASURES = ['taxPaid', 'outputValue', 'fixedAssetInvestment', 'headcount'] as const;
export type ActualMeasure = (typeof ACTUAL_MEASURES)[number];

/** Where an actuals entry came from: entered by hand or imported from the bureaus' sheets. */
export const ACTUAL_SOURCES = ['manual', 'import'] as const;
export type ActualSource = (typeof ACTUAL_SOURCES)[number];
export const ActualSource = namesOf(ACTUAL_SOURCES);

/** The stage dates a date clause compares with its agreed date. */
export type CommitmentStageDate = 'startedAt' | 'operatingAt' | 'fullProductionAt';

export const COMMITMENT_UNITS = ['wan_yuan', 'wan_yuan_per_mu', 'persons', 'date'] as const;
export type CommitmentUnit = (typeof COMMITMENT_UNITS)[number];

export interface IndicatorDefinition {
  kind: 'value' | 'date';
  unit: CommitmentUnit;
  /** Divided by the project's landAreaMu. */
  perMu: boolean;
  /**
   * `cumulative`: the latest cumulative figure by the due date; `annual`: the sum of the assessed
   * year; `point`: the figure at the due date (headcount); `stage`: a stage date.
   */
  basis: 'cumulative' | 'annual' | 'point' | 'stage';
  /** Where the actual comes from. */
  measure: ActualMeasure | CommitmentStageDate;
}

/** The indicator catalog: unit, value or date, per mu or absolute, and how it is assessed. */
export const INDICATOR_CATALOG = {
  fixed_asset_investment: {
    kind: 'value',
    unit: 'wan_yuan',
    perMu: false,
    basis: 'cumulative',
    measure: 'fixedAssetInvestment',
  },
  investment_intensity: {
    kind: 'value',
    unit: 'wan_yuan_per_mu',
    perMu: true,
    basis: 'cumulative',
    measure: 'fixedAssetInvestment',
  },
  annual_tax: { kind: 'value', unit: 'wan_yuan', perMu: false, basis: 'annual', measure: 'taxPaid' },
  tax_per_mu: { kind: 'value', unit: 'wan_yuan_per_mu', perMu: true, basis: 'annual', measure: 'taxPaid' },
  output_per_mu: {
    kind: 'value',
    unit: 'wan_yuan_per_mu',
    perMu: true,
    basis: 'annual',
    measure: 'outputValue',
  },
  jobs: { kind: 'value', unit: 'persons', perMu: false, basis: 'point', measure: 'headcount' },
  start_by: { kind: 'date', unit: 'date', perMu: false, basis: 'stage', measure: 'startedAt' },
  operate_by: { kind: 'date', unit: 'date', perMu: false, basis: 'stage', measure: 'operatingAt' },
  full_production_by: {
    kind: 'date',
    unit: 'date',
    perMu: false,
    basis: 'stage',
    measure: 'fullProductionAt',
  },
} as const satisfies Record<CommitmentIndicator, IndicatorDefinition>;

export const INDICATOR_LABELS = {
  fixed_asset_investment: { 'zh-CN': '固定资产投资', en: 'Fixed-asset investment' },
  investment_intensity: { 'zh-CN': '投资强度', en: 'Investment intensity' },
  annual_tax: { 'zh-CN': '年税收', en: 'Annual tax' },
  tax_per_mu: { 'zh-CN': '亩均税收', en: 'Tax per mu' },
  output_per_mu: { 'zh-CN': '亩均产值', en: 'Output per mu' },
  jobs: { 'zh-CN': '就业人数', en: 'Jobs' },
  start_by: { 'zh-CN': '开工时间', en: 'Start by' },
  operate_by: { 'zh-CN': '投产时间', en: 'Operate by' },
  full_production_by: { 'zh-CN': '达产时间', en: 'Full production by' },
} as const satisfies Labels<CommitmentIndicator>;

export const COMMITMENT_UNIT_LABELS = {
  wan_yuan: { 'zh-CN': '万元', en: '10k CNY' },
  wan_yuan_per_mu: { 'zh-CN': '万元/亩', en: '10k CNY/mu' },
  persons: { 'zh-CN': '人', en: 'persons' },
  date: { 'zh-CN': '日期', en: 'date' },
} as const satisfies Labels<CommitmentUnit>;

/** What a clause's clawback is computed on: the shortfall, or the subsidies paid. */
export const CLAWBACK_BASES = ['shortfall', 'subsidy'] as const;
export type ClawbackBasis = (typeof CLAWBACK_BASES)[number];
export const ClawbackBasis = namesOf(CLAWBACK_BASES);
export const CLAWBACK_BASIS_LABELS = {
  shortfall: { 'zh-CN': '按差额', en: 'On the shortfall' },
  subsidy: { 'zh-CN': '按已兑现扶持资金', en: 'On the subsidies paid' },
} as const satisfies Labels<ClawbackBasis>;

export const CLAUSE_STATUSES = ['pending', 'met', 'unmet'] as const;
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];
export const ClauseStatus = namesOf(CLAUSE_STATUSES);
export const CLAUSE_STATUS_LABELS = {
  pending: { 'zh-CN': '未到期', en: 'Pending' },
  met: { 'zh-CN': '已履约', en: 'Met' },
  unmet: { 'zh-CN': '未履约', en: 'Unmet' },
} as const satisfies Labels<ClauseStatus>;

/** The bureau's decision on a full-production review (达产复核). */
export const REVIEW_DECISIONS = ['accept', 'reduce', 'waive'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const ReviewDecision = namesOf(REVIEW_DECISIONS);
export const REVIEW_DECISION_LABELS = {
  accept: { 'zh-CN': '按建议追缴', en: 'Accept' },
  reduce: { 'zh-CN': '减额追缴', en: 'Reduce' },
  waive: { 'zh-CN': '免于追缴', en: 'Waive' },
} as const satisfies Labels<ReviewDecision>;

/** An actuals period: a year `YYYY`, a quarter `YYYY-Qn` or a month `YYYY-MM`. */
export const ACTUAL_PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;
export type ActualPeriodKind = 'year' | 'quarter' | 'month';

export interface ActualPeriod {
  kind: ActualPeriodKind;
  year: number;
  /** The first and last day of the period. */
  start: string;
  end: string;
}

export function isActualPeriod(value: unknown): value is string {
  return typeof value === 'string' && parseActualPeriod(value) !== null;
}

export function parseActualPeriod(period: string): ActualPeriod | null {
  const match = ACTUAL_PERIOD_PATTERN.exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1990 || year > 2100) return null;
  const [firstMonth, lastMonth, kind]: [number, number, ActualPeriodKind] = match[2]
    ? [Number(match[2]) * 3 - 2, Number(match[2]) * 3, 'quarter']
    : match[3]
      ? [Number(match[3]), Number(match[3]), 'month']
      : [1, 12, 'year'];
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    kind,
    year,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDay)}`,
  };
}

/** The drill-down lists of the commitment figures (each figure opens one). */
export const COMMITMENT_LIST_FILTERS = [
  'clauses_due',
  'clauses_met',
  'clauses_unmet',
  'full_production_due',
  'full_production_reached',
  'idle_land',
  'built_not_operating',
  'per_mu',
  'reviews_due',
  'reviews_decided',
] as const;
export type CommitmentListFilter = (typeof COMMITMENT_LIST_FILTERS)[number];

/** The two idle lists the cockpit draws side by side: 供而未建 and 建而未投. */
export const IDLE_LIST_FILTERS = [
  'idle_land',
  'built_not_operating',
] as const satisfies readonly CommitmentListFilter[];

/** 供而未建: land supplied this many days ago and not started (commitments.md §4). */
export const IDLE_LAND_DAYS = 180;

/** commitment_due: this many days before a clause's due date while short of it (level 1). */
export const COMMITMENT_DUE_DAYS = 30;
/** commitment_unmet rises from level 2 to 3 this many days after the due date. */
export const COMMITMENT_ESCALATION_DAYS = 30;
