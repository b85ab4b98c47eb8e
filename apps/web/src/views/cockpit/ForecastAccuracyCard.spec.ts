import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ForecastAccuracyResponse } from '@luodi/contracts';
import { createAppI18n } from '../../i18n';
import { listCards, stubPhoneScreen } from '../../testing/phone-screen';

/** The cockpit's 预测准确度: per department and overall, errors in working days, share within P80. */
const forecastAccuracy = vi.hoisted(() => vi.fn());
vi.mock('../../api/cockpit', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, {
    cockpitApi: { forecastAccuracy },
  }),
);
const { default: ForecastAccuracyCard } = await import('./ForecastAccuracyCard.vue');

const answer: ForecastAccuracyResponse = {
  asOf: '2026-10-31',
  overall: { mae: 7.25, withinP80: 2 / 3, snapshots: 3 },
  departments: [{ departmentId: '3', departmentName: '自然资源局', mae: 10.5, withinP80: 0.5, snapshots: 2 }],
};

function mountCard() {
  return mount(ForecastAccuracyCard, {
    props: { asOf: '2026-10-31' },
    global: {
      plugins: [createAppI18n()],
      directives: { loading: {} },
      stubs: { RouterLink: { props: ['to'], template: '<a :href="to"><slot /></a>' } },
    },
  });
}

describe('ForecastAccuracyCard (预测准确度)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('loads the as-of day and shows each department and the overall figures', async () => {
    forecastAccuracy.mockResolvedValue(answer);
    const wrapper = mountCard();
    await flushPromises();
    expect(forecastAccuracy).toHaveBeenCalledWith({ asOf: '2026-10-31' });
    const table = wrapper.get('[data-testid="forecast-accuracy-table"]');
    for (const text of [
      '快照数',
      '平均误差(工作日)',
      'P80 内开工占比',
      '自然资源局',
      '10.5',
      '50%',
      '全部',
      '7.3',
      '67%',
    ])
      expect(table.text()).toContain(text);
    expect(table.get('a').attributes('href')).toBe('/approvals?departmentId=3');
    wrapper.unmount();
  });

  it('says so when no started project has a snapshot', async () => {
    forecastAccuracy.mockResolvedValue({
      asOf: '2026-10-31',
      overall: { mae: null, withinP80: null, snapshots: 0 },
      departments: [],
    });
    const wrapper = mountCard();
    await flushPromises();
    expect(wrapper.text()).toContain('暂无已开工项目的预测快照');
    wrapper.unmount();
  });

  it('shows cards on a phone, the department opening its approvals', async () => {
    stubPhoneScreen();
    forecastAccuracy.mockResolvedValue(answer);
    const wrapper = mountCard();
    await flushPromises();
    const cards = listCards(wrapper);
    expect(cards).toHaveLength(2);
    expect(cards[0]!.text()).toContain('自然资源局');
    expect(cards[0]!.text()).toContain('50%');
    expect(cards[0]!.get('a').attributes('href')).toBe('/approvals?departmentId=3');
    expect(cards[1]!.text()).toContain('全部');
    wrapper.unmount();
  });
});
