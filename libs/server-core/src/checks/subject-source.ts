import { applyDecorators, Inject, Injectable, SetMetadata, type Type } from '@nestjs/common';
import type { AlertKind, AlertSubjectType, Condition, IsoDate, WorkingCalendar } from '@luodi/domain';
import type { AppSettingEntity } from '@luodi/persistence';

/**
 * Which subject sources produce each alert kind. Typed `Record<AlertKind, …>`: a kind added to
 * ALERT_KINDS in libs/domain does not compile until it is given here to a source. A kind may come from
 * more than one subject (not_started: a project, and a key work whose planned start month has ended).
 */
export const ALERT_KIND_SOURCES: Record<AlertKind, readonly [AlertSubjectType, ...AlertSubjectType[]]> = {
  milestone_due: ['milestone'],
  milestone_overdue: ['milestone'],
  deemed_approval: ['milestone'],
  not_registered: ['project'],
  not_started: ['project', 'key_work'],
  investment_behind: ['key_work'],
  report_missing: ['key_work'],
  calendar_unconfirmed: ['calendar_year'],
  problem_overdue: ['problem'],
  notice_overdue: ['notice'],
  commitment_due: ['clause'],
  commitment_unmet: ['clause'],
  idle_land: ['project'],
  cure_overdue: ['milestone'],
  promise_unverified: ['milestone'],
  start_at_risk: ['project'],
};

/** Whether a source of `subjectType` may produce conditions of `kind`. */
export function producesKind(subjectType: AlertSubjectType, kind: AlertKind): boolean {
  return ALERT_KIND_SOURCES[kind].includes(subjectType);
}

/** What one run of the checks knows before asking the sources. */
export interface CheckContext {
  now: Date;
  today: IsoDate;
  settings: AppSettingEntity;
  calendar: WorkingCalendar;
}

/** The answer of one source: the subjects it looked at, and the conditions that hold now. */
export interface SourceConditions {
  evaluated: readonly string[];
  conditions: Condition[];
}

/**
 * The conditions of one subject type. `unresolvedIds` are the subjects of that type with an unresolved
 * alert: a source evaluates them too (beside those it finds due), so that cleared alerts resolve.
 */
export interface ConditionSource {
  conditions(context: CheckContext, unresolvedIds: readonly string[]): Promise<SourceConditions>;
}

export const SUBJECT_SOURCE = Symbol('SUBJECT_SOURCE');

/**
 * Marks an injectable class as the one source of a subject type's conditions (checked at boot: exactly
 * one each). Typed so that it only decorates a class that is a ConditionSource.
 */
export const SubjectSource = (
  subjectType: AlertSubjectType,
): (<T extends Type<ConditionSource>>(target: T) => void) =>
  applyDecorators(Injectable(), SetMetadata(SUBJECT_SOURCE, subjectType));

/** The answer of a source whose subjects are each judged alone: all of them evaluated, their conditions in order. */
export function judgeEach<T extends { id: string }>(
  subjects: readonly T[],
  conditionsOf: (subject: T) => Condition[],
): SourceConditions {
  return { evaluated: subjects.map((subject) => subject.id), conditions: subjects.flatMap(conditionsOf) };
}

/** A repository that lists the subjects past their due date on `today`, and the ones in `extraIds`. */
interface PastDueFacts<F extends { id: string }> {
  alertFacts(today: IsoDate, extraIds: readonly string[]): Promise<F[]>;
}

/**
 * The source of a subject type whose repository finds the subjects past due (problems, notices), each
 * judged by the domain rule `rule(facts, today)`.
 */
export function pastDueSource<F extends { id: string }>(
  subjectType: AlertSubjectType,
  repository: Type<PastDueFacts<F>>,
  rule: (facts: F, today: IsoDate) => Condition[],
): Type<ConditionSource> {
  @SubjectSource(subjectType)
  class PastDueSource implements ConditionSource {
    constructor(@Inject(repository) private readonly subjects: PastDueFacts<F>) {}

    async conditions({ today }: CheckContext, unresolvedIds: readonly string[]): Promise<SourceConditions> {
      const facts = await this.subjects.alertFacts(today, unresolvedIds);
      return judgeEach(facts, (subject) => rule(subject, today));
    }
  }
  return PastDueSource;
}

/**
 * Boot-time check: every subject type that produces an alert kind has exactly one source, and no source
 * serves a subject type that produces none. Returns the problems found (empty when all is well).
 */
export function checkSubjectSources(
  registered: readonly string[],
  kindSources: Readonly<Record<string, readonly string[]>> = ALERT_KIND_SOURCES,
): string[] {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  for (const subjectType of registered) counts.set(subjectType, (counts.get(subjectType) ?? 0) + 1);
  const needed = new Set(Object.values(kindSources).flat());
  for (const subjectType of needed) {
    const count = counts.get(subjectType) ?? 0;
    const kinds = Object.keys(kindSources).filter((kind) => kindSources[kind]!.includes(subjectType));
    if (count === 0) problems.push(`subject "${subjectType}" (${kinds.join(', ')}) has no source`);
    if (count > 1) problems.push(`subject "${subjectType}" has ${count} sources`);
  }
  for (const subjectType of counts.keys()) {
    if (!needed.has(subjectType))
      problems.push(`source for subject "${subjectType}" that no alert kind names`);
  }
  return problems;
}
