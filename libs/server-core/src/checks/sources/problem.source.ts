import { problemConditions } from '@luodi/domain';
import { ProblemRepository } from '@luodi/persistence';
import { pastDueSource } from '../subject-source';

/** problem_overdue: open or in-progress problems past their due date (dispatch.md §1). */
export const ProblemConditionSource = pastDueSource('problem', ProblemRepository, problemConditions);
