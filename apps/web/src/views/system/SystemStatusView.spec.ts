import type { HealthResponse } from '@luodi/contracts';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createAppI18n } from '../../i18n';
import { expectTexts, textOf } from '../../testing/texts';
import { clickTestId } from '../../testing/click';

const send = vi.hoisted(() => vi.fn());

vi.mock('../../api/http', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api/http')>()),
  send,
}));

// jsdom has no canvas: stand in for the chart and keep the option it was given.
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    name: 'VChartStub',
    props: { option: { type: Object, required: true }, autoresize: Boolean },
    setup: (props) => () =>
      h('div', { class: 'chart-stub', 'data-series': JSON.stringify(props.option.series) }),
  }),
}));

const { default: SystemStatusView } = await import('./SystemStatusView.vue');
const { ApiError } = await import('../../api/http');

const downBody: HealthResponse = {
  status: 'error',
  db: 'down',
  queue: 'up',
  worker: { status: 'stale', lastSeenAt: '2025-03-04T02:00:00.000Z', ageSeconds: 42 },
  statusCode: 503,
  error: 'Service Unavailable',
  message: 'database down',
};

/** The page mounted with its first answer shown. */
async function shownView(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const wrapper = mount(SystemStatusView, { global: { plugins: [createAppI18n(locale)] } });
  await flushPromises();
  return wrapper;
}

describe('SystemStatusView', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2025-03-04T02:00:42.000Z'));
    send.mockReset();
  });
  afterEach(() => vi.useRealTimers());

  it('renders the body of a 503 answer, not just an error', async () => {
    send.mockResolvedValue({ status: 503, data: downBody });
    const wrapper = await shownView();

    expect(send).toHaveBeenCalledWith('GET', '/health', expect.objectContaining({ acceptStatuses: [503] }));
    expectTexts(wrapper, {
      'overall-status': '异常',
      'http-status': '503',
      'db-status': '停止',
      'queue-status': '正常',
      'worker-status': '心跳超时',
      'worker-age': '42 秒',
    });
    // 02:00 UTC is 10:00 in Asia/Shanghai.
    expect(textOf(wrapper, 'worker-last-seen')).toContain('10:00:00');
    expect(textOf(wrapper, 'status-message')).toContain('database down');
    expect(wrapper.find('[data-testid="status-error"]').exists()).toBe(false);

    const series = JSON.parse(
      wrapper.get('[data-testid="status-chart"] .chart-stub').attributes('data-series')!,
    );
    expect(series[0].data).toEqual([['2025-03-04T02:00:42.000Z', 42]]);
    wrapper.unmount();
  });

  it('shows OK in English for a healthy answer', async () => {
    send.mockResolvedValue({
      status: 200,
      data: {
        status: 'ok',
        db: 'up',
        queue: 'up',
        worker: { status: 'up', lastSeenAt: null, ageSeconds: 3 },
      },
    });
    const wrapper = await shownView('en');
    expect(textOf(wrapper, 'overall-status')).toBe('OK');
    expect(textOf(wrapper, 'worker-age')).toBe('3 s');
    wrapper.unmount();
  });

  it('polls every 5 s, keeps history, and stops when unmounted', async () => {
    send.mockResolvedValue({ status: 503, data: downBody });
    const wrapper = await shownView();
    expect(send).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(5_000);
    await flushPromises();
    expect(send).toHaveBeenCalledTimes(2);
    const series = JSON.parse(wrapper.get('.chart-stub').attributes('data-series')!);
    expect(series[0].data).toHaveLength(2);

    wrapper.unmount();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('says the server is unreachable when the request fails', async () => {
    send.mockRejectedValue(new ApiError(0, 'Network Error', 'Failed to fetch'));
    const wrapper = await shownView();
    expect(textOf(wrapper, 'overall-status')).toBe('无法连接');
    expect(textOf(wrapper, 'status-error')).toContain('Failed to fetch');
    wrapper.unmount();
  });

  it('refreshes on demand', async () => {
    send.mockResolvedValue({ status: 503, data: downBody });
    const wrapper = await shownView();
    await clickTestId(wrapper, 'refresh');
    expect(send).toHaveBeenCalledTimes(2);
    wrapper.unmount();
  });
});
