import { Injectable } from '@nestjs/common';
import {
  type Condition,
  keyWorkConditions,
  nextMonth,
  scheduleRate,
  type WorkingCalendar,
} from '@luodi/domain';
import { KeyWorkRepository } from '@luodi/persistence';
import {
  type CheckContext,
  type ConditionSource,
  type SourceConditions,
  SubjectSource,
} from '../subject-source';

/** A report for month M is due by the 5th working day of month M+1 (domain §3). */
const REPORT_DUE_WORKING_DAY = 5;

/**
 * investment_behind, report_missing, not_started (of a key work): the key works of this year, and
 * those of earlier years only while they have unresolved alerts.
 */
@Injectable()
@SubjectSource('key_work')
export class KeyWorkConditionSource implements ConditionSource {
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
      const due = this.dueMonths(keyWorkYear, today, calendar);
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

  private dueMonths(year: number, today: string, calendar: WorkingCalendar): string[] {
    const months: string[] = [];
    for (let month = 1; month <= 12; month += 1) {
      const label = `${year}-${String(month).padStart(2, '0')}`;
      const next = nextMonth(label);
      if (`${next.year}-${String(next.month).padStart(2, '0')}-01` > today) break;
      if (calendar.nthWorkingDayOfMonth(next.year, next.month, REPORT_DUE_WORKING_DAY) < today)
        months.push(label);
    }
    return months;
  }
}
