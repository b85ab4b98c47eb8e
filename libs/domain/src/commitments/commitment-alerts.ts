import type { Condition } from '../alerts/alert-rules';
import type { IsoDate } from '../business-time';
import { addCalendarDays } from '../calendar/working-calendar';
import { type ActualEntry, assessClause, type CommitmentFacts, type StoredClause } from './assessment';
import { COMMITMENT_DUE_DAYS, IDLE_LAND_DAYS } from './commitment-lists';

/** Who answers for a project's commitments: its lead department. */
export interface CommitmentOwner {
  id: string;
  leadDepartmentId: string;
}

/**
 * The alerts of a clause on `today` (commitments.md §4): `commitment_due` (level 1) from 30 days
 * before its due date while the actuals are short of it; `commitment_unmet` (level 2) from the day
 * after the due date while unmet (level 3 after 30 days, see targetLevel).
 */
export function clauseConditions(
  project: CommitmentOwner,
  clause: StoredClause,
  facts: CommitmentFacts,
  actuals: readonly ActualEntry[],
  today: IsoDate,
): Condition[] {
  const assessed = assessClause(clause, facts, actuals, today);
  const base = {
    subjectType: 'clause' as const,
    subjectId: clause.id,
    departmentId: project.leadDepartmentId,
    projectId: project.id,
  };
  const detail = {
    indicator: clause.indicator,
    dueDate: assessed.dueDate,
    agreed: assessed.agreed,
    actual: assessed.actual,
  };
  if (assessed.status === 'unmet' && today > assessed.dueDate)
    return [
      { ...base, kind: 'commitment_unmet', level: 2, detail: { ...detail, shortfall: assessed.shortfall } },
    ];
  if (
    assessed.status === 'pending' &&
    addCalendarDays(assessed.dueDate, -COMMITMENT_DUE_DAYS) <= today &&
    (assessed.progress ?? 0) < 1
  )
    return [
      { ...base, kind: 'commitment_due', level: 1, detail: { ...detail, progress: assessed.progress } },
    ];
  return [];
}

/** idle_land (供而未建): land supplied 180 days ago or more and not started, level 2. */
export function idleLandConditions(
  project: CommitmentOwner & { landSuppliedAt: IsoDate | null; startedAt: IsoDate | null },
  today: IsoDate,
): Condition[] {
  if (project.landSuppliedAt === null || project.landSuppliedAt > addCalendarDays(today, -IDLE_LAND_DAYS))
    return [];
  if (project.startedAt !== null && project.startedAt <= today) return [];
  return [
    {
      kind: 'idle_land',
      subjectType: 'project',
      subjectId: project.id,
      departmentId: project.leadDepartmentId,
      projectId: project.id,
      level: 2,
      detail: { landSuppliedAt: project.landSuppliedAt },
    },
  ];
}
