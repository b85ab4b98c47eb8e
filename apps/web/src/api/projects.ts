import type { InvestorOrigin, LookupKind } from '@luodi/domain';
import type {
  FundEntry,
  ImportProblem,
  ImportResult,
  KeyWorkDetail,
  KeyWorkList,
  KeyWorkRow,
  Lookup,
  MonthlyReport,
  Page,
  Project,
  ProjectDetail,
  ProjectKeyWork,
  StageEvent,
} from '@luodi/contracts';
import { download, http } from './http';
import type { TargetStage } from '../utils/stages';

export type {
  FundEntry,
  ImportProblem,
  KeyWorkDetail,
  KeyWorkList,
  KeyWorkRow,
  Lookup,
  MonthlyReport,
  Project,
  ProjectDetail,
  ProjectKeyWork,
  StageEvent,
};

export { INVESTOR_ORIGINS, type InvestorOrigin, LOOKUP_KINDS, type LookupKind } from '@luodi/domain';

export const PROJECT_SORTS = ['code', 'name', 'signedAt', 'contractAmount', 'stage', 'updatedAt'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export interface ProjectFilters {
  stage?: string;
  source?: string;
  industry?: string;
  leadDepartmentId?: string;
  q?: string;
  year?: string;
  /** Drill-down (cockpit): reached that stage on or before `asOf` (YYYY-MM-DD, default today). */
  reached?: 'registered' | 'started' | 'operating' | 'full_production';
  asOf?: string;
  /** The funnel's talks cohort of a year. */
  talksYear?: string;
  signedFrom?: string;
  signedTo?: string;
  startedFrom?: string;
  startedTo?: string;
  /** Planned to start (plannedStartDate, else a key work's planned month's last day) in the range. */
  plannedStartFrom?: string;
  plannedStartTo?: string;
  /** Only these projects: comma-separated ids (the 预计开工 month bars' drill). */
  ids?: string;
  sort?: ProjectSort;
  order?: 'asc' | 'desc';
}

export interface ProjectInput {
  code?: string;
  name?: string;
  investor?: string;
  investorOrigin?: InvestorOrigin;
  industry?: string;
  source?: string;
  contractAmount?: string;
  leadDepartmentId?: string;
  leadOfficial?: string | null;
  location?: string | null;
  plannedStartDate?: string | null;
  talksStartedAt?: string;
  /** On create only: the signing date of a project entered when already signed. */
  signedAt?: string;
  /** 项目代码 (4-6-2-2-6 digits); null removes it. */
  projectCode?: string | null;
}

export interface ReportInput {
  month?: string;
  completedInvestment?: string;
  progress?: string;
  problems?: string;
}

const id = (value: string) => encodeURIComponent(value);

export const lookupsApi = {
  list: (kind: LookupKind) => http.get<Page<Lookup>>('/lookups', { query: { kind } }),
};

export const projectsApi = {
  list: (filters: ProjectFilters, page: number, pageSize: number) =>
    http.get<Page<Project>>('/projects', { query: { ...filters, page, pageSize } }),
  get: (projectId: string) => http.get<ProjectDetail>(`/projects/${id(projectId)}`),
  create: (body: ProjectInput) => http.post<Project>('/projects', body),
  update: (projectId: string, body: ProjectInput) => http.patch<Project>(`/projects/${id(projectId)}`, body),
  changeStage: (projectId: string, body: { stage: TargetStage; at: string; reason?: string }) =>
    http.post<Project>(`/projects/${id(projectId)}/stage`, body),
  addFunds: (
    projectId: string,
    body: { amount: string; at: string; note?: string; confirmOverContract?: boolean },
  ) => http.post<ProjectDetail>(`/projects/${id(projectId)}/funds`, body),
  /** 冲销: a new entry of the negative amount naming the entry, with the reason. */
  reverseFunds: (projectId: string, fundId: string, body: { reason: string }) =>
    http.post<ProjectDetail>(`/projects/${id(projectId)}/funds/${id(fundId)}/reversal`, body),
  /** 更正: the entry's reversal plus its replacement, with the reason. */
  correctFunds: (
    projectId: string,
    fundId: string,
    body: { amount: string; at: string; note?: string; reason: string; confirmOverContract?: boolean },
  ) => http.post<ProjectDetail>(`/projects/${id(projectId)}/funds/${id(fundId)}/correction`, body),
  export: (filters: ProjectFilters) =>
    download('/projects/export', { query: { ...filters }, fileName: 'projects.xlsx' }),
  importTemplate: () => download('/projects/import-template', { fileName: 'project-import-template.xlsx' }),
  import: (file: File | Blob, fileName = 'import.xlsx') => {
    const form = new FormData();
    form.append('file', file, fileName);
    return http.post<ImportResult>('/projects/import', form);
  },
};

export const keyWorksApi = {
  /** `filter`: the cockpit's drill-down (计划新开工, source, lead department). */
  list: (year: number, filter: { plannedStart?: boolean; source?: string; leadDepartmentId?: string } = {}) =>
    http.get<KeyWorkList>('/key-works', {
      query: {
        year,
        plannedStart: filter.plannedStart ? 'true' : undefined,
        source: filter.source,
        leadDepartmentId: filter.leadDepartmentId,
      },
    }),
  get: (keyWorkId: string) => http.get<KeyWorkDetail>(`/key-works/${id(keyWorkId)}`),
  addReport: (keyWorkId: string, body: ReportInput) =>
    http.post<unknown>(`/key-works/${id(keyWorkId)}/reports`, body),
  correctReport: (keyWorkId: string, month: string, body: ReportInput) =>
    http.patch<unknown>(`/key-works/${id(keyWorkId)}/reports/${id(month)}`, body),
  export: (year: number, month: number) =>
    download('/key-works/export', {
      query: { year, month },
      fileName: `key-works-${year}-${String(month).padStart(2, '0')}.xlsx`,
    }),
};

/** The bad rows of a refused import (the 400 body's `rows`), or an empty list. */
export function importProblems(body: unknown): ImportProblem[] {
  if (typeof body !== 'object' || body === null) return [];
  const rows = (body as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as ImportProblem[]) : [];
}
