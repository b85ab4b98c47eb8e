import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createApprovalsI18n } from './i18n-testing';

const departments = vi.hoisted(() => vi.fn());
vi.mock('../../api/cockpit', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../api/cockpit')>();
  return { ...actual, cockpitApi: { ...actual.cockpitApi, departments } };
});
const { default: ScorecardTable } = await import('./ScorecardTable.vue');

describe('ScorecardTable', () => {
  it('shows the ranked scorecard with rates as percentages and the 红黄码 tags', async () => {
    departments.mockResolvedValue({
      items: [
        {
          rank: 1,
          departmentId: '2',
          departmentName: '发改局',
          handled: 8,
          onTimeRate: 1,
          medianWorkingDays: 2,
          overdueOpen: 0,
          deemedApprovals: 0,
          medianAckHours: 1.5,
          code: 'green',
        },
        {
          rank: 2,
          departmentId: '3',
          departmentName: '自然资源局',
          handled: 4,
          onTimeRate: 0.375,
          medianWorkingDays: 7.25,
          overdueOpen: 3,
          deemedApprovals: 1,
          medianAckHours: null,
          code: 'red',
        },
      ],
    });
    const wrapper = mount(ScorecardTable, {
      props: { year: 2026 },
      global: { plugins: [createApprovalsI18n()] },
    });
    await flushPromises();
    expect(departments).toHaveBeenCalledWith(2026);
    expect(wrapper.findAll('[data-testid="scorecard-rate"]').map((cell) => cell.text())).toEqual([
      '100.0%',
      '37.5%',
    ]);
    expect(wrapper.findAll('[data-testid="scorecard-code"]').map((tag) => tag.text())).toEqual([
      '绿码',
      '红码',
    ]);
    expect(wrapper.text()).toContain('7.3');
    wrapper.unmount();
  });
});
