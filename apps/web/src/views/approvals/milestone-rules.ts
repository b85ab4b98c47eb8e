import { LIGHT_COLORS } from '@luodi/charts';
import { type AllowedEventsContext, MilestoneState } from '@luodi/domain';
import type { Milestone, MilestoneEventType, MilestoneLight } from '../../api/approvals';

/**
 * What the UI offers for a milestone: the events the server's state machine (domain §4) would accept
 * now from this role — the rule itself lives in libs/domain (`allowedEvents`). The server checks
 * again; this only keeps impossible choices off the screen.
 */
export { type AllowedEventsContext, allowedEvents, isDecided } from '@luodi/domain';

/** The context of a list row (its extension and whether its deadline has passed). */
export function contextOf(
  milestone: Pick<Milestone, 'extensionDays' | 'remainingWorkingDays' | 'departmentId'> &
    Partial<Pick<Milestone, 'cure' | 'promise'>>,
  userDepartmentId?: string | null,
): AllowedEventsContext {
  const cure = milestone.cure ?? null;
  return {
    extended: milestone.extensionDays > 0,
    deadlinePassed: milestone.remainingWorkingDays !== null && milestone.remainingWorkingDays < 0,
    ownDepartment: userDepartmentId === undefined ? true : milestone.departmentId === userDepartmentId,
    curePending: !!cure && !cure.curedAt,
    cureOverdue: !!cure && !cure.curedAt && cure.overdue,
    promisePending: !!milestone.promise && !milestone.promise.outcome,
  };
}

/**
 * Events that need a reason: a refusal, an extension, the list of missing materials, a termination
 * (容缺 not cured) and a failed verification (告知承诺 核查不通过).
 */
export const REASON_REQUIRED: readonly MilestoneEventType[] = [
  'reject',
  'extend',
  'request_supplement',
  'terminate',
  'verification_failed',
];

/** The row actions that open the event dialog on one event: 补正, 终止, 核查. */
export const QUICK_EVENTS: readonly MilestoneEventType[] = ['cure', 'terminate', 'verified'];

/** The 容缺 / 告知承诺 tags of a milestone row: which, and in which colour. */
export interface FlagTag {
  key: 'cure' | 'cureOverdue' | 'cured' | 'promise' | 'promiseOverdue' | 'verified' | 'verificationFailed';
  type: 'success' | 'warning' | 'danger' | 'info';
}

export function flagTags(milestone: Partial<Pick<Milestone, 'cure' | 'promise'>>): FlagTag[] {
  const tags: FlagTag[] = [];
  const { cure, promise } = milestone;
  if (cure && !cure.curedAt)
    tags.push(cure.overdue ? { key: 'cureOverdue', type: 'danger' } : { key: 'cure', type: 'warning' });
  if (promise) {
    if (promise.outcome === 'verified') tags.push({ key: 'verified', type: 'success' });
    else if (promise.outcome === 'verification_failed')
      tags.push({ key: 'verificationFailed', type: 'danger' });
    else
      tags.push(
        promise.overdue ? { key: 'promiseOverdue', type: 'danger' } : { key: 'promise', type: 'warning' },
      );
  }
  return tags;
}

export function needsReason(type: MilestoneEventType | null | undefined): boolean {
  return !!type && REASON_REQUIRED.includes(type);
}

/** How the remaining time reads: `left` (剩余 N 个工作日), `overdue` (逾期 N 个工作日) or `none`. */
export type RemainingKind = 'left' | 'overdue' | 'none';

export function remainingOf(remaining: number | null | undefined): { kind: RemainingKind; days: number } {
  if (remaining === null || remaining === undefined) return { kind: 'none', days: 0 };
  return remaining < 0 ? { kind: 'overdue', days: -remaining } : { kind: 'left', days: remaining };
}

/** The colour of a light (the shared 红黄绿 constants), or null for no light. */
export function lightColor(light: MilestoneLight | null | undefined): string | null {
  return light ? LIGHT_COLORS[light] : null;
}

/** Element Plus tag type for a state. */
export function stateTagType(state: MilestoneState): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  switch (state) {
    case MilestoneState.approved:
    case MilestoneState.deemed_approved:
      return 'success';
    case MilestoneState.rejected:
    case MilestoneState.discontinued:
      return 'danger';
    case MilestoneState.supplement_requested:
    case MilestoneState.suspended:
      return 'warning';
    case MilestoneState.planned:
      return 'info';
    default:
      return 'primary';
  }
}

/**
 * Whether a moment may carry an event: not in the future (a minute's grace for clock skew, as the server).
 */
export function isFutureMoment(value: Date, now: Date = new Date()): boolean {
  return value.getTime() > now.getTime() + 60_000;
}

/** Order milestones by their catalog item's order (unknown items last, then by code). */
export function byCatalogOrder<T extends { itemCode: string }>(
  rows: readonly T[],
  sortOrder: ReadonlyMap<string, number>,
): T[] {
  const order = (code: string) => sortOrder.get(code) ?? Number.MAX_SAFE_INTEGER;
  return [...rows].sort(
    (a, b) => order(a.itemCode) - order(b.itemCode) || a.itemCode.localeCompare(b.itemCode),
  );
}

/** The promised limit (承诺时限) never exceeds the statutory one (法定时限); a missing value is not judged. */
export function promisedWithinStatutory(
  promised: number | null | undefined,
  statutory: number | null | undefined,
): boolean {
  return promised === null || promised === undefined || statutory === null || statutory === undefined
    ? true
    : promised <= statutory;
}

/** Nothing recorded yet on the milestone: one added by mistake may be removed (the server checks). */
export const nothingRecorded = (row: Pick<Milestone, 'state' | 'submittedAt'>): boolean =>
  row.state === MilestoneState.planned && !row.submittedAt;
