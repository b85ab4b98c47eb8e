import type { Milestone } from '../../api/approvals';

/** A list row for component tests (an accepted 自然资源局 milestone with 3 working days left). */
export function milestoneRow(overrides: Partial<Milestone> = {}): Milestone {
  return {
    id: '11',
    projectId: '5',
    projectCode: '2026-ZS-005',
    projectName: '新能源电池项目',
    itemCode: 'LAND_PLAN',
    itemName: '建设用地规划许可证',
    departmentId: '3',
    departmentName: '自然资源局',
    state: 'accepted',
    submittedAt: '2026-03-02T01:00:00.000Z',
    acceptedOn: '2026-03-02',
    acceptanceDeemed: false,
    deadline: '2026-03-09',
    deadlineProvisional: false,
    remainingWorkingDays: 3,
    light: 'yellow',
    extensionDays: 0,
    decidedAt: null,
    decidedOnTime: null,
    cure: null,
    promise: null,
    ...overrides,
  };
}
