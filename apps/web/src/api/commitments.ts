import type { Page } from '@luodi/contracts';
import { download, http } from './http';

/**
 * 履约 (commitments.md): a project's land, clauses, actuals, subsidies and 达产复核, the actuals
 * import and the list of clauses. Provisional types until libs/contracts carries them.
 */
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
export const CLAUSE_STATUSES = ['pending', 'met', 'unmet'] as const;
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];
export const CLAWBACK_BASES = ['shortfall', 'subsidy'] as const;
export type ClawbackBasis = (typeof CLAWBACK_BASES)[number];
export const REVIEW_DECISIONS = ['accept', 'reduce', 'waive'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export interface Clause {
  id: string;
  projectId: string;
  indicator: CommitmentIndicator;
  agreedValue: string | null;
  dueDate: string | null;
  year: number | null;
  agreedDate: string | null;
  clawbackRatio: string | null;
  clawbackBasis: ClawbackBasis | null;
  note: string | null;
  status: ClauseStatus;
  /** The actual so far (value) or the stage date (date clause). */
  actual: string | null;
  /** Pending value clauses: actual ÷ agreed, 0–1 or more. */
  progress: number | null;
  /** Unmet value clauses: agreed − actual. */
  shortfall: string | null;
}

export interface ClauseInput {
  indicator: CommitmentIndicator;
  agreedValue?: string;
  dueDate?: string;
  year?: number;
  agreedDate?: string;
  clawbackRatio?: string;
  clawbackBasis?: ClawbackBasis;
  note?: string;
}

export interface ActualEntry {
  id: string;
  period: string;
  taxPaid: string | null;
  outputValue: string | null;
  fixedAssetInvestment: string | null;
  headcount: number | null;
  source: 'manual' | 'import';
  recordedAt: string;
}

export interface ActualInput {
  period: string;
  taxPaid?: string;
  outputValue?: string;
  fixedAssetInvestment?: string;
  headcount?: number;
}

export interface SubsidyEntry {
  id: string;
  amount: string;
  at: string;
  note: string | null;
}

export interface ProjectCommitments {
  projectId: string;
  creditCode: string | null;
  landAreaMu: string | null;
  landSuppliedAt: string | null;
  subsidiesPaid: string;
  subsidies: SubsidyEntry[];
  clauses: Clause[];
  actuals: ActualEntry[];
  clausesDue: number;
  clausesMet: number;
  fulfilmentRate: number | null;
}

export interface ReviewLine {
  clauseId: string;
  indicator: CommitmentIndicator;
  agreed: string | null;
  actual: string | null;
  status: ClauseStatus;
  shortfall: string | null;
  recommendedClawback: string;
}

export interface FullProductionReview {
  projectId: string;
  preparedAt: string;
  lines: ReviewLine[];
  subsidiesPaid: string;
  recommendedClawback: string;
  decision: ReviewDecision | null;
  decidedAmount: string | null;
  reason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface DecisionInput {
  decision: ReviewDecision;
  amount?: string;
  reason?: string;
}

export interface LandInput {
  creditCode?: string | null;
  landAreaMu?: string | null;
  landSuppliedAt?: string | null;
}

export interface CommitmentRow extends Clause {
  projectCode: string;
  projectName: string;
}

export interface CommitmentFilters {
  year?: string;
  asOf?: string;
  source?: string;
  leadDepartmentId?: string;
  indicator?: string;
  status?: string;
  due?: string;
  fullProductionDue?: string;
  idle?: string;
  perMu?: string;
  perMuFrom?: string;
  perMuTo?: string;
  q?: string;
}

export interface ActualsImportResult {
  imported: number;
}

const id = (value: string) => encodeURIComponent(value);
const base = (projectId: string) => `/projects/${id(projectId)}`;

export const commitmentsApi = {
  get: (projectId: string) => http.get<ProjectCommitments>(`${base(projectId)}/commitments`),
  updateLand: (projectId: string, body: LandInput) => http.patch<unknown>(base(projectId), body),
  addClause: (projectId: string, body: ClauseInput) => http.post<Clause>(`${base(projectId)}/clauses`, body),
  updateClause: (projectId: string, clauseId: string, body: ClauseInput) =>
    http.patch<Clause>(`${base(projectId)}/clauses/${id(clauseId)}`, body),
  deleteClause: (projectId: string, clauseId: string) =>
    http.delete<void>(`${base(projectId)}/clauses/${id(clauseId)}`),
  saveActual: (projectId: string, body: ActualInput) =>
    http.post<ActualEntry>(`${base(projectId)}/actuals`, body),
  addSubsidy: (projectId: string, body: { amount: string; at: string; note?: string }) =>
    http.post<SubsidyEntry>(`${base(projectId)}/subsidies`, body),
  review: (projectId: string) => http.get<FullProductionReview | null>(`${base(projectId)}/review`),
  decide: (projectId: string, body: DecisionInput) =>
    http.post<FullProductionReview>(`${base(projectId)}/review/decision`, body),
  reviewSheet: (projectId: string, code: string) =>
    download(`${base(projectId)}/review/sheet`, { fileName: `达产复核-${code}.docx` }),
  list: (filters: CommitmentFilters, page: number, pageSize: number) =>
    http.get<Page<CommitmentRow>>('/commitments', { query: { ...filters, page, pageSize } }),
  importTemplate: () => download('/actuals/import-template', { fileName: 'actuals-import-template.xlsx' }),
  import: (file: File | Blob, fileName = 'actuals.xlsx') => {
    const form = new FormData();
    form.append('file', file, fileName);
    return http.post<ActualsImportResult>('/actuals/import', form);
  },
};
