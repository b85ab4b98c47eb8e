import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { ProjectForecast } from '../../api/forecast';
import { ApiError } from '../../api/http';
import type { ProjectRouteView } from '../../api/routes';
import { createAppI18n } from '../../i18n';
import forecastEn from '../../i18n/forecast.en';
import forecastZhCN from '../../i18n/forecast.zh-CN';
import { expectSameKeys } from '../../testing/messages';

/** The 预计开工 card: the three dates, the at-risk tag and binding item, the Gantt's option; no route. */
const api = vi.hoisted(() => ({ project: vi.fn() }));
vi.mock('../../api/forecast', () => ({ forecastApi: api }));
// jsdom has no canvas: stand in for the chart and keep what its option draws.
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    name: 'VChartStub',
    props: { option: { type: Object, required: true } },
    setup: (props) => () =>
      h('div', {
        class: 'chart-stub',
        'data-series': (props.option as any).series[0].type,
        'data-rows': (props.option as any).yAxis.data.length,
      }),
  }),
}));

const { default: ProjectForecastCard } = await import('./ProjectForecastCard.vue');

const forecast: ProjectForecast = {
  projectId: '5',
  asOf: '2026-12-07',
  historyUsed: false,
  startableNow: false,
  startableSince: null,
  constructRejected: false,
  promiseBound: '2027-02-10',
  p50: '2027-02-10',
  p80: '2027-02-18',
  plannedStartDate: '2027-01-15',
  plannedStartMonth: null,
  plannedStartBy: '2027-01-15',
  atRisk: 2,
  bindingPath: ['31', '39'],
  binding: {
    milestoneId: '31',
    itemCode: 'EIA',
    departmentId: '4',
    itemName: '环境影响评价审批',
    departmentName: '生态环境局',
  },
  hiddenItems: 2,
  items: [
    {
      milestoneId: '31',
      itemCode: 'EIA',
      itemName: '环境影响评价审批',
      departmentId: '4',
      departmentName: '生态环境局',
      stage: 2,
      status: 'planned',
      phase: 'waiting',
      rejected: false,
      promisedDays: 20,
      acceptedOn: null,
      decidedOn: null,
      deadline: null,
      plannedStart: '2026-12-08',
      plannedEnd: '2027-01-06',
      forecastStart: '2026-12-08',
      forecastEnd: '2027-01-06',
      onBindingPath: true,
      afterStart: false,
    },
  ],
};

const mountCard = () =>
  mount(ProjectForecastCard, {
    global: { plugins: [createAppI18n()] },
    props: { projectId: '5' },
    attachTo: document.body,
  });

describe('ProjectForecastCard', () => {
  it('shows the three dates, the planned start, the at-risk tag, the binding item and the Gantt', async () => {
    api.project.mockResolvedValue(forecast);
    const wrapper = mountCard();
    await flushPromises();
    expect(api.project).toHaveBeenCalledWith('5');
    expect(wrapper.get('[data-testid="forecast-promiseBound"]').text()).toContain('2027-02-10');
    expect(wrapper.get('[data-testid="forecast-promiseBound"]').text()).toContain('承诺日期');
    expect(wrapper.get('[data-testid="forecast-p50"]').text()).toContain('2027-02-10');
    expect(wrapper.get('[data-testid="forecast-p80"]').text()).toContain('2027-02-18');
    expect(wrapper.get('[data-testid="forecast-planned"]').text()).toContain('2027-01-15');
    const risk = wrapper.get('[data-testid="forecast-risk"]');
    expect(risk.text()).toBe('开工严重滞后');
    expect(risk.attributes('data-level')).toBe('2');
    expect(wrapper.get('[data-testid="forecast-binding"]').text()).toBe(
      '关键事项：环境影响评价审批（生态环境局）',
    );
    expect(wrapper.find('[data-testid="forecast-no-history"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="forecast-hidden"]').text()).toContain('2');
    const chart = wrapper.get('[data-testid="forecast-gantt"] .chart-stub');
    expect(chart.attributes('data-series')).toBe('custom');
    expect(chart.attributes('data-rows')).toBe('1');
    wrapper.unmount();
  });

  it('a key work without a planned start date: held to its planned start month, said as a month', async () => {
    api.project.mockResolvedValue({
      ...forecast,
      plannedStartDate: null,
      plannedStartMonth: '2027-01',
      plannedStartBy: '2027-01-31',
    });
    const wrapper = mountCard();
    await flushPromises();
    const planned = wrapper.get('[data-testid="forecast-planned"]').text();
    expect(planned).toContain('2027年1月（重点工程）');
    expect(planned).not.toContain('未填计划开工日期');
    expect(wrapper.get('[data-testid="forecast-risk"]').text()).toBe('开工严重滞后');
    wrapper.unmount();
  });

  it('startable now: no dates, no risk tag', async () => {
    api.project.mockResolvedValue({
      ...forecast,
      startableNow: true,
      startableSince: '2026-11-30',
      promiseBound: null,
      p50: null,
      p80: null,
      atRisk: 0,
      bindingPath: [],
      binding: null,
    });
    const wrapper = mountCard();
    await flushPromises();
    expect(wrapper.get('[data-testid="forecast-startable"]').text()).toContain('2026-11-30');
    expect(wrapper.find('[data-testid="forecast-p80"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="forecast-risk"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('a project without a route says how to get a forecast, not an error', async () => {
    api.project.mockRejectedValue(
      new ApiError(409, 'Conflict', 'no route', {
        statusCode: 409,
        error: 'Conflict',
        code: 'route_not_applied',
        message: 'no route',
      }),
    );
    const wrapper = mountCard();
    await flushPromises();
    expect(wrapper.text()).toContain('应用审批路线后可预计开工日期');
    expect(wrapper.find('[data-testid="forecast-load-error"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('loads the forecast again when the route card reports a changed route (an item added or dropped)', async () => {
    api.project.mockReset();
    api.project.mockResolvedValue(forecast);
    const route = { applied: true } as ProjectRouteView;
    const wrapper = mount(ProjectForecastCard, {
      global: { plugins: [createAppI18n()] },
      props: { projectId: '5', route },
      attachTo: document.body,
    });
    await flushPromises();
    expect(api.project).toHaveBeenCalledTimes(1);
    api.project.mockResolvedValue({ ...forecast, p80: '2027-03-01' });
    await wrapper.setProps({ route: { ...route } });
    await flushPromises();
    expect(api.project).toHaveBeenCalledTimes(2);
    expect(wrapper.get('[data-testid="forecast-p80"]').text()).toContain('2027-03-01');
    wrapper.unmount();
  });

  it('has the same messages in both languages', () => {
    expectSameKeys('forecast', forecastZhCN, forecastEn);
  });
});
