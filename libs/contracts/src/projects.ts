import type { ProjectStage } from '@luodi/domain';
import type { SubsidyEntry } from './commitments';
import type { Page } from './pagination';

// Value lists not in libs/domain yet (the entities and the web keep their own `const` lists): the
// unions here only name the values the API answers with, until the lists move to libs/domain.
export type InvestorOrigin = 'domestic' | 'hmt' | 'foreign';
export type LookupKind = 'source' | 'industry' | 'location';

/** One entry of a managed list (`GET/POST/PATCH /api/lookups`). */
export interface Lookup {
  id: string;
  kind: LookupKind;
  name: string;
  sortOrder: number;
  enabled: boolean;
}

/** A project as lists show it (`GET /api/projects`), and the answer of its changes. */
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
  talksStartedAt: string;
  signedAt: string | null;
  registeredAt: string | null;
  startedAt: string | null;
  operatingAt: string | null;
  /** 达产 (commitments.md §1). */
  fullProductionAt: string | null;
  terminatedAt: string | null;
  terminationReason: string | null;
  /** 统一社会信用代码 of the investing company (GB 32100-2015), unique among live projects. */
  creditCode: string | null;
  /**
   * 项目代码 of the national online approval platform: 24 characters, digit groups 4-6-2-2-6, region
   * group starting with the `regionCodePrefix` setting; unique among live projects.
   */
  projectCode: string | null;
  /** Land granted, 亩, decimal string. */
  landAreaMu: string | null;
  /** 供地 date. */
  landSuppliedAt: string | null;
  /** Σ subsidies paid, 万元. */
  subsidiesPaid: string;
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

/**
 * A funds entry. Entries are never edited: a reversal (冲销) has the negative amount and names the
 * entry it cancels (`reversesId`); a correction's replacement names the entry it corrects
 * (`correctsId`); both carry their reason. `reversedBy` is the reversal of this entry, if any.
 */
export interface FundEntry {
  id: string;
  amount: string;
  at: string;
  note: string | null;
  reversesId: string | null;
  correctsId: string | null;
  reason: string | null;
  reversedBy: string | null;
  recordedAt: string;
}

/** A monthly report of a key work, as the project's detail shows it. */
export interface MonthlyReport {
  month: string;
  completedInvestment: string;
  progress: string | null;
  problems: string | null;
  reportedAt: string;
  /** Given by `GET /api/key-works/:id` only. */
  correctedAt?: string | null;
}

/** A key work's report as `GET /api/key-works/:id` shows it. */
export interface KeyWorkReport extends MonthlyReport {
  id: string;
  correctedAt: string | null;
}

/** A key-work plan of the project (one per year). */
export interface ProjectKeyWork {
  id: string;
  year: number;
  annualPlanInvestment: string;
  plannedStartMonth: number | null;
  completedInvestment: string;
  reports: MonthlyReport[];
}

/** `GET /api/projects/:id`. */
export interface ProjectDetail extends Project {
  stageEvents: StageEvent[];
  funds: FundEntry[];
  keyWorks: ProjectKeyWork[];
  /** Subsidy entries (扶持资金), oldest first. */
  subsidies: SubsidyEntry[];
}

/** One bad row of a refused import (the 400 body's `rows`). */
export interface ImportProblem {
  row: number;
  field?: string;
  column?: string;
  message: string;
}

/** `POST /api/projects/import`. */
export interface ImportResult {
  imported: number;
}

/** A key work of the year (`GET /api/key-works`). */
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
  /** Σ completed investment reported for the year. */
  completedInvestment: string;
  reportCount: number;
  lastReportedMonth: string | null;
  completionRate: number | null;
  scheduleRate: number;
  /** Months of the year whose report is past its due day and not in (new starts: from their planned start month). */
  missingReports: string[];
}

/** `GET /api/key-works/:id` (and the answer of its changes). */
export interface KeyWorkDetail extends KeyWorkRow {
  reports: KeyWorkReport[];
}

/** `GET /api/key-works?year`: the whole year, with the months whose reports are due by now. */
export interface KeyWorkList extends Page<KeyWorkRow> {
  dueMonths: string[];
}
