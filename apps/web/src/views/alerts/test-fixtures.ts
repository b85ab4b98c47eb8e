import type { Alert } from '../../api/alerts';

/** A list row for component tests: a level-2 overdue 自然资源局 milestone, not yet acknowledged. */
export function alertRow(overrides: Partial<Alert> = {}): Alert {
  return {
    id: '41',
    kind: 'milestone_overdue',
    level: 2,
    status: 'open',
    subjectType: 'milestone',
    subjectId: '11',
    projectId: '5',
    projectCode: '2026-ZS-005',
    projectName: '新能源电池项目',
    itemName: null,
    departmentId: '3',
    departmentName: '自然资源局',
    deadlineProvisional: false,
    itemCode: null,
    deadline: null,
    remainingWorkingDays: null,
    acknowledgedLevel: null,
    acknowledgedAt: null,
    ackNote: null,
    answer: null,
    detail: { deadline: '2026-03-09' },
    raisedAt: '2026-03-10T01:00:00.000Z',
    levelSince: '2026-03-10T01:00:00.000Z',
    resolvedAt: null,
    notice: null,
    ...overrides,
  };
}
