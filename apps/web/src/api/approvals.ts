import { EVENT_TYPES, type Light, type MilestoneState, type UserEventType } from '@luodi/domain';
import type { Page } from './admin';
import { http } from './http';

/** Milestone states, the states that end a milestone (办结), lights: domain §4, defined once in libs/domain. */
export { DECIDED_STATES, MILESTONE_STATES, type MilestoneState } from '@luodi/domain';

/** The events people record (the system's 超时默认 aside). */
export const MILESTONE_EVENT_TYPES = EVENT_TYPES;
export type MilestoneEventType = UserEventType;

export type MilestoneLight = Light;

export interface ApprovalItem {
  code: string;
  name: string;
  departmentId: string;
  statutoryDays: number;
  promisedDays: number;
  deemedApproval: boolean;
  maxExtensionDays: number;
  /** Per-item override of the yellow threshold; null: the setting applies. */
  yellowDays: number | null;
  /** Required materials, one per line. */
  materials: string | null;
  sortOrder: number;
  enabled: boolean;
}

export interface ApprovalItemInput {
  code?: string;
  name?: string;
  departmentId?: string;
  statutoryDays?: number;
  promisedDays?: number;
  deemedApproval?: boolean;
  maxExtensionDays?: number;
  yellowDays?: number | null;
  materials?: string;
  enabled?: boolean;
}

export type CalendarKind = 'holiday' | 'workday';

/** An exception to Monday–Friday: a weekday holiday or a working weekend day (调休). */
export interface CalendarEntry {
  date: string;
  kind: CalendarKind;
  name: string | null;
  source: 'package' | 'admin';
}

export interface ApprovalSettings {
  yellowDays: number;
  /** 万元, decimal string. */
  deemedApprovalThreshold: string;
  notRegisteredDays: number;
  notStartedDays: number;
}

/** A milestone as lists show it (`GET /api/milestones`, `GET /api/projects/:id/milestones`). */
export interface Milestone {
  id: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  itemCode: string;
  itemName: string;
  departmentId: string;
  departmentName: string;
  state: MilestoneState;
  submittedAt: string | null;
  /** Acceptance date (YYYY-MM-DD), also when deemed accepted. */
  acceptedOn: string | null;
  acceptanceDeemed: boolean;
  /** Deadline date (YYYY-MM-DD; the end of that day in Asia/Shanghai). */
  deadline: string | null;
  /** Negative when overdue; null when there is no clock (not accepted, or decided). */
  remainingWorkingDays: number | null;
  light: MilestoneLight | null;
  extensionDays: number;
  decidedAt: string | null;
  decidedOnTime: boolean | null;
}

export interface MilestoneEvent {
  id: string;
  type: MilestoneEventType;
  at: string;
  days: number | null;
  reason: string | null;
  note: string | null;
  actorUserId: string | null;
  recordedAt: string;
}

export interface MilestoneDetail extends Milestone {
  acceptedAt: string | null;
  suspendedWorkingDays: number;
  events: MilestoneEvent[];
}

export interface MilestoneFilters {
  departmentId?: string;
  projectId?: string;
  state?: MilestoneState | '';
  light?: MilestoneLight | '';
  /** Only undecided milestones. */
  open?: boolean;
}

export interface MilestoneEventInput {
  type: MilestoneEventType;
  /** ISO-8601 moment with offset; the server's now when absent. Never in the future. */
  at?: string;
  days?: number;
  reason?: string;
  note?: string;
}

export interface ApprovalFigures {
  decidedCount: number;
  onTimeCount: number;
  onTimeRate: number | null;
  overdueOpen: number;
}

export type ScoreCode = 'green' | 'yellow' | 'red';

/** One row of the department scorecard (效能), ranked. */
export interface DepartmentScore {
  rank: number;
  departmentId: string;
  departmentName: string;
  handled: number;
  onTimeRate: number | null;
  medianWorkingDays: number | null;
  overdueOpen: number;
  deemedApprovals: number;
  medianAckHours: number | null;
  code: ScoreCode;
}

const id = (value: string) => encodeURIComponent(value);

export const approvalItemsApi = {
  list: () => http.get<Page<ApprovalItem>>('/approval-items'),
  create: (body: ApprovalItemInput) => http.post<ApprovalItem>('/approval-items', body),
  update: (code: string, body: ApprovalItemInput) =>
    http.patch<ApprovalItem>(`/approval-items/${id(code)}`, body),
};

export const calendarApi = {
  list: (year: number) => http.get<Page<CalendarEntry>>('/calendar', { query: { year } }),
  put: (date: string, body: { kind: CalendarKind; name?: string }) =>
    http.put<CalendarEntry>(`/calendar/${id(date)}`, body),
  remove: (date: string) => http.delete<void>(`/calendar/${id(date)}`),
};

export const settingsApi = {
  get: () => http.get<ApprovalSettings>('/settings'),
  update: (body: Partial<ApprovalSettings>) => http.patch<ApprovalSettings>('/settings', body),
};

export const milestonesApi = {
  list: (filters: MilestoneFilters, page: number, pageSize: number) =>
    http.get<Page<Milestone>>('/milestones', {
      query: {
        departmentId: filters.departmentId,
        projectId: filters.projectId,
        state: filters.state,
        light: filters.light,
        open: filters.open ? 'true' : undefined,
        page,
        pageSize,
      },
    }),
  forProject: (projectId: string) => http.get<Page<Milestone>>(`/projects/${id(projectId)}/milestones`),
  create: (projectId: string, body: { itemCode: string; departmentId?: string }) =>
    http.post<MilestoneDetail>(`/projects/${id(projectId)}/milestones`, body),
  get: (milestoneId: string) => http.get<MilestoneDetail>(`/milestones/${id(milestoneId)}`),
  record: (milestoneId: string, body: MilestoneEventInput) =>
    http.post<MilestoneDetail>(`/milestones/${id(milestoneId)}/events`, body),
};

export const approvalDashboardApi = {
  departments: (year?: number) =>
    http.get<{ items: DepartmentScore[] }>('/dashboard/departments', { query: { year } }),
  figures: async (): Promise<ApprovalFigures> =>
    (await http.get<{ approvals: ApprovalFigures }>('/dashboard/summary')).approvals,
};
