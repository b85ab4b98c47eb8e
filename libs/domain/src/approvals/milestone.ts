import { businessDateOf, endOfBusinessDay, type IsoDate, startOfBusinessDay } from '../business-time';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { DomainError, StateConflict, ValidationFailed } from '../errors';
import { namesOf } from '../value-lists';

/**
 * Approvals (审批) on a working-day clock — domain §4. A milestone is one catalog item for one
 * project; its state and clock are folded from its events, so that any moment can be recomputed.
 */
export const MILESTONE_STATES = [
  'planned',
  'submitted',
  'supplement_requested',
  'accepted',
  'suspended',
  'approved',
  'rejected',
  'deemed_approved',
  'discontinued',
] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];
/** The states by name, for code that names one: `MilestoneState.deemed_approved`. */
export const MilestoneState = namesOf(MILESTONE_STATES);

export const EVENT_TYPES = [
  'submit',
  'request_supplement',
  'accept',
  'suspend',
  'resume',
  'extend',
  'approve',
  'reject',
  'cure',
  'terminate',
  'verified',
  'verification_failed',
] as const;
/** Events people record. */
export type UserEventType = (typeof EVENT_TYPES)[number];
export const UserEventType = namesOf(EVENT_TYPES);
/**
 * Events the system records: `deemed_approve` marks 超时默认 once applied, so that the decision
 * stands whatever later changes of settings or calendar would compute.
 */
export const SYSTEM_EVENT_TYPES = ['deemed_approve'] as const;
export type MilestoneEventType = UserEventType | (typeof SYSTEM_EVENT_TYPES)[number];
/** Every event a milestone's history may hold (the `milestone_event.type` column). */
export const MILESTONE_EVENT_TYPES = [...EVENT_TYPES, ...SYSTEM_EVENT_TYPES] as const;

export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];

/**
 * The states in which a milestone is done (办结, or `discontinued` — 终止办理, the `terminate` event
 * after a 容缺 cure deadline passed without the materials; not named `terminated`, which is a project
 * stage): no light, no deadline ahead; figures count them as decided.
 */
export const DECIDED_STATES: readonly MilestoneState[] = [
  'approved',
  'rejected',
  'deemed_approved',
  'discontinued',
];
/** The states of a milestone not decided yet (办结 not reached). */
export const OPEN_MILESTONE_STATES: readonly MilestoneState[] = MILESTONE_STATES.filter(
  (state) => !DECIDED_STATES.includes(state),
);

/** The events that close a 告知承诺 approval's verification (核查通过 / 核查不通过). */
export const VERIFICATION_EVENTS = ['verified', 'verification_failed'] as const;
export type VerificationOutcome = (typeof VERIFICATION_EVENTS)[number];

/** Working days after `submit` within which `accept` or `request_supplement` must come (行政许可法 art. 32). */
export const DEEMED_ACCEPTANCE_WORKING_DAYS = 5;
export const DEFAULT_MAX_EXTENSION_DAYS = 10;

export interface MilestoneEvent {
  type: MilestoneEventType;
  /** The moment it happened. */
  at: Date;
  days?: number | null;
  reason?: string | null;
  /** accept (容缺受理): the materials still missing, to come by `cureDeadline`. */
  missingMaterials?: readonly string[] | null;
  cureDeadline?: IsoDate | null;
  /** approve (告知承诺制): approved on the applicant's written promise, to be verified by `verifyBy`. */
  byPromise?: boolean | null;
  verifyBy?: IsoDate | null;
}

/** 容缺受理: accepted with materials missing; open until a `cure` event records them. */
export interface MilestoneCure {
  missingMaterials: string[];
  /** The day by which the materials must come (inclusive). */
  deadline: IsoDate;
  /** The moment of the `cure` event, or null while the materials are missing. */
  curedAt: Date | null;
}

/** 告知承诺制: approved on a promise; a verification event must follow by `verifyBy`. */
export interface MilestonePromise {
  verifyBy: IsoDate;
  /** null until verified (核查通过) or failed (核查不通过: the approval stands, flagged). */
  outcome: VerificationOutcome | null;
  verifiedAt: Date | null;
  /** The reason of a failed verification. */
  failureReason: string | null;
}

export interface ClockItem {
  promisedDays: number;
  deemedApproval: boolean;
  maxExtensionDays: number;
  /** Per-item override of the yellow threshold. */
  yellowDays: number | null;
}

export interface ClockSettings {
  yellowDays: number;
  /** 万元: projects of at least this amount get 超时默认 on items that allow it. */
  deemedApprovalThreshold: string;
}

export interface ClockContext {
  item: ClockItem;
  settings: ClockSettings;
  calendar: WorkingCalendar;
  /** The project's contract amount (万元). */
  contractAmount: string;
}

export interface MilestoneClock {
  state: MilestoneState;
  submittedAt: Date | null;
  /** The moment of acceptance (the submission's moment when acceptance was deemed). */
  acceptedAt: Date | null;
  /** The acceptance date (the submit date when acceptance was deemed). */
  acceptedOn: IsoDate | null;
  acceptanceDeemed: boolean;
  suspended: boolean;
  extensionDays: number;
  suspendedWorkingDays: number;
  /** The deadline day (ends 23:59:59 Asia/Shanghai), once accepted. */
  deadline: IsoDate | null;
  remainingWorkingDays: number | null;
  light: Light | null;
  decidedAt: Date | null;
  /** Decided on or before the deadline (deemed approvals never count as on time). */
  decidedOnTime: boolean | null;
  /** The next moment at which the state or light may change without a new event (null: none). */
  nextChangeAt: Date | null;
  /** 容缺受理 (null: accepted with every material, or not accepted yet). */
  cure: MilestoneCure | null;
  /** 告知承诺制 (null: not approved on a promise). */
  promise: MilestonePromise | null;
}

/** Whether a 容缺 acceptance still waits for its materials. */
export function curePending(cure: MilestoneCure | null | undefined): boolean {
  return !!cure && !cure.curedAt;
}

/** Whether a 容缺 cure deadline has passed on `today` without the materials (cure_overdue, 终止 allowed). */
export function cureOverdue(cure: MilestoneCure | null | undefined, today: IsoDate): boolean {
  return curePending(cure) && today > cure!.deadline;
}

/** Whether a 告知承诺 approval still waits for its verification. */
export function promisePending(promise: MilestonePromise | null | undefined): boolean {
  return !!promise && !promise.outcome;
}

/** A numeric comparison of two decimal strings (万元, at most 2 decimals). */
function atLeast(amount: string, threshold: string): boolean {
  const cents = (value: string) => {
    const [whole, fraction = ''] = value.split('.') as [string, string?];
    return BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  };
  return cents(amount) >= cents(threshold);
}

/** Remaining working days on day `today` for deadline day `deadline` (domain §4). */
export function remainingWorkingDays(calendar: WorkingCalendar, today: IsoDate, deadline: IsoDate): number {
  if (today <= deadline) return calendar.workingDaysAfterUpTo(today, deadline);
  // Overdue: −(1 + working days strictly between the deadline and today).
  const between = calendar.workingDaysAfterUpTo(deadline, today) - (calendar.isWorkingDay(today) ? 1 : 0);
  return -(1 + between);
}

export function lightFor(remaining: number, yellowDays: number): Light {
  if (remaining < 0) return 'red';
  return remaining <= yellowDays ? 'yellow' : 'green';
}

interface Folded {
  state: MilestoneState;
  submittedAt: Date | null;
  submissionHasSupplement: boolean;
  acceptedAt: Date | null;
  acceptanceDeemed: boolean;
  suspensions: Array<{ from: IsoDate; to: IsoDate | null }>;
  extensionDays: number;
  extended: boolean;
  decidedAt: Date | null;
  cure: MilestoneCure | null;
  promise: MilestonePromise | null;
}

/** When a submission with no answer counts as accepted: the start of the day after the 5th working day. */
function deemedAcceptanceMoment(calendar: WorkingCalendar, submittedAt: Date): Date {
  const lastDay = calendar.addWorkingDays(businessDateOf(submittedAt), DEEMED_ACCEPTANCE_WORKING_DAYS);
  return new Date(endOfBusinessDay(lastDay).getTime() + 1);
}

/** The state each decision (办结) leaves a milestone in. */
const DECISION_STATES = {
  approve: 'approved',
  reject: 'rejected',
  deemed_approve: 'deemed_approved',
  terminate: 'discontinued',
} as const satisfies Record<string, MilestoneState>;

function fold(events: readonly MilestoneEvent[], calendar: WorkingCalendar, until: Date): Folded {
  const folded: Folded = {
    state: 'planned',
    submittedAt: null,
    submissionHasSupplement: false,
    acceptedAt: null,
    acceptanceDeemed: false,
    suspensions: [],
    extensionDays: 0,
    extended: false,
    decidedAt: null,
    cure: null,
    promise: null,
  };
  const deemAcceptanceBefore = (moment: Date) => {
    if (folded.state !== 'submitted' || !folded.submittedAt) return;
    if (deemedAcceptanceMoment(calendar, folded.submittedAt) <= moment) {
      folded.state = 'accepted';
      folded.acceptedAt = folded.submittedAt;
      folded.acceptanceDeemed = true;
    }
  };
  for (const event of events) {
    deemAcceptanceBefore(event.at);
    switch (event.type) {
      case 'submit':
        folded.state = 'submitted';
        folded.submittedAt = event.at;
        folded.submissionHasSupplement = false;
        break;
      case 'request_supplement':
        folded.state = 'supplement_requested';
        folded.submissionHasSupplement = true;
        break;
      case 'accept':
        folded.state = 'accepted';
        folded.acceptedAt = event.at;
        folded.cure =
          event.missingMaterials?.length && event.cureDeadline
            ? { missingMaterials: [...event.missingMaterials], deadline: event.cureDeadline, curedAt: null }
            : null;
        break;
      case 'cure':
        if (folded.cure) folded.cure = { ...folded.cure, curedAt: event.at };
        break;
      case 'verified':
      case 'verification_failed':
        if (folded.promise)
          folded.promise = {
            ...folded.promise,
            outcome: event.type,
            verifiedAt: event.at,
            failureReason: event.type === 'verification_failed' ? (event.reason ?? null) : null,
          };
        break;
      case 'suspend':
        folded.state = 'suspended';
        folded.suspensions.push({ from: businessDateOf(event.at), to: null });
        break;
      case 'resume': {
        folded.state = 'accepted';
        const open = folded.suspensions[folded.suspensions.length - 1];
        if (open) open.to = businessDateOf(event.at);
        break;
      }
      case 'extend':
        folded.extensionDays += event.days ?? 0;
        folded.extended = true;
        break;
      case 'approve':
      case 'reject':
      case 'deemed_approve':
      case 'terminate':
        folded.state = DECISION_STATES[event.type];
        folded.decidedAt = event.at;
        if (event.type === 'approve' && event.byPromise && event.verifyBy)
          folded.promise = { verifyBy: event.verifyBy, outcome: null, verifiedAt: null, failureReason: null };
        break;
    }
  }
  deemAcceptanceBefore(until);
  return folded;
}

/** Working days spent suspended: from the suspend date (inclusive) to the resume date (exclusive). */
function suspendedDays(calendar: WorkingCalendar, folded: Folded, today: IsoDate): number {
  let days = 0;
  for (const suspension of folded.suspensions) {
    const end = suspension.to ?? (today >= suspension.from ? nextDay(today) : suspension.from);
    for (let day = suspension.from; day < end; day = nextDay(day)) if (calendar.isWorkingDay(day)) days += 1;
  }
  return days;
}

function nextDay(date: IsoDate): IsoDate {
  return businessDateOf(new Date(endOfBusinessDay(date).getTime() + 1));
}

/**
 * The deadline day: the `promisedDays`-th working day after the acceptance date (which does not
 * count), pushed by every working day spent suspended and by extension days.
 */
export function deadlineDay(
  calendar: WorkingCalendar,
  acceptedOn: IsoDate,
  promisedDays: number,
  extraWorkingDays: number,
): IsoDate {
  return calendar.addWorkingDays(acceptedOn, promisedDays + extraWorkingDays);
}

/** State, deadline, remaining days, light and next change of a milestone at moment `now`. */
export function computeClock(
  events: readonly MilestoneEvent[],
  context: ClockContext,
  now: Date,
): MilestoneClock {
  const { calendar, item, settings } = context;
  const folded = fold(events, calendar, now);
  const today = businessDateOf(now);
  const yellowDays = item.yellowDays ?? settings.yellowDays;
  const acceptedOn = folded.acceptedAt ? businessDateOf(folded.acceptedAt) : null;
  const suspendedWorkingDays = suspendedDays(calendar, folded, today);
  const deadline = acceptedOn
    ? deadlineDay(calendar, acceptedOn, item.promisedDays, suspendedWorkingDays + folded.extensionDays)
    : null;
  const base = {
    submittedAt: folded.submittedAt,
    acceptedAt: folded.acceptedAt,
    acceptedOn,
    acceptanceDeemed: folded.acceptanceDeemed,
    suspended: folded.state === 'suspended',
    extensionDays: folded.extensionDays,
    suspendedWorkingDays,
    deadline,
    cure: folded.cure,
    promise: folded.promise,
  };

  if (DECIDED_STATES.includes(folded.state)) {
    const decidedOn = businessDateOf(folded.decidedAt!);
    return {
      ...base,
      state: folded.state,
      remainingWorkingDays: null,
      light: null,
      decidedAt: folded.decidedAt,
      // 超时默认 never counts as on time.
      decidedOnTime: folded.state !== 'deemed_approved' && deadline !== null && decidedOn <= deadline,
      nextChangeAt: null,
    };
  }
  if (!deadline) {
    // Not accepted yet: the only change to come is deemed acceptance of a pending submission.
    return {
      ...base,
      state: folded.state,
      remainingWorkingDays: null,
      light: null,
      decidedAt: null,
      decidedOnTime: null,
      nextChangeAt:
        folded.state === 'submitted' && folded.submittedAt
          ? deemedAcceptanceMoment(calendar, folded.submittedAt)
          : null,
    };
  }

  const deadlineEnd = endOfBusinessDay(deadline);
  // 超时默认 waits for the materials of a 容缺 acceptance (an approval needs them, see validateEvent).
  const deemed =
    item.deemedApproval &&
    atLeast(context.contractAmount, settings.deemedApprovalThreshold) &&
    !curePending(folded.cure);
  if (deemed && folded.state !== 'suspended' && now > deadlineEnd) {
    // 超时默认: the milestone is approved at the deadline.
    return {
      ...base,
      state: 'deemed_approved',
      remainingWorkingDays: null,
      light: null,
      decidedAt: deadlineEnd,
      decidedOnTime: false,
      nextChangeAt: null,
    };
  }

  const remaining = remainingWorkingDays(calendar, today, deadline);
  const light = lightFor(remaining, yellowDays);
  return {
    ...base,
    state: folded.state,
    remainingWorkingDays: remaining,
    light,
    decidedAt: null,
    decidedOnTime: null,
    nextChangeAt: nextChange(
      calendar,
      today,
      deadline,
      yellowDays,
      light,
      deemed && folded.state !== 'suspended',
      folded.state === 'suspended',
    ),
  };
}

/**
 * The next moment the light (or, with 超时默认, the state) changes with no new event: a day boundary.
 * While suspended the deadline moves every working day, so the next working day is the next change.
 * Overdue milestones change again when 3 working days overdue (escalation), then stay.
 */
function nextChange(
  calendar: WorkingCalendar,
  today: IsoDate,
  deadline: IsoDate,
  yellowDays: number,
  light: Light,
  deemed: boolean,
  suspended: boolean,
): Date | null {
  if (suspended) return startOfBusinessDay(calendar.addWorkingDays(today, 1));
  if (deemed) {
    // Either the light turns yellow first, or the milestone is deemed approved after the deadline day.
    if (light === 'green') return startOfBusinessDay(firstDayWithRemaining(calendar, deadline, yellowDays));
    return new Date(endOfBusinessDay(deadline).getTime() + 1);
  }
  if (light === 'green') return startOfBusinessDay(firstDayWithRemaining(calendar, deadline, yellowDays));
  if (light === 'yellow') return new Date(endOfBusinessDay(deadline).getTime() + 1);
  // Red: −1, −2, −3 … the milestone is 3 working days overdue on the 3rd working day after the deadline.
  const third = calendar.addWorkingDays(deadline, 3);
  return third > today ? startOfBusinessDay(third) : null;
}

/**
 * The first day on which remaining working days ≤ n: W, the (n+1)-th working day counting back from
 * the deadline (the deadline itself counts when it is a working day), since (W, deadline] holds n.
 */
function firstDayWithRemaining(calendar: WorkingCalendar, deadline: IsoDate, n: number): IsoDate {
  let day = deadline;
  let counted = calendar.isWorkingDay(day) ? 1 : 0;
  while (counted < n + 1) {
    day = previousDay(day);
    if (calendar.isWorkingDay(day)) counted += 1;
  }
  return day;
}

function previousDay(date: IsoDate): IsoDate {
  return businessDateOf(new Date(startOfBusinessDay(date).getTime() - 1));
}

export interface EventRequest {
  type: UserEventType;
  at: Date;
  days?: number | null;
  reason?: string | null;
  missingMaterials?: readonly string[] | null;
  cureDeadline?: IsoDate | null;
  byPromise?: boolean | null;
  verifyBy?: IsoDate | null;
  actorRole: 'admin' | 'bureau' | 'leader' | 'department';
}

/**
 * Check that an event may be recorded now (domain §4); throws ValidationFailed (400) or StateConflict
 * (409 naming the state and the rule). Returns the event to append.
 */
export function validateEvent(
  events: readonly MilestoneEvent[],
  request: EventRequest,
  context: ClockContext,
  now: Date,
): MilestoneEvent {
  if (request.at.getTime() > now.getTime() + 60_000)
    throw new ValidationFailed('at', 'must not be in the future', {
      code: 'date_in_future',
      params: { today: businessDateOf(now) },
    });
  const last = events[events.length - 1];
  if (last && request.at < last.at) {
    throw new ValidationFailed('at', 'milestone_event_before_previous', {
      params: { previous: last.at.toISOString() },
    });
  }
  // The role rule first: an extension is a leader's decision (403 whatever the state).
  if (request.type === 'extend' && request.actorRole !== 'leader' && request.actorRole !== 'admin') {
    throw new DomainError(
      'forbidden',
      `role "${request.actorRole}" may not extend: an extension is approved by a leader`,
      { code: 'role_not_allowed', params: { role: request.actorRole, route: 'extend' } },
    );
  }
  // The state at the event's moment decides what is allowed. Events may be dated in the past
  // (staff enter what happened); a 超时默认 already applied is a recorded event and ends the history.
  const clock = computeClock(events, context, request.at);
  const state = clock.state;
  const folded = fold(events, context.calendar, request.at);
  const refuse = (rule: string): never => {
    throw new StateConflict(state, rule, 'milestone_event_not_allowed');
  };
  const verification = (VERIFICATION_EVENTS as readonly string[]).includes(request.type);
  if (DECIDED_STATES.includes(state) && !verification)
    refuse('the milestone is decided; it takes no more events');
  const fieldsOf: Partial<Record<UserEventType, readonly string[]>> = {
    accept: ['missingMaterials', 'cureDeadline'],
    approve: ['byPromise', 'verifyBy'],
  };
  for (const field of ['missingMaterials', 'cureDeadline', 'byPromise', 'verifyBy'] as const) {
    const given = request[field];
    if (given !== undefined && given !== null && given !== false && !fieldsOf[request.type]?.includes(field))
      throw new ValidationFailed(field, `is not taken by a ${request.type} event`, {
        code: 'field_not_allowed',
      });
  }
  const extra: Pick<MilestoneEvent, 'missingMaterials' | 'cureDeadline' | 'byPromise' | 'verifyBy'> = {};

  switch (request.type) {
    case 'submit':
      if (state !== 'planned' && state !== 'supplement_requested') {
        refuse('materials are submitted when the milestone is planned or after a supplement request');
      }
      break;
    case 'request_supplement':
      if (state === 'accepted' || state === 'suspended') {
        refuse('after acceptance the applicant may not be sent back for materials (首办负责制)');
      }
      if (state !== 'submitted') refuse('a supplement can be requested only for submitted materials');
      if (folded.submissionHasSupplement)
        refuse('missing materials are listed all at once: one request per submission');
      break;
    case 'accept':
      if (state !== 'submitted')
        refuse(
          state === 'accepted' && clock.acceptanceDeemed
            ? 'already accepted (deemed accepted 5 working days after submission)'
            : 'only submitted materials can be accepted',
        );
      Object.assign(extra, validateCure(request, context));
      break;
    case 'cure':
      if (!curePending(clock.cure)) refuse('only a 容缺 acceptance still missing materials can be cured');
      break;
    case 'terminate':
      if (!curePending(clock.cure))
        refuse('only a 容缺 acceptance still missing materials can be terminated');
      if (!cureOverdue(clock.cure, businessDateOf(request.at)))
        refuse(`the application may be terminated only after the cure deadline (${clock.cure!.deadline})`);
      if (!request.reason?.trim())
        throw new ValidationFailed('reason', 'reason_required', {
          params: { purpose: '终止办理须说明原因', purposeEn: 'to terminate' },
        });
      break;
    case 'verified':
    case 'verification_failed':
      if (state !== 'approved' || !clock.promise)
        refuse("only an approval on the applicant's promise (告知承诺) is verified");
      if (!promisePending(clock.promise)) refuse('the promise has been verified already');
      if (request.type === 'verification_failed' && !request.reason?.trim())
        throw new ValidationFailed('reason', 'reason_required', {
          params: { purpose: '核查不通过须说明原因', purposeEn: 'for a failed verification' },
        });
      break;
    case 'suspend':
      if (state !== 'accepted') refuse('only an accepted milestone can be suspended');
      break;
    case 'resume':
      if (state !== 'suspended') refuse('only a suspended milestone can be resumed');
      break;
    case 'extend': {
      if (request.actorRole !== 'leader' && request.actorRole !== 'admin') {
        throw new DomainError(
          'forbidden',
          `role "${request.actorRole}" may not extend: an extension is approved by a leader`,
          { code: 'role_not_allowed', params: { role: request.actorRole, route: 'extend' } },
        );
      }
      if (state !== 'accepted' && state !== 'suspended') refuse('only an accepted milestone can be extended');
      if (folded.extended) refuse('an extension is allowed once');
      if (clock.deadline && request.at > endOfBusinessDay(clock.deadline))
        refuse(`an extension must come before the deadline (${clock.deadline})`);
      const days = request.days;
      if (days === undefined || days === null || !Number.isInteger(days) || days < 1) {
        throw new ValidationFailed('days', 'days_not_whole');
      }
      if (days > context.item.maxExtensionDays) {
        throw new ValidationFailed(
          'days',
          `must be at most ${context.item.maxExtensionDays} working days for this item`,
          { code: 'field_too_large', params: { limit: context.item.maxExtensionDays } },
        );
      }
      if (!request.reason?.trim())
        throw new ValidationFailed('reason', 'reason_required', {
          params: { purpose: '申请延期须说明原因', purposeEn: 'for an extension' },
        });
      break;
    }
    case 'approve':
      if (state !== 'accepted')
        refuse(
          state === 'suspended'
            ? 'resume the milestone before deciding'
            : 'only an accepted milestone can be decided',
        );
      if (curePending(clock.cure)) refuse('the missing materials (容缺) must be cured before the approval');
      Object.assign(extra, validatePromise(request));
      break;
    case 'reject':
      if (state !== 'accepted')
        refuse(
          state === 'suspended'
            ? 'resume the milestone before deciding'
            : 'only an accepted milestone can be decided',
        );
      if (!request.reason?.trim())
        throw new ValidationFailed('reason', 'reason_required', {
          params: { purpose: '不予许可须说明原因', purposeEn: 'to reject' },
        });
      break;
  }
  return {
    type: request.type,
    at: request.at,
    days: request.type === 'extend' ? request.days : null,
    reason: request.reason?.trim() || null,
    ...extra,
  };
}

/**
 * 容缺受理 on `accept`: both or neither of a non-empty list of missing materials and a cure deadline
 * after the acceptance date, no later than the item's promised working days counted from it.
 */
function validateCure(
  request: EventRequest,
  context: ClockContext,
): Pick<MilestoneEvent, 'missingMaterials' | 'cureDeadline'> {
  const materials = (request.missingMaterials ?? []).map((line) => line.trim()).filter(Boolean);
  const deadline = request.cureDeadline ?? null;
  if (request.missingMaterials && request.missingMaterials.length > 0 && materials.length === 0)
    throw new ValidationFailed('missingMaterials', 'field_not_empty');
  if (!materials.length && !deadline) return {};
  if (!materials.length)
    throw new ValidationFailed('missingMaterials', 'is required with a cure deadline (容缺受理)', {
      code: 'field_required',
    });
  if (!deadline)
    throw new ValidationFailed('cureDeadline', 'is required with missing materials (容缺受理)', {
      code: 'field_required',
    });
  const acceptedOn = businessDateOf(request.at);
  const limit = context.calendar.addWorkingDays(acceptedOn, context.item.promisedDays);
  if (deadline <= acceptedOn || deadline > limit)
    throw new ValidationFailed('cureDeadline', 'cure_deadline_out_of_range', {
      params: { acceptedOn, limit, promisedDays: context.item.promisedDays },
    });
  return { missingMaterials: materials, cureDeadline: deadline };
}

/** 告知承诺制 on `approve`: `byPromise` needs a `verifyBy` on or after the approval date. */
function validatePromise(request: EventRequest): Pick<MilestoneEvent, 'byPromise' | 'verifyBy'> {
  if (!request.byPromise) {
    if (request.verifyBy)
      throw new ValidationFailed('verifyBy', 'is taken only with byPromise (告知承诺制)', {
        code: 'field_not_allowed',
      });
    return {};
  }
  if (!request.verifyBy)
    throw new ValidationFailed('verifyBy', 'is required for an approval on a promise (告知承诺制)', {
      code: 'field_required',
    });
  const approvedOn = businessDateOf(request.at);
  if (request.verifyBy < approvedOn)
    throw new ValidationFailed('verifyBy', 'verify_by_before_approval', { params: { approvedOn } });
  return { byPromise: true, verifyBy: request.verifyBy };
}
