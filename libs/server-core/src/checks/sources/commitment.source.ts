import { Injectable } from '@nestjs/common';
import { type Condition, clauseConditions } from '@luodi/domain';
import { CommitmentRepository } from '@luodi/persistence';
import {
  type CheckContext,
  type ConditionSource,
  type SourceConditions,
  SubjectSource,
} from '../subject-source';

/**
 * commitment_due, commitment_unmet (commitments.md §4): every clause of a live project, assessed on
 * today's date against the actuals; clauses with an unresolved alert that are gone (removed, or their
 * project terminated) are evaluated with no condition, so their alerts resolve.
 */
@Injectable()
@SubjectSource('clause')
export class CommitmentConditionSource implements ConditionSource {
  constructor(private readonly commitments: CommitmentRepository) {}

  async conditions({ today }: CheckContext, unresolvedIds: readonly string[]): Promise<SourceConditions> {
    const evaluated = new Set<string>(unresolvedIds);
    const conditions: Condition[] = [];
    for (const { project, clauses, actuals } of await this.commitments.subjects({})) {
      for (const clause of clauses) {
        evaluated.add(clause.id);
        conditions.push(...clauseConditions(project, clause, project, actuals, today));
      }
    }
    return { evaluated: [...evaluated], conditions };
  }
}
