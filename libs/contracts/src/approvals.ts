import type { DayKind, Light, MilestoneEventType, MilestoneState, VerificationOutcome } from '@luodi/domain';
import type { Page } from './pagination';

/** One item of the approval catalog (事项清单, `GET/POST/PATCH /api/approval-items`). */
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

/** An exception to Monday–Friday (`GET /api/calendar`): a weekday holiday or a working weekend day (调休). */
export interface CalendarEntry {
  date: string;
  kind: DayKind;
  name: string | null;
  source: 'package' | 'admin';
}

/**
 * `GET /api/calendar?year=`: the year's exceptions to Monday–Friday, and whether its holiday
 * arrangement is known (in the calendar package or entered by an admin); when not, deadlines in it
 * are provisional (待确认).
 */
export interface CalendarYear extends Page<CalendarEntry> {
  year: number;
  confirmed: boolean;
}

/** One day of an arrangement being entered, with what the calendar says of it now. */
export interface CalendarArrangementEntry {
  date: string;
  kind: DayKind;
  name: string | null;
  /** The kind the calendar gives the date today (package or admin), null for a plain day. */
  current: DayKind | null;
}

/** `POST /api/calendar/arrangement/preview`: the arrangement read from a notice or an .ics file. */
export interface CalendarArrangementPreview {
  year: number;
  confirmed: boolean;
  entries: CalendarArrangementEntry[];
  /** Parts of the text that could not be read (the admin corrects them before saving). */
  problems: string[];
}

/** `PUT /api/calendar/arrangement/:year`: days changed and open milestones recomputed. */
export interface CalendarArrangementResult {
  year: number;
  saved: number;
  recomputed: number;
}

/** `PUT /api/calendar/:date`: the override, and how many open milestones had their clock recomputed. */
export interface CalendarOverrideResult extends CalendarEntry {
  recomputed: number;
}

/** `GET/PATCH /api/settings`. */
export interface ApprovalSettings {
  yellowDays: number;
  /** 万元, decimal string. */
  deemedApprovalThreshold: string;
  notRegisteredDays: number;
  notStartedDays: number;
  /** A project code's 6-digit region group must start with this (0–6 digits; empty = any region). */
  regionCodePrefix: string;
}

/** `POST /api/approval-steps/import`: what the import of approval steps by project code did. */
export interface MilestoneStepImportResult {
  /** Data rows read. */
  rows: number;
  /** Milestone events written. */
  imported: number;
  /** Events already present (a file imported again), skipped. */
  skipped: number;
  /** Milestones created for an item the project did not have yet. */
  createdMilestones: number;
}

/** A milestone as lists show it (`GET /api/milestones`, `GET /api/projects/:id/milestones`). */
export interface Milestone {
  id: string;
  projectId: string;
  /**
   * The project's own number (`project.code`, e.g. 2026-ZS-001) — NOT the 项目代码 of the investment
   * platform, which is `Project.projectCode`. The name is kept for compatibility; the inbox search
   * (`GET /api/milestones?q=`) matches both the number and the 项目代码.
   */
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
  /**
   * The deadline falls in a year without the State Council's holiday arrangement (not in the calendar
   * package, no admin entry): counted over Monday–Friday, it may move once the year is entered (待确认).
   */
  deadlineProvisional: boolean;
  /** Negative when overdue; null when there is no clock (not accepted, or decided). */
  remainingWorkingDays: number | null;
  light: Light | null;
  extensionDays: number;
  decidedAt: string | null;
  decidedOnTime: boolean | null;
  /** 容缺受理 (accepted with materials missing); null when accepted with everything or not accepted. */
  cure: MilestoneCureFlag | null;
  /** 告知承诺制 (approved on the applicant's promise); null otherwise. */
  promise: MilestonePromiseFlag | null;
}

/** The 容缺 flag of a milestone: shown (容缺) while `curedAt` is null. */
export interface MilestoneCureFlag {
  /** The day by which the missing materials must come (YYYY-MM-DD). */
  deadline: string;
  curedAt: string | null;
  /** The deadline has passed today without a cure (cure_overdue; 终止 may be recorded). */
  overdue: boolean;
}

/** The 告知承诺 flag of an approval: waiting for verification while `outcome` is null. */
export interface MilestonePromiseFlag {
  /** The day by which the promise must be verified (YYYY-MM-DD). */
  verifyBy: string;
  /** verified (核查通过), verification_failed (核查不通过: the approval stands, flagged), or null. */
  outcome: VerificationOutcome | null;
  /** verifyBy has passed today without a verification (promise_unverified). */
  overdue: boolean;
}

/** One event of a milestone (people's events, and the system's `deemed_approve`). */
export interface MilestoneEvent {
  id: string;
  type: MilestoneEventType;
  at: string;
  days: number | null;
  reason: string | null;
  note: string | null;
  actorUserId: string | null;
  recordedAt: string;
  /** accept (容缺受理): the missing materials and their cure deadline. */
  missingMaterials: string[] | null;
  cureDeadline: string | null;
  /** approve (告知承诺制): on the applicant's promise, to be verified by `verifyBy`. */
  byPromise: boolean;
  verifyBy: string | null;
}

/** `GET /api/milestones/:id` (and the answer of creating one or recording an event). */
export interface MilestoneDetail extends Milestone {
  cure: (MilestoneCureFlag & { missingMaterials: string[] }) | null;
  promise: (MilestonePromiseFlag & { verifiedAt: string | null; failureReason: string | null }) | null;
  acceptedAt: string | null;
  suspendedWorkingDays: number;
  events: MilestoneEvent[];
}
