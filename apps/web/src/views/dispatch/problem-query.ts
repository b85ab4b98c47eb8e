import { PROBLEM_CATEGORIES, PROBLEM_STATUSES, type ProblemFilters } from '../../api/dispatch';
import { choiceField, filterUrl } from '../../utils/list-query';

/** 问题清单's filters, all in the address (/problems?category&status&overdue&ownerDepartmentId&projectId&open). */
export interface ProblemListFilters {
  category: NonNullable<ProblemFilters['category']>;
  status: NonNullable<ProblemFilters['status']>;
  overdue: NonNullable<ProblemFilters['overdue']>;
  ownerDepartmentId: string;
  /** One project's problems (from its page). */
  projectId: string;
  /** Only the problems not closed (the cockpit's drill-down). */
  open: '' | 'true';
}

export const problemBlank = (): ProblemListFilters => ({
  category: '',
  status: '',
  overdue: '',
  ownerDepartmentId: '',
  projectId: '',
  open: '',
});

const id = (raw: string) => raw;
export const problemUrl = filterUrl(problemBlank, {
  category: choiceField(PROBLEM_CATEGORIES),
  status: choiceField(PROBLEM_STATUSES),
  overdue: choiceField(['true', 'false'] as const),
  ownerDepartmentId: id,
  projectId: id,
  open: choiceField(['true'] as const),
});

/** What the API is asked for (the blank filters left out). */
export const problemQuery = (filters: ProblemListFilters): ProblemFilters => ({
  category: filters.category,
  status: filters.status,
  overdue: filters.overdue,
  ownerDepartmentId: filters.ownerDepartmentId,
  projectId: filters.projectId || undefined,
  open: filters.open || undefined,
});
