import { calendarConditions } from '@luodi/domain';
import { MilestoneRepository } from '@luodi/persistence';
import { CalendarService } from '../../calendar.service';
import { type CheckContext, type SourceConditions, SubjectSource } from '../subject-source';

/**
 * calendar_unconfirmed: the years without a holiday arrangement (not in the calendar package, no admin
 * entry) — next year from December 1, and any year an open deadline falls in. Evaluates this year, the
 * next, every year not confirmed holding an open deadline and every year with an unresolved alert, so
 * that entering the arrangement resolves the alert on the next run (the open deadlines of confirmed
 * years are not read: nothing can be raised for them).
 */
@SubjectSource('calendar_year')
export class CalendarYearConditionSource {
  constructor(
    private readonly calendar: CalendarService,
    private readonly milestones: MilestoneRepository,
  ) {}

  async conditions({ today }: CheckContext, unresolvedIds: readonly string[]): Promise<SourceConditions> {
    const year = Number(today.slice(0, 4));
    const confirmed = await this.calendar.confirmedYears();
    // Only the years not confirmed can be announced (and their counts shown); a confirmed year with
    // open deadlines has nothing to raise, and one with an unresolved alert is among unresolvedIds.
    const deadlineYears = await this.milestones.openDeadlineYears(year, confirmed);
    const evaluated = new Set<string>([...unresolvedIds, String(year), String(year + 1)]);
    for (const entry of deadlineYears) evaluated.add(String(entry.year));
    return { evaluated: [...evaluated], conditions: calendarConditions(today, confirmed, deadlineYears) };
  }
}
