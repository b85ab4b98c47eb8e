import type { InvestorOrigin, LookupKind } from '@luodi/domain';
import type { Page } from './admin';
import { download, http } from './http';
import type { ProjectStage, TargetStage } from '../utils/stages';

export { INVESTOR_ORIGINS, type InvestorOrigin, LOOKUP_KINDS, type LookupKind } from '@luodi/domain';

export interface Lookup {
  id: string;
  kind: LookupKind;
  name: string;
  sortOrder: number;
  enabled: boolean;
}

export interface Project {
  id: string;
  code: string;
  name: string;
  investor: string;
  investorOrigin: InvestorOrigin;
  industry: string;
  source: string;
  /** 万元, decimal string. */
  contractAmount: string;
  fundsArrived: string;
  leadDepartmentId: string;
  leadDepartmentName: string | null;
  leadOfficial: string | null;
  location: string | null;
  plannedStartDate: string | null;
  stage: ProjectStage;
  talksStartedAt: string | null;
  signedAt: string | null;
  registeredAt: string | null;
  startedAt: string | null;
  operatingAt: string | null;
  terminatedAt: string | null;
  terminationReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StageEvent {
  id: string;
  stage: ProjectStage;
  at: string;
  reason: string | null;
  recordedAt: string;
}

export interface FundEntry {
  id: string;
  amount: string;
  at: string;
  note: string | null;
}

export interface MonthlyReport {
  month: string;
  completedInvestment: string;
  progress: string | null;
  problems: string | null;
  reportedAt: string;
  correctedAt?: string | null;
}

export interface ProjectKeyWork {
  id: string;
  year: number;
  annualPlanInvestment: string;
  plannedStartMonth: number | null;
  completedInvestment: string;
  reports: MonthlyReport[];
}

export interface ProjectDetail extends Project {
  stageEvents: StageEvent[];
  funds: FundEntry[];
  keyWorks: ProjectKeyWork[];
}

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
  reached?: 'registered' | 'started' | 'operating';
  asOf?: string;
  /** The funnel's talks cohort of a year. */
  talksYear?: string;
  signedFrom?: string;
  signedTo?: string;
  startedFrom?: string;
  startedTo?: string;
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
}

export interface ImportProblem {
  row: number;
  field?: string;
  column?: string;
  message: string;
}

export interface KeyWorkRow {
  id: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  leadDepartmentId: string;
  leadDepartmentName: string | null;
  stage: ProjectStage;
  startedAt: string | null;
  year: number;
  annualPlanInvestment: string;
  plannedStartMonth: number | null;
  completedInvestment: string;
  reportCount: number;
  lastReportedMonth: string | null;
  completionRate: number | null;
  scheduleRate: number;
  missingReports: string[];
}

export interface KeyWorkDetail extends KeyWorkRow {
  reports: MonthlyReport[];
}

export interface KeyWorkList extends Page<KeyWorkRow> {
  dueMonths: string[];
}

export interface ReportInput {
  month?: string;
  completedInvestment?: string;
  progress?: string;
  problems?: string;
}

export interface DashboardSummary {
  year: number;
  asOf: string;
  asOfDate: string;
  negotiatingCount: number;
  signedCount: number;
  contractAmount: string;
  registeredCount: number;
  landingRate: number | null;
  startedCount: number;
  startRate: number | null;
  fundsArrived: string;
  fundsRate: number | null;
  keyWorks: {
    count: number;
    plannedStartCount: number;
    startedCount: number;
    startRate: number | null;
    annualPlanInvestment: string;
    completedInvestment: string;
    investmentRate: number | null;
    scheduleRate: number | null;
  };
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
  addFunds: (projectId: string, body: { amount: string; at: string; note?: string }) =>
    http.post<Project>(`/projects/${id(projectId)}/funds`, body),
  export: (filters: ProjectFilters) =>
    download('/projects/export', { query: { ...filters }, fileName: 'projects.xlsx' }),
  importTemplate: () => download('/projects/import-template', { fileName: 'project-import-template.xlsx' }),
  import: (file: File | Blob, fileName = 'import.xlsx') => {
    const form = new FormData();
    form.append('file', file, fileName);
    return http.post<{ imported: number }>('/projects/import', form);
  },
};

export const keyWorksApi = {
  list: (year: number) => http.get<KeyWorkList>('/key-works', { query: { year } }),
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

export const dashboardApi = {
  summary: (query: { year?: number; asOf?: string } = {}) =>
    http.get<DashboardSummary>('/dashboard/summary', { query: { ...query } }),
};

/** The bad rows of a refused import (the 400 body's `rows`), or an empty list. */
export function importProblems(body: unknown): ImportProblem[] {
  if (typeof body !== 'object' || body === null) return [];
  const rows = (body as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as ImportProblem[]) : [];
}
