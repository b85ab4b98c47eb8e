import type {
  ActualFigures,
  ActualsImportResult,
  CommitmentClause,
  CommitmentClauseInput,
  CommitmentListFilter,
  CommitmentProjectRow,
  CommitmentReview,
  ProjectActuals,
  ProjectCommitments,
  ReviewDecisionInput,
  SubsidyEntry,
} from '@luodi/contracts';
import { download, fieldsOf, getPage, http } from './http';

/**
 * 履约 (commitments.md, api.md "Commitments"): a project's clauses, actuals, subsidies, assessment
 * and 达产复核, the actuals import and the drill-down list of the cockpit's figures.
 */
export type {
  ActualFigures,
  ActualsImportResult,
  ClauseAssessmentView,
  CommitmentClause,
  CommitmentClauseInput,
  CommitmentFigures,
  CommitmentListFilter,
  CommitmentProjectRow,
  CommitmentReview,
  ProjectActual,
  ProjectActuals,
  ProjectCommitments,
  ReviewDecisionInput,
  SubsidyEntry,
} from '@luodi/contracts';
export {
  CLAUSE_STATUSES,
  CLAWBACK_BASES,
  COMMITMENT_INDICATORS,
  INDICATOR_CATALOG,
  REVIEW_DECISIONS,
  type ClauseStatus,
  type ClawbackBasis,
  type CommitmentIndicator,
  type CommitmentUnit,
  type ReviewDecision,
} from '@luodi/domain';

/** The land and company fields of a project (`PATCH /api/projects/:id`). */
export interface LandFields {
  creditCode: string | null;
  landAreaMu: string | null;
  landSuppliedAt: string | null;
}

/** The drill-down list's query as the address carries it: the figure, the cockpit's filters, a per-mu bucket. */
export interface CommitmentListQuery {
  filter?: CommitmentListFilter;
  year?: string;
  asOf?: string;
  source?: string;
  leadDepartmentId?: string;
  indicator?: 'tax_per_mu' | 'output_per_mu';
  from?: string;
  to?: string;
}

const id = (value: string) => encodeURIComponent(value);
const project = (projectId: string) => `/projects/${id(projectId)}`;

export const commitmentsApi = {
  assessment: (projectId: string) => http.get<ProjectCommitments>(`${project(projectId)}/commitments`),
  clauses: (projectId: string) => http.get<CommitmentClause[]>(`${project(projectId)}/clauses`),
  updateLand: (projectId: string, body: LandFields) => http.patch<unknown>(project(projectId), body),
  addClause: (projectId: string, body: CommitmentClauseInput) =>
    http.post<CommitmentClause>(`${project(projectId)}/clauses`, body),
  updateClause: (clauseId: string, body: CommitmentClauseInput) =>
    http.patch<CommitmentClause>(`/clauses/${id(clauseId)}`, body),
  deleteClause: (clauseId: string) => http.delete<void>(`/clauses/${id(clauseId)}`),
  actuals: (projectId: string) => http.get<ProjectActuals>(`${project(projectId)}/actuals`),
  saveActual: (projectId: string, period: string, body: Partial<ActualFigures>) =>
    http.put<unknown>(`${project(projectId)}/actuals/${id(period)}`, body),
  addSubsidy: (projectId: string, body: { amount: string; at: string; note?: string }) =>
    http.post<SubsidyEntry>(`${project(projectId)}/subsidies`, body),
  review: (projectId: string) => http.get<CommitmentReview>(`${project(projectId)}/review`),
  decide: (projectId: string, body: ReviewDecisionInput) =>
    http.post<CommitmentReview>(`${project(projectId)}/review/decision`, body),
  reviewSheet: (projectId: string, code: string) =>
    download(`${project(projectId)}/review.docx`, { fileName: `达产复核-${code}.docx` }),
  /** One page of the projects behind a figure (`GET /api/commitments/projects`, a per-mu bar included). */
  list: (query: CommitmentListQuery, page: number, pageSize: number) =>
    getPage<CommitmentProjectRow>(
      '/commitments/projects',
      {
        ...fieldsOf(query, ['filter', 'year', 'asOf', 'source']),
        departmentId: query.leadDepartmentId,
        ...fieldsOf(query, ['indicator', 'from', 'to']),
      },
      page,
      pageSize,
    ),
  importTemplate: () => download('/actuals/import-template', { fileName: 'actuals-import-template.xlsx' }),
  import: (file: File | Blob, fileName = 'actuals.xlsx') => {
    const form = new FormData();
    form.append('file', file, fileName);
    return http.post<ActualsImportResult>('/actuals/import', form);
  },
};
