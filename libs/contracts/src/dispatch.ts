import type {
  DecisionKind,
  MeetingKind,
  MeetingStatus,
  NoticeSource,
  NoticeStatus,
  ProblemAction,
  ProblemCategory,
  ProblemEventType,
  ProblemStatus,
  ProblemSubjectType,
} from '@luodi/domain';

/** A department named in an answer. */
export interface NamedDepartment {
  id: string;
  name: string;
}

/** A problem (问题清单) as lists show it (`GET /api/problems`). */
export interface Problem {
  id: string;
  code: string;
  subjectType: ProblemSubjectType;
  subjectId: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  /** The key work's year when the subject is a key work. */
  keyWorkYear: number | null;
  category: ProblemCategory;
  description: string;
  raisedBy: string;
  raisedByName: string;
  /** YYYY-MM-DD */
  raisedAt: string;
  ownerDepartmentId: string;
  ownerDepartmentName: string;
  coDepartments: NamedDepartment[];
  leadOfficial: string | null;
  /** YYYY-MM-DD */
  dueDate: string;
  status: ProblemStatus;
  overdue: boolean;
  /** Working days past the due date (0 when not overdue). */
  overdueWorkingDays: number;
  supervised: boolean;
  resolvedOn: string | null;
  closedOn: string | null;
  /** What the caller may do now (the transitions its role and department allow in this state). */
  actions: ProblemAction[];
}

export interface ProblemEvent {
  id: string;
  type: ProblemEventType;
  fromStatus: ProblemStatus | null;
  toStatus: ProblemStatus | null;
  text: string | null;
  meetingId: string | null;
  actorUserId: string | null;
  at: string;
}

/** `GET /api/problems/:id`: the problem with its history. */
export interface ProblemDetail extends Problem {
  events: ProblemEvent[];
}

/** A dispatch meeting (调度会). */
export interface Meeting {
  id: string;
  date: string;
  title: string;
  kind: MeetingKind;
  status: MeetingStatus;
  chairUserId: string;
  chairName: string;
  attendees: NamedDepartment[];
  closedAt: string | null;
}

/** A decision (交办事项) as it was made. */
export interface MeetingDecision {
  id: string;
  seq: number;
  kind: DecisionKind;
  problemId: string;
  problemCode: string;
  projectName: string;
  text: string;
  ownerDepartmentId: string;
  ownerDepartmentName: string;
  coDepartmentIds: string[];
  dueDate: string;
  leadOfficial: string | null;
  supervised: boolean;
}

/** One group of the agenda's problems: a category and an owner department. */
export interface AgendaProblemGroup {
  category: ProblemCategory;
  ownerDepartmentId: string;
  ownerDepartmentName: string;
  problems: Array<
    Pick<Problem, 'id' | 'code' | 'projectName' | 'description' | 'dueDate' | 'status'> & { overdue: boolean }
  >;
}

/** The agenda of a meeting, generated from the data as of its date (dispatch.md §2). */
export interface MeetingAgenda {
  asOf: string;
  previousMeetingDate: string | null;
  openProblems: AgendaProblemGroup[];
  alertedProjects: Array<{
    projectId: string;
    projectCode: string;
    projectName: string;
    level: number;
    kinds: string[];
  }>;
  keyWorksBehind: Array<{
    keyWorkId: string;
    projectCode: string;
    projectName: string;
    pointsBehind: number;
  }>;
  overdueMilestones: Array<{
    milestoneId: string;
    projectCode: string;
    projectName: string;
    itemName: string;
    departmentName: string;
    deadline: string;
  }>;
  closedProblems: Array<Pick<Problem, 'id' | 'code' | 'projectName' | 'description' | 'closedOn'>>;
}

/** `GET /api/meetings/:id`: the meeting, its agenda and its decisions. */
export interface MeetingDetail extends Meeting {
  agenda: MeetingAgenda;
  decisions: MeetingDecision[];
}

/** A supervision notice (督办函). */
export interface Notice {
  id: string;
  number: string;
  year: number;
  departmentId: string;
  departmentName: string;
  sourceType: NoticeSource;
  sourceId: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  subject: string;
  facts: string;
  measures: string;
  issuedOn: string;
  replyDueDate: string;
  issuedBy: string;
  issuerName: string;
  status: NoticeStatus;
  signedAt: string | null;
  replyDone: string | null;
  replyRemaining: string | null;
  replyExpectedDate: string | null;
  repliedAt: string | null;
  repliedOn: string | null;
  overdue: boolean;
}

/** `problems` of `GET /api/dashboard/summary` (dispatch.md §4). */
export interface ProblemFigures {
  open: number;
  overdue: number;
  closedInPeriod: number;
  /** Closed in the year by their due date ÷ closed in the year (null when none closed). */
  onTimeRate: number | null;
  /** Median working days from raised to closed (closed in the year). */
  medianWorkingDaysToClose: number | null;
  byCategory: Array<{ category: ProblemCategory; open: number; overdue: number }>;
  byOwner: Array<{ departmentId: string; departmentName: string; open: number; overdue: number }>;
}
