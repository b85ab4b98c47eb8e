import { milestoneConditions, milestoneCureConditions } from '@luodi/domain';
import { MilestoneRepository } from '@luodi/persistence';
import { type CheckContext, judgeEach, SubjectSource } from '../subject-source';

/**
 * milestone_due, milestone_overdue, deemed_approval: from the milestones' stored clocks; cure_overdue
 * and promise_unverified: from the 容缺 / 告知承诺 fields of their accept and approve events.
 */
@SubjectSource('milestone')
export class MilestoneConditionSource {
  constructor(private readonly milestones: MilestoneRepository) {}

  async conditions(context: CheckContext, unresolvedIds: readonly string[]) {
    return judgeEach(await this.milestones.alertFacts([...unresolvedIds]), (milestone) => [
      ...milestoneConditions(milestone),
      ...milestoneCureConditions(milestone, context.today),
    ]);
  }
}
