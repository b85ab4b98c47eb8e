import type { IsoDate } from '../business-time';
import { addCalendarDays, type WorkingCalendar } from '../calendar/working-calendar';
import { sumMoney, toCents } from '../projects/money';
import { unconfirmedYearsToAnnounce } from '../calendar/provisional';
import { namesOf } from '../value-lists';
import type { AlertLevel, AlertSubjectType } from './alert-lists';
import { dispatchAlertAtLevelThree } from '../dispatch/problem-rules';
import { COMMITMENT_ESCALATION_DAYS } from '../commitments/commitment-lists';

/**
 * Stall conditions (domain §5). For one subject, each kind says whether an alert should be open now
 * and at which level: 1 预警 (yellow) or 2 逾期 (red); 3 督办 comes from escalation.
 */
export const ALERT_KINDS = [
  'milestone_due',
  'milestone_overdue',
  'deemed_approval',
  'not_registered',
  'not_started',
  'investment_behind',
  'report_missing',
  'calendar_unconfirmed',
  'problem_overdue',
  'notice_overdue',
  'commitment_due',
  'commitment_unmet',
  'idle_land',
  'cure_overdue',
  'promise_unverified',
  'start_at_risk',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
/** The kinds by name, for code that names one: `AlertKind.milestone_due`. */
export const AlertKind = namesOf(ALERT_KINDS);

export interface Condition {
  kind: AlertKind;
  subjectType: AlertSubjectType;
  subjectId: string;
  /** null for a district-wide subject (a calendar year): admins hear of it, no department. */
  departmentId: string | null;
  projectId: string | null;
  level: 1 | 2;
  detail: Record<string, unknown>;
}

export interface MilestoneFacts {
  id: string;
  projectId: string;
  departmentId: string;
  state: string;
  light: 'green' | 'yellow' | 'red' | null;
  deadline: IsoDate | null;
  decidedAt: Date | null;
  /** 容缺受理: the cure deadline, and when the materials came (null: still missing). */
  cureDeadline?: IsoDate | null;
  curedAt?: Date | null;
  /** 告知承诺制: the verify-by date, and whether a verification event came. */
  verifyBy?: IsoDate | null;
  verified?: boolean;
}

/** milestone_due (light yellow), milestone_overdue (light red), deemed_approval (超时默认 applied). */
export function milestoneConditions(milestone: MilestoneFacts): Condition[] {
  const base = {
    subjectType: 'milestone' as const,
    subjectId: milestone.id,
    departmentId: milestone.departmentId,
    projectId: milestone.projectId,
  };
  if (milestone.state === 'deemed_approved') {
    return [{ ...base, kind: 'deemed_approval', level: 2, detail: { deadline: milestone.deadline } }];
  }
  if (milestone.decidedAt) return [];
  if (milestone.light === 'yellow')
    return [{ ...base, kind: 'milestone_due', level: 1, detail: { deadline: milestone.deadline } }];
  if (milestone.light === 'red')
    return [{ ...base, kind: 'milestone_overdue', level: 2, detail: { deadline: milestone.deadline } }];
  return [];
}

/**
 * cure_overdue (容缺 cure deadline passed, materials still missing, milestone still open; clears on
 * 补正 or 终止) and promise_unverified (告知承诺 approval whose verify-by date passed with no
 * 核查通过/核查不通过). Both level 2 from the day after the date.
 */
export function milestoneCureConditions(milestone: MilestoneFacts, today: IsoDate): Condition[] {
  const base = {
    subjectType: 'milestone' as const,
    subjectId: milestone.id,
    departmentId: milestone.departmentId,
    projectId: milestone.projectId,
  };
  const conditions: Condition[] = [];
  if (!milestone.decidedAt && milestone.cureDeadline && !milestone.curedAt && today > milestone.cureDeadline)
    conditions.push({
      ...base,
      kind: 'cure_overdue',
      level: 2,
      detail: { cureDeadline: milestone.cureDeadline },
    });
  if (
    milestone.state === 'approved' &&
    milestone.verifyBy &&
    !milestone.verified &&
    today > milestone.verifyBy
  )
    conditions.push({
      ...base,
      kind: 'promise_unverified',
      level: 2,
      detail: { verifyBy: milestone.verifyBy },
    });
  return conditions;
}

export interface ProjectFacts {
  id: string;
  leadDepartmentId: string;
  stage: string;
  signedAt: IsoDate | null;
  registeredAt: IsoDate | null;
  startedAt: IsoDate | null;
}

/** Days after which a level-1 stall becomes level 2 (逾期) when nothing moves. */
export const STALL_LEVEL_TWO_AFTER_DAYS = 30;

/**
 * not_registered: signed, not registered `notRegisteredDays` after signing; not_started: registered,
 * not started `notStartedDays` after registering. Level 1 from that day, level 2 thirty days later.
 */
export function projectConditions(
  project: ProjectFacts,
  today: IsoDate,
  settings: { notRegisteredDays: number; notStartedDays: number },
): Condition[] {
  if (project.stage === 'terminated') return [];
  const base = {
    subjectType: 'project' as const,
    subjectId: project.id,
    departmentId: project.leadDepartmentId,
    projectId: project.id,
  };
  const level = (from: IsoDate, days: number): 1 | 2 | null => {
    const due = addCalendarDays(from, days);
    if (today < due) return null;
    return today >= addCalendarDays(due, STALL_LEVEL_TWO_AFTER_DAYS) ? 2 : 1;
  };
  // A stall: the project took a step (`from`, its date) and not the next one within `days`.
  const stalls = [
    {
      kind: 'not_registered',
      from: project.signedAt,
      next: project.registeredAt,
      days: settings.notRegisteredDays,
      dateKey: 'signedAt',
    },
    {
      kind: 'not_started',
      from: project.registeredAt,
      next: project.startedAt,
      days: settings.notStartedDays,
      dateKey: 'registeredAt',
    },
  ] as const;
  for (const stall of stalls) {
    if (!stall.from || stall.next) continue;
    const found = level(stall.from, stall.days);
    if (found)
      return [
        {
          ...base,
          kind: stall.kind,
          level: found,
          detail: { [stall.dateKey]: stall.from, days: stall.days },
        },
      ];
  }
  return [];
}

export interface KeyWorkFacts {
  id: string;
  projectId: string;
  departmentId: string;
  year: number;
  annualPlanInvestment: string;
  plannedStartMonth: number | null;
  startedAt: IsoDate | null;
  /** Completed investment per reported month (`YYYY-MM` → 万元). */
  reports: ReadonlyMap<string, string>;
}

/**
 * A key work at `today`: not_started (its planned start month ended without a start, level 2);
 * investment_behind (cumulative completion more than 10 points behind 序时进度: level 1 at 10–30
 * points, level 2 beyond 30); report_missing (a month's report not in by its due day, level 2).
 */
export function keyWorkConditions(
  keyWork: KeyWorkFacts,
  today: IsoDate,
  scheduleRate: number,
  dueMonths: readonly string[],
): Condition[] {
  const base = {
    subjectType: 'key_work' as const,
    subjectId: keyWork.id,
    departmentId: keyWork.departmentId,
    projectId: keyWork.projectId,
  };
  const conditions: Condition[] = [];
  if (keyWork.plannedStartMonth && !keyWork.startedAt) {
    const monthEnd = new Date(Date.UTC(keyWork.year, keyWork.plannedStartMonth, 0))
      .toISOString()
      .slice(0, 10);
    if (today > monthEnd)
      conditions.push({
        ...base,
        kind: 'not_started',
        level: 2,
        detail: { plannedStartMonth: keyWork.plannedStartMonth },
      });
  }
  const plan = toCents(keyWork.annualPlanInvestment);
  if (plan > 0n) {
    const completion = Number(toCents(sumMoney(keyWork.reports.values()))) / Number(plan);
    const points = Math.round((scheduleRate - completion) * 1000) / 10;
    if (points > 10)
      conditions.push({
        ...base,
        kind: 'investment_behind',
        level: points > 30 ? 2 : 1,
        detail: { pointsBehind: points },
      });
  }
  const missing = dueMonths.filter(
    (month) =>
      !keyWork.reports.has(month) &&
      (keyWork.plannedStartMonth === null || Number(month.slice(5, 7)) >= keyWork.plannedStartMonth),
  );
  if (missing.length)
    conditions.push({ ...base, kind: 'report_missing', level: 2, detail: { months: missing } });
  return conditions;
}

export interface ExistingAlert {
  level: AlertLevel;
  acknowledgedLevel: AlertLevel | null;
  /** The business date on which the alert reached its level. */
  levelSinceDay: IsoDate;
  resolved: boolean;
}

/**
 * The level an alert should have now: the condition's level, never lower than the alert's current
 * level while it stays open, and 3 (督办) when a level-2 alert has stayed unacknowledged for 1 working
 * day, or a milestone is 3 working days overdue.
 */
export function targetLevel(
  condition: Condition,
  existing: ExistingAlert | null,
  calendar: WorkingCalendar,
  today: IsoDate,
): AlertLevel {
  const open = existing && !existing.resolved ? existing : null;
  let level: AlertLevel = Math.max(condition.level, open?.level ?? 1) as AlertLevel;
  if (level === 2 && open && open.level === 2 && open.acknowledgedLevel !== 2) {
    if (calendar.workingDaysAfterUpTo(open.levelSinceDay, today) >= 1) level = 3;
  }
  if (
    level === 2 &&
    condition.kind === 'milestone_overdue' &&
    typeof condition.detail['deadline'] === 'string'
  ) {
    if (calendar.workingDaysAfterUpTo(condition.detail['deadline'], today) >= 3) level = 3;
  }
  if (dispatchAlertAtLevelThree(condition, calendar, today)) level = 3;
  // commitment_unmet rises to 督办 30 days after the clause's due date (commitments.md §4).
  if (
    level === 2 &&
    condition.kind === 'commitment_unmet' &&
    typeof condition.detail['dueDate'] === 'string' &&
    addCalendarDays(condition.detail['dueDate'], COMMITMENT_ESCALATION_DAYS) < today
  )
    level = 3;
  return level;
}

/** Who hears of an alert at a level: the subject's department, plus the bureau and leadership at 3. */
export function recipientsOf(level: AlertLevel, departmentId: string | null): string[] {
  // A district-wide subject (the calendar of a year) is the admins' to fix.
  if (departmentId === null) return ['admin'];
  return level === 3
    ? [`department:${departmentId}`, 'bureau', 'leadership']
    : [`department:${departmentId}`];
}

/** Open deadlines falling in one year (what the calendar source counts). */
export interface DeadlineYear {
  year: number;
  openDeadlines: number;
  firstDeadline: IsoDate;
}

/**
 * calendar_unconfirmed: a year without the State Council's arrangement (not in the calendar package,
 * no admin entry) that admins must enter — next year from December 1, and at once any year an open
 * deadline falls in (those deadlines are provisional, 待确认). Level 1; the subject is the year.
 */
export function calendarConditions(
  today: IsoDate,
  confirmedYears: ReadonlySet<number>,
  deadlineYears: readonly DeadlineYear[],
): Condition[] {
  const counts = new Map(deadlineYears.map((entry) => [entry.year, entry]));
  return unconfirmedYearsToAnnounce(
    today,
    confirmedYears,
    deadlineYears.map((entry) => entry.year),
  ).map((year) => ({
    kind: 'calendar_unconfirmed',
    subjectType: 'calendar_year',
    subjectId: String(year),
    departmentId: null,
    projectId: null,
    level: 1,
    detail: {
      year,
      openDeadlines: counts.get(year)?.openDeadlines ?? 0,
      firstDeadline: counts.get(year)?.firstDeadline ?? null,
    },
  }));
}
