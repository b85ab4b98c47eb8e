import type { Role } from '../access/roles';
import { DECIDED_STATES, type MilestoneState, type UserEventType } from './milestone';

/**
 * The events a role may record on a milestone in a state (domain §4), as `validateEvent` accepts
 * them: the web offers only these; the server checks again with the full history.
 */

/** The events a handling user (department, bureau) may record in each state, in the order offered. */
export const HANDLING_EVENTS: Readonly<Record<MilestoneState, readonly UserEventType[]>> = {
  planned: ['submit'],
  submitted: ['accept', 'request_supplement'],
  supplement_requested: ['submit'],
  accepted: ['approve', 'reject', 'suspend'],
  suspended: ['resume'],
  approved: [],
  rejected: [],
  deemed_approved: [],
  discontinued: [],
};

/** The states in which an extension (事先告知, approved by a leader) may be recorded. */
const EXTENDABLE_STATES: readonly MilestoneState[] = ['accepted', 'suspended'];

export interface AllowedEventsContext {
  /** The milestone already had its one extension (`extensionDays` > 0). */
  extended?: boolean;
  /** The deadline has passed (remaining working days < 0): no more extension. */
  deadlinePassed?: boolean;
  /**
   * For a department user: whether the milestone is its own department's (default true; the API lists
   * only its own anyway). Another department's milestone takes nothing.
   */
  ownDepartment?: boolean;
  /** 容缺受理 still missing materials: 补正 (cure) is offered and 准予 is not. */
  curePending?: boolean;
  /** …and its cure deadline has passed: 终止 (terminate) is offered too. */
  cureOverdue?: boolean;
  /** An approval on a promise (告知承诺) not verified yet: 核查通过 / 核查不通过 are offered. */
  promisePending?: boolean;
}

export function isDecided(state: MilestoneState): boolean {
  return DECIDED_STATES.includes(state);
}

/** Whether an extension may be recorded now: accepted or suspended, not extended yet, deadline ahead. */
function canExtend(state: MilestoneState, context: AllowedEventsContext): boolean {
  return EXTENDABLE_STATES.includes(state) && !context.extended && !context.deadlinePassed;
}

/** The handling events of a state, with 容缺 (cure, terminate; no approval yet) and 告知承诺 (verification). */
function handlingEvents(state: MilestoneState, context: AllowedEventsContext): UserEventType[] {
  if (state === 'approved') return context.promisePending ? ['verified', 'verification_failed'] : [];
  const handling = [...HANDLING_EVENTS[state]];
  if ((state !== 'accepted' && state !== 'suspended') || !context.curePending) return handling;
  const cure: UserEventType[] = ['cure', ...(context.cureOverdue ? (['terminate'] as const) : [])];
  return [...handling.filter((type) => type !== 'approve'), ...cure];
}

/**
 * The events `role` may record on a milestone in `state`: a department its own milestones' handling
 * events, the bureau any milestone's, a leader only the extension, an admin everything.
 */
export function allowedEvents(
  state: MilestoneState,
  role: Role | null | undefined,
  context: AllowedEventsContext = {},
): UserEventType[] {
  if (!role) return [];
  const handling = handlingEvents(state, context);
  if (isDecided(state))
    return role === 'leader' || (role === 'department' && context.ownDepartment === false) ? [] : handling;
  const extend: UserEventType[] = canExtend(state, context) ? ['extend'] : [];
  switch (role) {
    case 'leader':
      return extend;
    case 'admin':
      return [...handling, ...extend];
    case 'bureau':
      return handling;
    case 'department':
      return context.ownDepartment === false ? [] : handling;
  }
}
