import type { HealthResponse } from '@luodi/contracts';
import { describe, expect, it } from 'vitest';
import { LIGHT_GREEN, LIGHT_RED, LIGHT_YELLOW } from './colors';
import {
  appendSample,
  buildServiceStatusOption,
  STATUS_HISTORY_LIMIT,
  toStatusSample,
  type ServiceStatusSample,
  type StatusChartLabels,
} from './service-status';

const labels: StatusChartLabels = {
  workerAge: 'Worker heartbeat age',
  seconds: 's',
  database: 'Database',
  queue: 'Queue',
  worker: 'Worker',
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  noData: 'No data yet',
};

function sample(overrides: Partial<ServiceStatusSample> = {}): ServiceStatusSample {
  return {
    at: '2025-01-02T03:04:05.000Z',
    db: 'up',
    queue: 'up',
    workerStatus: 'up',
    workerAgeSeconds: 4,
    ...overrides,
  };
}

interface SeriesLike {
  type: string;
  name: string;
  data: unknown[];
  itemStyle?: { color?: string };
}

function seriesOf(option: ReturnType<typeof buildServiceStatusOption>): SeriesLike[] {
  return option.series as SeriesLike[];
}

describe('toStatusSample', () => {
  it('copies the parts of a health answer and stamps the time', () => {
    const health: HealthResponse = {
      status: 'error',
      db: 'down',
      queue: 'up',
      worker: { status: 'stale', lastSeenAt: '2025-01-02T03:03:00.000Z', ageSeconds: 65 },
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'db down',
    };
    expect(toStatusSample(health, new Date('2025-01-02T03:04:05Z'))).toEqual({
      at: '2025-01-02T03:04:05.000Z',
      db: 'down',
      queue: 'up',
      workerStatus: 'stale',
      workerAgeSeconds: 65,
    });
  });
});

describe('appendSample', () => {
  it('keeps only the newest samples up to the limit', () => {
    let history: ServiceStatusSample[] = [];
    for (let i = 0; i < STATUS_HISTORY_LIMIT + 5; i++) {
      history = appendSample(history, sample({ workerAgeSeconds: i }));
    }
    expect(history).toHaveLength(STATUS_HISTORY_LIMIT);
    expect(history[0].workerAgeSeconds).toBe(5);
    expect(history.at(-1)?.workerAgeSeconds).toBe(STATUS_HISTORY_LIMIT + 4);
  });

  it('does not mutate its input', () => {
    const history = [sample()];
    appendSample(history, sample(), 1);
    expect(history).toHaveLength(1);
  });
});

describe('buildServiceStatusOption', () => {
  it('draws the worker heartbeat age as a line over time', () => {
    const option = buildServiceStatusOption(
      [
        sample({ at: '2025-01-02T03:04:00.000Z', workerAgeSeconds: 2 }),
        sample({ at: '2025-01-02T03:04:05.000Z', workerAgeSeconds: null, workerStatus: 'unknown' }),
      ],
      labels,
    );
    const [line] = seriesOf(option);
    expect(line.type).toBe('line');
    expect(line.name).toBe('Worker heartbeat age');
    expect(line.data).toEqual([
      ['2025-01-02T03:04:00.000Z', 2],
      ['2025-01-02T03:04:05.000Z', null],
    ]);
  });

  it('colours each part green, yellow or red in the status strip', () => {
    const option = buildServiceStatusOption(
      [sample({ at: 't1', db: 'down', queue: 'up', workerStatus: 'stale', workerAgeSeconds: 99 })],
      labels,
    );
    const [, green, yellow, red] = seriesOf(option);
    expect([green.name, yellow.name, red.name]).toEqual(['Up', 'Degraded', 'Down']);
    expect(green.itemStyle?.color).toBe(LIGHT_GREEN);
    expect(yellow.itemStyle?.color).toBe(LIGHT_YELLOW);
    expect(red.itemStyle?.color).toBe(LIGHT_RED);
    expect(green.data).toEqual([['t1', 'Queue']]);
    expect(yellow.data).toEqual([['t1', 'Worker']]);
    expect(red.data).toEqual([['t1', 'Database']]);
  });

  it('marks an unknown worker yellow and everything up green', () => {
    const option = buildServiceStatusOption([sample({ at: 't1', workerStatus: 'unknown' })], labels);
    const [, green, yellow, red] = seriesOf(option);
    expect(green.data).toEqual([
      ['t1', 'Queue'],
      ['t1', 'Database'],
    ]);
    expect(yellow.data).toEqual([['t1', 'Worker']]);
    expect(red.data).toEqual([]);
  });

  it('labels the axes and legend with the given texts', () => {
    const option = buildServiceStatusOption([sample()], labels);
    const yAxis = option.yAxis as Array<{ name?: string; type: string; data?: string[] }>;
    expect(yAxis[0]).toMatchObject({ type: 'value', name: 's' });
    expect(yAxis[1]).toMatchObject({ type: 'category', data: ['Worker', 'Queue', 'Database'] });
    const xAxis = option.xAxis as Array<{ type: string }>;
    expect(xAxis.map((axis) => axis.type)).toEqual(['time', 'time']);
    expect((option.legend as { data: string[] }).data).toEqual([
      'Worker heartbeat age',
      'Up',
      'Degraded',
      'Down',
    ]);
    expect((option.title as { show?: boolean }).show).toBe(false);
  });

  it('shows a "no data" title and empty series for no samples', () => {
    const option = buildServiceStatusOption([], labels);
    expect((option.title as { text: string }).text).toBe('No data yet');
    const series = seriesOf(option);
    expect(series).toHaveLength(4);
    for (const s of series) expect(s.data).toEqual([]);
  });

  it('shows times in the district time zone', () => {
    const option = buildServiceStatusOption([sample()], labels);
    const xAxis = option.xAxis as Array<{
      min: string;
      max: string;
      axisLabel: { formatter?: (v: number) => string };
    }>;
    expect(xAxis.map((axis) => [axis.min, axis.max])).toEqual([
      ['dataMin', 'dataMax'],
      ['dataMin', 'dataMax'],
    ]);
    expect(xAxis[1].axisLabel.formatter?.(Date.parse('2025-01-02T03:04:05Z'))).toBe('11:04:05');
    const utc = buildServiceStatusOption([sample()], labels, { timeZone: 'UTC' }).xAxis as typeof xAxis;
    expect(utc[1].axisLabel.formatter?.(Date.parse('2025-01-02T03:04:05Z'))).toBe('03:04:05');
  });

  it('lists each series in the tooltip, escaping text', () => {
    const option = buildServiceStatusOption([sample()], { ...labels, workerAge: '<b>age</b>' });
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const html = formatter([
      { marker: '●', seriesName: '<b>age</b>', value: ['2025-01-02T03:04:05.000Z', 4] },
      { marker: '■', seriesName: 'Down', value: ['2025-01-02T03:04:05.000Z', 'Database'] },
    ]);
    expect(html).toBe('11:04:05<br/>●&#60;b&#62;age&#60;/b&#62;: 4<br/>■Down: Database');
  });
});
