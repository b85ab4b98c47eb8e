import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { DashboardForecastResponse } from '@luodi/contracts';
import { createAppI18n } from '../../i18n';
import { listCards, stubPhoneScreen } from '../../testing/phone-screen';

/** The cockpit's 预计开工: it loads the year's forecast, draws the two charts, lists the projects at risk. */
const forecast = vi.hoisted(() => vi.fn());
vi.mock('../../api/cockpit', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, { cockpitApi: { forecast } }),
);
// The charts stand in as what their option draws (jsdom has no canvas); a click emits a bar's drill.
vi.mock('./ChartCard.vue', () => ({
  default: defineComponent({
    name: 'ChartCardStub',
    props: { option: { type: Object, default: null }, testId: { type: String, required: true } },
    emits: ['drill'],
    setup:
      (props, { emit }) =>
      () =>
        h('button', {
          'data-testid': props.testId,
          'data-series': JSON.stringify((props.option as any)?.series?.map((s: any) => s.name) ?? []),
          onClick: () => emit('drill', (props.option as any).series[0].data[0].drill),
        }),
  }),
}));
const { default: ForecastSection } = await import('./ForecastSection.vue');

const answer: DashboardForecastResponse = {
  year: 2026,
  asOf: '2026-10-31',
  projects: 2,
  byMonth: Array.from({ length: 12 }, (_, i) => ({
    month: `2026-${String(i + 1).padStart(2, '0')}`,
    planned: i === 10 ? 2 : 0,
    p50: i === 11 ? 2 : 0,
    plannedIds: i === 10 ? ['7', '8'] : [],
    p50Ids: i === 11 ? ['7', '8'] : [],
  })),
  atRisk: [
    {
      projectId: '7',
      projectName: '鼎新光伏组件生产项目',
      p80: '2027-02-04',
      plannedStartDate: '2026-11-11',
      plannedStartMonth: null,
      daysLate: 85,
      level: 2,
      binding: {
        milestoneId: '20',
        itemCode: 'LAND_PRE',
        departmentId: '3',
        itemName: '用地预审与选址意见书',
        departmentName: '自然资源局',
      },
    },
  ],
  routeDaysByDepartment: [
    {
      departmentId: '3',
      departmentName: '自然资源局',
      projects: 2,
      medianUsedDays: 9,
      medianTargetDays: 60,
      overTarget: 0,
    },
  ],
};

function mountSection() {
  return mount(ForecastSection, {
    props: { year: 2026, asOf: '2026-10-31', context: { year: 2026, asOfDate: '2026-10-31' } },
    global: {
      plugins: [createAppI18n()],
      stubs: { RouterLink: { props: ['to'], template: '<a :href="to"><slot /></a>' } },
    },
  });
}

describe('ForecastSection (预计开工)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('loads the year at the as-of day, draws both charts and leads a department bar to its approvals', async () => {
    forecast.mockResolvedValue(answer);
    const wrapper = mountSection();
    await flushPromises();
    expect(forecast).toHaveBeenCalledWith({ year: 2026, asOf: '2026-10-31' });
    expect(
      JSON.parse(wrapper.get('[data-testid="chart-forecast-by-month"]').attributes('data-series')!),
    ).toEqual(['计划开工', '预计开工(P50)']);
    await wrapper.get('[data-testid="chart-forecast-route-days"]').trigger('click');
    expect(wrapper.emitted('drill')).toEqual([[{ list: 'approvals', query: { departmentId: '3' } }]]);
    const table = wrapper.get('[data-testid="forecast-at-risk-table"]');
    expect(table.text()).toContain('鼎新光伏组件生产项目');
    wrapper.unmount();
  });

  it('shows the projects at risk as cards on a phone, with the binding department and item, opening the project', async () => {
    stubPhoneScreen();
    forecast.mockResolvedValue(answer);
    const wrapper = mountSection();
    await flushPromises();
    const cards = listCards(wrapper);
    expect(cards).toHaveLength(1);
    for (const text of [
      '鼎新光伏组件生产项目',
      '自然资源局',
      '用地预审与选址意见书',
      '2027-02-04',
      '晚 85 天',
    ])
      expect(cards[0]!.text()).toContain(text);
    expect(cards[0]!.attributes('href')).toBe('/projects/7');
    wrapper.unmount();
  });
});
