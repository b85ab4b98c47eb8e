import { EVENT_TYPES, type Light, type MilestoneState, type UserEventType } from '@luodi/domain';
import type {
  ApprovalItem,
  ApprovalSettings,
  CalendarArrangementPreview,
  CalendarArrangementResult,
  CalendarEntry,
  CalendarOverrideResult,
  CalendarYear,
  Milestone,
  MilestoneDetail,
  MilestoneEvent,
  Page,
} from '@luodi/contracts';
import { fieldsOf, getPage, http } from './http';

/** Milestone states, the states that end a milestone (办结), lights: domain §4, defined once in libs/domain. */
export { DECIDED_STATES, MILESTONE_STATES, type MilestoneState } from '@luodi/domain';

export type {
  ApprovalItem,
  ApprovalSettings,
  CalendarArrangementPreview,
  CalendarEntry,
  Milestone,
  MilestoneDetail,
  MilestoneEvent,
};

/** The events people record (the system's 超时默认 aside). */
export const MILESTONE_EVENT_TYPES = EVENT_TYPES;
export type MilestoneEventType = UserEventType;

export type MilestoneLight = Light;

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

export interface MilestoneFilters {
  departmentId?: string;
  projectId?: string;
  state?: MilestoneState | '';
  light?: MilestoneLight | '';
  /** Only undecided milestones. */
  open?: boolean;
  /** Search in the project's name or code and the approval item's name. */
  q?: string;
  /** The cockpit's drill-downs: the project's source, 办结 in a year, 逾期未办, counted at `asOf`. */
  source?: string;
  decidedYear?: string;
  overdue?: boolean;
  asOf?: string;
}

export interface MilestoneEventInput {
  type: MilestoneEventType;
  /** ISO-8601 moment with offset; the server's now when absent. Never in the future. */
  at?: string;
  days?: number;
  reason?: string;
  note?: string;
  /** accept (容缺受理): the materials still missing and the day they must come by. */
  missingMaterials?: string[];
  cureDeadline?: string;
  /** approve (告知承诺制): on the applicant's promise, verified by `verifyBy`. */
  byPromise?: boolean;
  verifyBy?: string;
}

export type ScoreCode = 'green' | 'yellow' | 'red';

const id = (value: string) => encodeURIComponent(value);

export const approvalItemsApi = {
  list: () => http.get<Page<ApprovalItem>>('/approval-items'),
  create: (body: ApprovalItemInput) => http.post<ApprovalItem>('/approval-items', body),
  update: (code: string, body: ApprovalItemInput) =>
    http.patch<ApprovalItem>(`/approval-items/${id(code)}`, body),
};

export const calendarApi = {
  list: (year: number) => http.get<CalendarYear>('/calendar', { query: { year } }),
  /** Read a year's arrangement from the notice's text or an .ics file's content (nothing saved). */
  previewArrangement: (body: { year: number; text?: string; ics?: string }) =>
    http.post<CalendarArrangementPreview>('/calendar/arrangement/preview', body),
  saveArrangement: (
    year: number,
    entries: Array<{ date: string; kind: CalendarKind; name: string | null }>,
  ) => http.put<CalendarArrangementResult>(`/calendar/arrangement/${year}`, { entries }),
  put: (date: string, body: { kind: CalendarKind; name?: string }) =>
    http.put<CalendarOverrideResult>(`/calendar/${id(date)}`, body),
  remove: (date: string) => http.delete<void>(`/calendar/${id(date)}`),
};

export const settingsApi = {
  get: () => http.get<ApprovalSettings>('/settings'),
  update: (body: Partial<ApprovalSettings>) => http.patch<ApprovalSettings>('/settings', body),
};

export const milestonesApi = {
  list: (filters: MilestoneFilters, page: number, pageSize: number) =>
    getPage<Milestone>(
      '/milestones',
      {
        ...fieldsOf(filters, ['departmentId', 'projectId', 'state', 'light']),
        open: filters.open ? 'true' : undefined,
        ...fieldsOf(filters, ['q', 'source', 'decidedYear']),
        overdue: filters.overdue ? 'true' : undefined,
        asOf: filters.asOf,
      },
      page,
      pageSize,
    ),
  forProject: (projectId: string) => http.get<Page<Milestone>>(`/projects/${id(projectId)}/milestones`),
  create: (projectId: string, body: { itemCode: string; departmentId?: string }) =>
    http.post<MilestoneDetail>(`/projects/${id(projectId)}/milestones`, body),
  get: (milestoneId: string) => http.get<MilestoneDetail>(`/milestones/${id(milestoneId)}`),
  /** Remove a milestone added by mistake (only while nothing is recorded on it; 409 otherwise). */
  remove: (milestoneId: string) => http.delete<void>(`/milestones/${id(milestoneId)}`),
  record: (milestoneId: string, body: MilestoneEventInput) =>
    http.post<MilestoneDetail>(`/milestones/${id(milestoneId)}/events`, body),
};
