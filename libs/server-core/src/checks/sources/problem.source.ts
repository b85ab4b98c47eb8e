import { Injectable } from '@nestjs/common';
import { type Condition, problemConditions } from '@luodi/domain';
import { ProblemRepository } from '@luodi/persistence';
import {
  type CheckContext,
  type ConditionSource,
  type SourceConditions,
  SubjectSource,
} from '../subject-source';

/** problem_overdue: open or in-progress problems past their due date (dispatch.md §1). */
@Injectable()
@SubjectSource('problem')
export class ProblemConditionSource implements ConditionSource {
  constructor(private readonly problems: ProblemRepository) {}

  async conditions({ today }: CheckContext, unresolvedIds: readonly string[]): Promise<SourceConditions> {
    const evaluated: string[] = [];
    const conditions: Condition[] = [];
    for (const problem of await this.problems.alertFacts(today, unresolvedIds)) {
      evaluated.push(problem.id);
      conditions.push(...problemConditions(problem, today));
    }
    return { evaluated, conditions };
  }
}
