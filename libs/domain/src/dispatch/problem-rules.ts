import type { IsoDate } from '../business-time';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { DomainError, StateConflict, ValidationFailed } from '../errors';
import type { Role } from '../access/roles';
import type { Condition } from '../alerts/alert-rules';
import {
  type ProblemAction,
  ProblemStatus,
  type ProblemStatus as ProblemStatusType,
  UNFINISHED_PROBLEM_STATUSES,
} from './dispatch-lists';

/** How the acting user stands to a problem: its department owns it, co-owns it, or neither. */
export type ProblemRelation = 'owner' | 'co_owner' | 'none';

interface TransitionRule {
  from: ProblemStatusType;
  to: ProblemStatusType;
  /** Who may: the owner department (and admins), or the bureau and leadership (and admins). */
  by: 'owner' | 'reviewer';
  /** The text the transition must carry (a plan, a resolution, a reason), or none. */
  text: 'plan' | 'resolution' | 'reason' | null;
}

/** The state machine of dispatch.md §1. */
export const PROBLEM_TRANSITIONS: Readonly<Record<ProblemAction, TransitionRule>> = {
  start: { from: ProblemStatus.open, to: ProblemStatus.in_progress, by: 'owner', text: 'plan' },
  resolve: { from: ProblemStatus.in_progress, to: ProblemStatus.resolved, by: 'owner', text: 'resolution' },
  close: { from: ProblemStatus.resolved, to: ProblemStatus.closed, by: 'reviewer', text: null },
  reject: { from: ProblemStatus.resolved, to: ProblemStatus.in_progress, by: 'reviewer', text: 'reason' },
};

/** Whether `role` (standing `relation` to the problem) may take `action` at all, whatever the state. */
export function mayTakeAction(action: ProblemAction, role: Role, relation: ProblemRelation): boolean {
  if (role === 'admin') return true;
  const rule = PROBLEM_TRANSITIONS[action];
  if (rule.by === 'owner') return role === 'department' && relation === 'owner';
  return role === 'bureau' || role === 'leader';
}

/** The actions `role` may take on a problem in `status` now (what the web offers). */
export function allowedProblemActions(
  status: ProblemStatusType,
  role: Role,
  relation: ProblemRelation,
): ProblemAction[] {
  return (Object.keys(PROBLEM_TRANSITIONS) as ProblemAction[]).filter(
    (action) => PROBLEM_TRANSITIONS[action].from === status && mayTakeAction(action, role, relation),
  );
}

/**
 * The status after `action`: 403 when the role may never take it (a co-owner, a leader starting
 * work), 409 when the problem is not in the state the action starts from, 400 without the text the
 * transition needs. Pure: the caller locks the row and writes the event.
 */
export function transitionProblem(
  status: ProblemStatusType,
  action: ProblemAction,
  actor: { role: Role; relation: ProblemRelation },
  text: string | null | undefined,
): ProblemStatusType {
  const rule = PROBLEM_TRANSITIONS[action];
  if (!mayTakeAction(action, actor.role, actor.relation)) {
    const who =
      rule.by === 'owner' ? 'the owner department (责任单位)' : 'the bureau or a leader (销号/复核)';
    throw DomainError.coded('forbidden', 'problem_action_forbidden', { action, who });
  }
  if (status !== rule.from) {
    throw new StateConflict(
      status,
      `"${action}" moves a problem only from "${rule.from}"`,
      'problem_action_not_allowed',
      { action },
    );
  }
  if (rule.text && !text?.trim()) {
    throw new ValidationFailed('text', 'problem_text_required', { params: { action, what: rule.text } });
  }
  return rule.to;
}

/** A problem past its due date and not resolved or closed (dispatch.md §1). */
export function isProblemOverdue(problem: { status: string; dueDate: IsoDate }, today: IsoDate): boolean {
  return (
    (UNFINISHED_PROBLEM_STATUSES as readonly string[]).includes(problem.status) && today > problem.dueDate
  );
}

/** `WT-YYYY-NNNN`: the problem code of the n-th problem of a year. */
export function problemCode(year: number, n: number): string {
  return `WT-${year}-${String(n).padStart(4, '0')}`;
}

/** `〔YYYY〕督字第N号`: the number of the n-th supervision notice of a year. */
export function noticeNumber(year: number, n: number): string {
  return `〔${year}〕督字第${n}号`;
}

export interface ProblemFacts {
  id: string;
  code: string;
  projectId: string;
  ownerDepartmentId: string;
  status: string;
  dueDate: IsoDate;
  supervised: boolean;
}

/** problem_overdue: level 2 from the first day after the due date (3 comes from `targetLevel`). */
export function problemConditions(problem: ProblemFacts, today: IsoDate): Condition[] {
  if (!isProblemOverdue(problem, today)) return [];
  return [
    {
      kind: 'problem_overdue',
      subjectType: 'problem',
      subjectId: problem.id,
      departmentId: problem.ownerDepartmentId,
      projectId: problem.projectId,
      level: 2,
      detail: { code: problem.code, dueDate: problem.dueDate, supervised: problem.supervised },
    },
  ];
}

export interface NoticeFacts {
  id: string;
  number: string;
  projectId: string;
  departmentId: string;
  replyDueDate: IsoDate;
  repliedAt: Date | null;
}

/** notice_overdue: a notice not answered by its reply date (level 3 at once, see `targetLevel`). */
export function noticeConditions(notice: NoticeFacts, today: IsoDate): Condition[] {
  if (notice.repliedAt || today <= notice.replyDueDate) return [];
  return [
    {
      kind: 'notice_overdue',
      subjectType: 'notice',
      subjectId: notice.id,
      departmentId: notice.departmentId,
      projectId: notice.projectId,
      level: 2,
      detail: { number: notice.number, replyDueDate: notice.replyDueDate },
    },
  ];
}

/**
 * Whether a dispatch alert is at level 3 now: a notice not answered in time always; an overdue
 * problem when a meeting marked it 督办 or 3 working days after its due date.
 */
export function dispatchAlertAtLevelThree(
  condition: Condition,
  calendar: WorkingCalendar,
  today: IsoDate,
): boolean {
  if (condition.kind === 'notice_overdue') return true;
  if (condition.kind !== 'problem_overdue') return false;
  if (condition.detail['supervised'] === true) return true;
  const due = condition.detail['dueDate'];
  return typeof due === 'string' && calendar.workingDaysAfterUpTo(due, today) >= 3;
}
