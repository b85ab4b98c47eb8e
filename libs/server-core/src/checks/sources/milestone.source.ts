import { Injectable } from '@nestjs/common';
import { type Condition, milestoneConditions } from '@luodi/domain';
import { MilestoneRepository } from '@luodi/persistence';
import { type ConditionSource, type SourceConditions, SubjectSource } from '../subject-source';

/** milestone_due, milestone_overdue, deemed_approval: from the milestones' stored clocks. */
@Injectable()
@SubjectSource('milestone')
export class MilestoneConditionSource implements ConditionSource {
  constructor(private readonly milestones: MilestoneRepository) {}

  async conditions(_context: unknown, unresolvedIds: readonly string[]): Promise<SourceConditions> {
    const evaluated: string[] = [];
    const conditions: Condition[] = [];
    for (const milestone of await this.milestones.alertFacts([...unresolvedIds])) {
      evaluated.push(milestone.id);
      conditions.push(...milestoneConditions(milestone));
    }
    return { evaluated, conditions };
  }
}
