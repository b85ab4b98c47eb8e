import { type Condition, dueMonths, keyWorkConditions, scheduleRate } from '@luodi/domain';
import { KeyWorkRepository } from '@luodi/persistence';
import { type CheckContext, type SourceConditions, SubjectSource } from '../subject-source';

/**
 * investment_behind, report_missing, not_started (of a key work): the key works of this year, and
 * those of earlier years only while they have unresolved alerts.
 */
@SubjectSource('key_work')
export class KeyWorkConditionSource {
  constructor(private readonly keyWorks: KeyWorkRepository) {}

  async conditions(
    { today, calendar }: CheckContext,
    unresolvedIds: readonly string[],
  ): Promise<SourceConditions> {
    const year = Number(today.slice(0, 4));
    const years = new Set([year]);
    const evaluated = new Set<string>();
    const conditions: Condition[] = [];
    // Key works of earlier years only while they have unresolved alerts.
    for (const id of unresolvedIds) {
      const keyWork = await this.keyWorks.findVisible(id, { kind: 'all' });
      if (keyWork) years.add(keyWork.year);
    }
    for (const keyWorkYear of years) {
      const due = dueMonths(keyWorkYear, today, calendar);
      const reports = new Map<string, Map<string, string>>();
      for (const report of await this.keyWorks.reportsForYear(keyWorkYear)) {
        if (!reports.has(report.keyWorkId)) reports.set(report.keyWorkId, new Map());
        reports.get(report.keyWorkId)!.set(report.month, report.completedInvestment);
      }
      for (const row of await this.keyWorks.list(keyWorkYear, { kind: 'all' })) {
        if (keyWorkYear !== year && !unresolvedIds.includes(row.id)) continue;
        evaluated.add(row.id);
        conditions.push(
          ...keyWorkConditions(
            {
              id: row.id,
              projectId: row.projectId,
              departmentId: row.leadDepartmentId,
              year: row.year,
              annualPlanInvestment: row.annualPlanInvestment,
              plannedStartMonth: row.plannedStartMonth,
              startedAt: row.startedAt,
              reports: reports.get(row.id) ?? new Map(),
            },
            today,
            scheduleRate(keyWorkYear, today),
            due,
          ),
        );
      }
    }
    return { evaluated: [...evaluated], conditions };
  }
}
