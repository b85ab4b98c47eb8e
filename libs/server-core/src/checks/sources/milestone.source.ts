import { milestoneConditions } from '@luodi/domain';
import { MilestoneRepository } from '@luodi/persistence';
import { judgeEach, SubjectSource } from '../subject-source';

/** milestone_due, milestone_overdue, deemed_approval: from the milestones' stored clocks. */
@SubjectSource('milestone')
export class MilestoneConditionSource {
  constructor(private readonly milestones: MilestoneRepository) {}

  async conditions(_context: unknown, unresolvedIds: readonly string[]) {
    return judgeEach(await this.milestones.alertFacts([...unresolvedIds]), milestoneConditions);
  }
}
