import type {
  ActualSource,
  ClauseStatus,
  ClawbackBasis,
  CommitmentIndicator,
  CommitmentListFilter,
  CommitmentUnit,
  ProjectStage,
  ReviewDecision,
} from '@luodi/domain';

/**
 * Commitments (履约) through full production (达产): the answers of the commitment routes
 * (commitments.md, api.md "Commitments"). Money and per-mu values are decimal strings; rates are
 * fractions in [0, 1] or null when their denominator is 0.
 */

/** A clause of the investment agreement (`GET /api/projects/:id/clauses`). */
export interface CommitmentClause {
  id: string;
  projectId: string;
  indicator: CommitmentIndicator;
  /** Value clauses: 万元, 万元/亩 or persons (a whole number), decimal string. */
  agreedValue: string | null;
  /** Date clauses (`start_by`, `operate_by`, `full_production_by`). */
  agreedDate: string | null;
  /** Cumulative and point value clauses. */
  dueDate: string | null;
  /** Annual value clauses (`annual_tax`, `tax_per_mu`, `output_per_mu`): the assessed year. */
  year: number | null;
  /** 0–1, decimal string with up to four decimals. */
  clawbackRatio: string | null;
  clawbackBasis: ClawbackBasis | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Body of `POST /api/projects/:id/clauses` and `PATCH /api/clauses/:id`. */
export interface CommitmentClauseInput {
  indicator: CommitmentIndicator;
  agreedValue?: string | null;
  agreedDate?: string | null;
  dueDate?: string | null;
  year?: number | null;
  clawbackRatio?: string | null;
  clawbackBasis?: ClawbackBasis | null;
  note?: string | null;
}

/** A subsidy entry (扶持资金兑现, `POST /api/projects/:id/subsidies`). */
export interface SubsidyEntry {
  id: string;
  /** 万元. */
  amount: string;
  at: string;
  note: string | null;
  recordedAt: string;
}

/** The numbers of one period (`PUT /api/projects/:id/actuals/:period` body and answer). */
export interface ActualFigures {
  /** 万元. */
  taxPaid: string | null;
  outputValue: string | null;
  /** Cumulative, 万元. */
  fixedAssetInvestment: string | null;
  headcount: number | null;
}

/** A replaced version of a period's actuals (kept, never deleted). */
export interface ActualHistoryEntry extends ActualFigures {
  source: ActualSource;
  recordedAt: string;
  /** Who entered these numbers (null for an import without a user, or a user since removed). */
  recordedByName: string | null;
  /** When it was replaced, and by whom. */
  replacedAt: string;
  replacedByName: string | null;
}

/** One period's actuals of a project, with the versions it replaced (newest first). */
export interface ProjectActual extends ActualFigures {
  /** `YYYY`, `YYYY-Qn` or `YYYY-MM`. */
  period: string;
  source: ActualSource;
  recordedAt: string;
  history: ActualHistoryEntry[];
}

/** `GET /api/projects/:id/actuals`. */
export interface ProjectActuals {
  items: ProjectActual[];
}

/** One clause as assessed at `asOf` (commitments.md §4). */
export interface ClauseAssessmentView {
  /** The clause id. */
  id: string;
  indicator: CommitmentIndicator;
  unit: CommitmentUnit;
  dueDate: string;
  status: ClauseStatus;
  /** Agreed value (decimal string; per-mu with 4 decimals, persons whole) or date. */
  agreed: string;
  /** Actual so far or at the due date (date for date clauses); null when nothing is recorded. */
  actual: string | null;
  /** Unmet value clauses: agreed − actual, in the unit. */
  shortfall: string | null;
  /** [0, 1]. */
  progress: number | null;
  clawbackRatio: string | null;
  clawbackBasis: ClawbackBasis | null;
  /** This clause's recommended clawback (万元; "0.00" unless unmet with clawback terms). */
  recommendedClawback: string;
}

/** `GET /api/projects/:id/commitments?asOf`. */
export interface ProjectCommitments {
  projectId: string;
  /** The business date assessed (default today, Asia/Shanghai). */
  asOf: string;
  clauses: ClauseAssessmentView[];
  /** Clauses due (met or unmet), met, and 履约率 = met ÷ due. */
  due: number;
  met: number;
  rate: number | null;
}

/** The recorded decision of a review (audited). */
export interface ReviewDecisionView {
  id: string;
  decision: ReviewDecision;
  /** The clawback decided, 万元. */
  amount: string;
  reason: string | null;
  /** The recommendation at the time of the decision. */
  recommendedClawback: string;
  /** The clauses as assessed when decided. */
  clauses: ClauseAssessmentView[];
  decidedAt: string;
  decidedById: string;
  decidedByName: string | null;
}

/** `GET /api/projects/:id/review` — 达产复核. */
export interface CommitmentReview {
  projectId: string;
  projectCode: string;
  projectName: string;
  creditCode: string | null;
  asOf: string;
  /**
   * The review is due: the project passed its `full_production_by` date or reached full production.
   * A decision is taken only then (409 `review_not_due` before).
   */
  ready: boolean;
  /** The agreed full-production date, if a clause gives one. */
  fullProductionBy: string | null;
  fullProductionAt: string | null;
  landAreaMu: string | null;
  /** Σ subsidies paid (万元) — the cap. */
  subsidiesPaid: string;
  clauses: ClauseAssessmentView[];
  /** Σ of the clauses' clawbacks, capped at `cap`. */
  recommendedClawback: string;
  cap: string;
  /** The uncapped sum was above the cap. */
  capped: boolean;
  decision: ReviewDecisionView | null;
}

/** Body of `POST /api/projects/:id/review/decision`. */
export interface ReviewDecisionInput {
  decision: ReviewDecision;
  amount?: string;
  reason?: string;
}

/** A bucket of a per-mu distribution: `from` ≤ value < `to` (`to` null: no upper bound). */
export interface PerMuBucket {
  from: string;
  to: string | null;
  count: number;
}

/** 亩均税收 / 亩均产值 of operating projects in `year`. */
export interface PerMuFigures {
  /** Projects with land and a figure for the year. */
  count: number;
  /** 万元/亩, 4 decimals. */
  median: string | null;
  distribution: PerMuBucket[];
}

/**
 * `commitments` of `GET /api/dashboard/summary` (commitments.md §5), for the moment `asOf`; live
 * projects only, narrowed by the cockpit's source and department filters.
 */
export interface CommitmentFigures {
  /** Clauses whose due date is on or before asOf, those met, 履约率. */
  clausesDue: number;
  clausesMet: number;
  rate: number | null;
  /** Of the projects whose `full_production_by` date passed before asOf, those at full production. */
  fullProductionDue: number;
  fullProductionReached: number;
  fullProductionRate: number | null;
  /** The year the per-mu figures are of: Y when Y has ended at asOf, else Y − 1. */
  perMuYear: number;
  taxPerMu: PerMuFigures;
  outputPerMu: PerMuFigures;
  /** 供而未建: land supplied ≥ 180 days before asOf, not started. */
  idleLand: number;
  /** 建而未投: started, not operating, past an `operate_by` date. */
  builtNotOperating: number;
  /** Σ recommended clawbacks of the reviews that are due, and Σ decided ones (万元). */
  recommendedClawback: string;
  decidedClawback: string;
  reviewsDue: number;
  reviewsDecided: number;
}

/** A row of `GET /api/commitments/projects` (each figure's list). */
export interface CommitmentProjectRow {
  projectId: string;
  projectCode: string;
  projectName: string;
  creditCode: string | null;
  stage: ProjectStage;
  leadDepartmentId: string;
  leadDepartmentName: string | null;
  landAreaMu: string | null;
  landSuppliedAt: string | null;
  startedAt: string | null;
  operatingAt: string | null;
  fullProductionAt: string | null;
  fullProductionBy: string | null;
  clausesDue: number;
  clausesMet: number;
  taxPerMu: string | null;
  outputPerMu: string | null;
  recommendedClawback: string;
  decidedClawback: string | null;
}

/** `POST /api/actuals/import`. */
export interface ActualsImportResult {
  imported: number;
  /** Periods that replaced earlier numbers (kept in history). */
  replaced: number;
}

export type { CommitmentListFilter };
