import type { DashboardSummary } from '@luodi/contracts';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createAppI18n } from '../../i18n';
import { alertRow } from '../alerts/test-fixtures';
import { demoSummary } from './test-fixtures';
import { expectTexts, textOf } from '../../testing/texts';

const api = vi.hoisted(() => ({
  summary: vi.fn(),
  funnel: vi.fn(),
  trend: vi.fn(),
  approvalLights: vi.fn(),
  departments: vi.fn(),
  alerts: vi.fn(),
}));
const route = vi.hoisted(() => ({ query: {} as Record<string, string> }));
const live = vi.hoisted(() => ({
  source: null as null | {
    open: () => void;
    fail: () => void;
    emit: (type: string, data: unknown) => void;
  },
}));

vi.mock('../../api/cockpit', () => ({
  cockpitApi: {
    summary: api.summary,
    funnel: api.funnel,
    trend: api.trend,
    approvalLights: api.approvalLights,
    departments: api.departments,
  },
}));
vi.mock('../../api/alerts', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, {
    alertsApi: { list: api.alerts },
  }),
);
vi.mock('vue-router', () => ({ useRoute: () => route }));
vi.mock('../../live/event-stream', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../live/event-stream')>();
  const { fakeEventSource } = await import('../../testing/fake-event-source');
  const stream = actual.createEventStream({
    create: () => {
      const fake = fakeEventSource();
      live.source = fake;
      return fake.source;
    },
  });
  stream.start('token');
  return { ...actual, useEventStream: () => stream };
});
// jsdom has no canvas: stand in for the chart and keep the option it was given.
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    name: 'VChartStub',
    props: { option: { type: Object, required: true }, theme: { type: String, default: '' } },
    setup: (props) => () =>
      h('div', {
        class: 'chart-stub',
        'data-theme': props.theme,
        'data-series': JSON.stringify(props.option.series),
      }),
  }),
}));

const { default: ScreenView } = await import('./ScreenView.vue');

const page = <T>(items: T[]) => ({ items, total: items.length });

function answer(summary: DashboardSummary) {
  api.summary.mockResolvedValue(summary);
  api.funnel.mockResolvedValue({
    year: 2026,
    asOfDate: '2026-05-18',
    stages: [
      { stage: 'talks', count: 39 },
      { stage: 'signed', count: summary.signedCount },
      { stage: 'registered', count: summary.registeredCount },
      { stage: 'started', count: summary.startedCount },
      { stage: 'operating', count: 1 },
    ],
  });
  api.trend.mockResolvedValue({
    year: 2026,
    asOfDate: '2026-05-18',
    annualPlanInvestment: '1000000.00',
    months: Array.from({ length: 12 }, (_, i) => ({
      month: `2026-${String(i + 1).padStart(2, '0')}`,
      signedCount: i < 5 ? 1 : null,
      contractAmount: i < 5 ? '10000.00' : null,
      startedCount: i < 5 ? 0 : null,
      completedInvestment: i < 5 ? '30000.00' : null,
      cumulativeInvestment: i < 5 ? String(30000 * (i + 1)) : null,
      investmentRate: i < 5 ? 0.03 * (i + 1) : null,
      scheduleRate: (i + 1) / 12,
    })),
  });
  api.approvalLights.mockResolvedValue({
    asOfDate: '2026-05-18',
    items: [{ departmentId: '3', departmentName: '自然资源局', green: 2, yellow: 1, red: 2 }],
  });
  api.departments.mockResolvedValue({
    year: 2026,
    total: 2,
    items: [
      {
        rank: 1,
        departmentId: '2',
        departmentName: '发改局',
        handled: 10,
        onTimeRate: 1,
        medianWorkingDays: 1,
        overdueOpen: 0,
        deemedApprovals: 0,
        medianAckHours: 2,
        code: 'green',
      },
      {
        rank: 2,
        departmentId: '3',
        departmentName: '自然资源局',
        handled: 8,
        onTimeRate: 0.5,
        medianWorkingDays: 9,
        overdueOpen: 2,
        deemedApprovals: 1,
        medianAckHours: 30,
        code: 'red',
      },
    ],
  });
  api.alerts.mockImplementation(async (filters: { status: string }) =>
    filters.status === 'open'
      ? page([alertRow({ id: '7', level: 3, projectName: '锂电池隔膜项目' })])
      : page([alertRow({ id: '8', level: 3, status: 'acknowledged', projectName: '精密铸造项目' })]),
  );
}

/** The screen mounted with its first figures loaded. */
async function shownScreen() {
  const wrapper = mount(ScreenView, { global: { plugins: [createAppI18n()] } });
  await flushPromises();
  return wrapper;
}

/** The screen shown, its live stream open. */
async function liveScreen() {
  const wrapper = await shownScreen();
  live.source!.open();
  await flushPromises();
  return wrapper;
}

describe('ScreenView', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    route.query = {};
    for (const fn of Object.values(api)) fn.mockReset();
    answer(demoSummary);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shows this year's figures, charts, 督办 list and scorecard on the dark canvas", async () => {
    const wrapper = await shownScreen();
    expectTexts(wrapper, {
      'screen-signed': '8',
      'screen-amount': '32.00',
      'screen-start-rate': '37.5%',
      'screen-started': '3',
      'screen-escalated': '2',
      'screen-problems-open': '12',
      'screen-problems-overdue': '3',
    });
    // Six cards a row: projects, funds and problems above, the works below.
    const kpiRows = wrapper.findAll('.screen__kpi-row');
    expect(kpiRows.map((row) => row.element.children.length)).toEqual([6, 6]);
    expect(textOf(wrapper, 'screen-updated-at')).toMatch(/^更新于 \d{2}:\d{2}:\d{2}$/);
    expect(api.summary).toHaveBeenCalledWith({ year: new Date().getFullYear() });

    const rows = wrapper.findAll('[data-testid="screen-escalated-row"]');
    expect(rows.map((row) => row.attributes('data-alert-id'))).toEqual(['7', '8']);
    expect(rows[0]!.text()).toContain('锂电池隔膜项目');
    expect(rows[0]!.text()).toContain('未签收');
    expect(rows[1]!.text()).toContain('已签收');
    expect(api.alerts).toHaveBeenCalledWith({ level: 3, status: 'open' }, 1, 50);

    const scores = wrapper.findAll('[data-testid="screen-score-row"]');
    expect(scores.map((row) => row.attributes('data-code'))).toEqual(['green', 'red']);
    expect(scores[1]!.text()).toContain('红码');

    const charts = wrapper.findAll('.chart-stub');
    expect(charts).toHaveLength(3);
    expect(charts.every((chart) => chart.attributes('data-theme') === 'dark')).toBe(true);
    const funnel = JSON.parse(
      wrapper.get('[data-testid="screen-funnel"] .chart-stub').attributes('data-series')!,
    );
    expect(funnel[0].data.map((d: { value: number }) => d.value)).toEqual([39, 8, 5, 3, 1]);
    wrapper.unmount();
  });

  it('reloads once, a second after a burst of live changes, keeping the old figures meanwhile', async () => {
    const wrapper = await liveScreen();
    expect(wrapper.find('[data-testid="screen-live"]').exists()).toBe(true);
    expect(api.summary).toHaveBeenCalledTimes(1);

    let release!: () => void;
    const started = { ...demoSummary, startedCount: 4, startRate: 0.5 };
    api.summary.mockImplementation(() => new Promise((resolve) => (release = () => resolve(started))));
    live.source!.emit('figures', { type: 'figures', subject: 'project', departmentId: '2' });
    live.source!.emit('figures', { type: 'figures', subject: 'funds', departmentId: '2' });
    await flushPromises();
    vi.advanceTimersByTime(999);
    expect(api.summary).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    await flushPromises();
    expect(api.summary).toHaveBeenCalledTimes(2);
    // Still loading: the old figures stay.
    expect(textOf(wrapper, 'screen-started')).toBe('3');
    release();
    await flushPromises();
    expect(textOf(wrapper, 'screen-started')).toBe('4');
    expect(textOf(wrapper, 'screen-start-rate')).toBe('50.0%');
    wrapper.unmount();
  });

  it('reloads when a problem changes (the dispatch services publish the same figures message)', async () => {
    const wrapper = await liveScreen();
    expect(textOf(wrapper, 'screen-problems-open')).toBe('12');
    api.summary.mockResolvedValue({ ...demoSummary, problems: { ...demoSummary.problems!, open: 13 } });
    live.source!.emit('figures', { type: 'figures', subject: 'problem', departmentId: '3' });
    await flushPromises();
    vi.advanceTimersByTime(1000);
    await flushPromises();
    expect(textOf(wrapper, 'screen-problems-open')).toBe('13');
    wrapper.unmount();
  });

  it('marks the screen offline when the stream drops, keeps the figures and still refreshes every 5 minutes', async () => {
    const wrapper = await shownScreen();
    live.source!.open();
    live.source!.fail();
    await flushPromises();
    expect(wrapper.find('[data-testid="screen-offline"]').exists()).toBe(true);
    expect(textOf(wrapper, 'screen-signed')).toBe('8');

    api.summary.mockResolvedValue({ ...demoSummary, signedCount: 9 });
    const calls = api.summary.mock.calls.length;
    vi.advanceTimersByTime(5 * 60_000);
    await flushPromises();
    expect(api.summary.mock.calls.length).toBeGreaterThan(calls);
    expect(textOf(wrapper, 'screen-signed')).toBe('9');
    wrapper.unmount();
  });

  it('keeps the parts that loaded when one fails, and flags the update', async () => {
    api.departments.mockRejectedValue(new Error('down'));
    const wrapper = await shownScreen();
    expect(textOf(wrapper, 'screen-signed')).toBe('8');
    expect(wrapper.get('[data-testid="screen-updated-at"]').attributes('data-failed')).toBe('true');
    wrapper.unmount();
  });

  it('takes the year and source from the address', async () => {
    route.query = { year: '2025', source: '沪洽会' };
    const wrapper = await shownScreen();
    expect(api.summary).toHaveBeenCalledWith({ year: 2025, source: '沪洽会' });
    expect(api.departments).toHaveBeenCalledWith(2025);
    expect(wrapper.text()).toContain('来源：沪洽会');
    wrapper.unmount();
  });
});
