import type { HealthResponse } from '@luodi/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { ACCENT_BLUE, LIGHT_COLORS, type Light } from './colors';

/** One observation of `GET /api/health`, as the status page keeps it in its short history. */
export interface ServiceStatusSample {
  /** When the sample was taken (ISO-8601). */
  at: string;
  db: 'up' | 'down';
  queue: 'up' | 'down';
  workerStatus: 'up' | 'stale' | 'unknown';
  /** Seconds since the worker's last heartbeat; null when no worker was ever seen. */
  workerAgeSeconds: number | null;
}

/** Every text the chart shows; the app passes them in from its i18n messages. */
export interface StatusChartLabels {
  /** Name of the line series, e.g. "Worker heartbeat age". */
  workerAge: string;
  /** Name of the value axis, e.g. "s". */
  seconds: string;
  /** Row names of the status strip. */
  database: string;
  queue: string;
  worker: string;
  /** Legend entries of the strip, one per colour. */
  up: string;
  degraded: string;
  down: string;
  /** Shown instead of the chart when there is no sample yet. */
  noData: string;
}

/** How many samples the status page keeps (5 s polling → the last five minutes). */
export const STATUS_HISTORY_LIMIT = 60;

/** The rows of the status strip, top to bottom as drawn (a category axis lists them bottom-up). */
export const STATUS_ROWS = ['worker', 'queue', 'database'] as const;
type StatusRow = (typeof STATUS_ROWS)[number];

export function toStatusSample(health: HealthResponse, at: Date): ServiceStatusSample {
  return {
    at: at.toISOString(),
    db: health.db === 'up' ? 'up' : 'down',
    queue: health.queue === 'up' ? 'up' : 'down',
    workerStatus: health.worker?.status ?? 'unknown',
    workerAgeSeconds: health.worker?.ageSeconds ?? null,
  };
}

/** Append a sample, keeping at most `limit` of the newest. Returns a new array. */
export function appendSample(
  samples: readonly ServiceStatusSample[],
  sample: ServiceStatusSample,
  limit: number = STATUS_HISTORY_LIMIT,
): ServiceStatusSample[] {
  const next = [...samples, sample];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

/** The light of one part in one sample: a down database or queue is red, a worker not `up` is yellow. */
export function sampleLight(sample: ServiceStatusSample, row: StatusRow): Light {
  switch (row) {
    case 'database':
      return sample.db === 'up' ? 'green' : 'red';
    case 'queue':
      return sample.queue === 'up' ? 'green' : 'red';
    case 'worker':
      return sample.workerStatus === 'up' ? 'green' : 'yellow';
  }
}

/** Room left of both grids for the value axis and the strip's row names. */
const GRID_LEFT = 120;

type StripPoint = [at: string, row: string];

export interface StatusChartOptions {
  /** Time zone of the time axis and tooltip (the district's by default). */
  timeZone?: string;
}

/** `HH:mm:ss` of a moment in a time zone (ECharts itself only knows local time and UTC). */
export function formatClock(value: number | string | Date, timeZone: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

interface TooltipParam {
  marker?: string;
  seriesName?: string;
  value?: unknown;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Build the option of the service status chart: on top, the worker's heartbeat age over time (a line);
 * below, a strip with one row per part (database, queue, worker) where each sample is a green, yellow
 * or red mark. With no sample the axes stay and a centred title says there is no data yet.
 */
export function buildServiceStatusOption(
  samples: readonly ServiceStatusSample[],
  labels: StatusChartLabels,
  options: StatusChartOptions = {},
): EChartsCoreOption {
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const clock = (value: number | string) => formatClock(value, timeZone);
  const rowLabel: Record<StatusRow, string> = {
    database: labels.database,
    queue: labels.queue,
    worker: labels.worker,
  };
  const byLight: Record<Light, StripPoint[]> = { green: [], yellow: [], red: [] };
  for (const sample of samples) {
    for (const row of STATUS_ROWS) byLight[sampleLight(sample, row)].push([sample.at, rowLabel[row]]);
  }
  const ageLine = samples.map((sample): [string, number | null] => [sample.at, sample.workerAgeSeconds]);
  const stripSeries = (
    [
      ['green', labels.up],
      ['yellow', labels.degraded],
      ['red', labels.down],
    ] as const
  ).map(([light, name]) => ({
    type: 'scatter',
    name,
    xAxisIndex: 1,
    yAxisIndex: 1,
    symbol: 'rect',
    symbolSize: [6, 14],
    itemStyle: { color: LIGHT_COLORS[light] },
    data: byLight[light],
  }));

  return {
    animation: false,
    color: [ACCENT_BLUE, LIGHT_COLORS.green, LIGHT_COLORS.yellow, LIGHT_COLORS.red],
    title:
      samples.length === 0
        ? {
            text: labels.noData,
            left: 'center',
            top: 'middle',
            textStyle: { fontSize: 14, fontWeight: 'normal' },
          }
        : { show: false },
    tooltip: {
      trigger: 'axis',
      formatter: (params: TooltipParam | TooltipParam[]) => {
        const list = Array.isArray(params) ? params : [params];
        const first = list[0]?.value;
        const head = Array.isArray(first) ? clock(first[0] as string) : '';
        const lines = list.map((p) => {
          const [, shown] = Array.isArray(p.value) ? p.value : [];
          const text = shown === null || shown === undefined ? '—' : String(shown);
          return `${p.marker ?? ''}${escapeHtml(p.seriesName ?? '')}: ${escapeHtml(text)}`;
        });
        return [escapeHtml(head), ...lines].join('<br/>');
      },
    },
    legend: { top: 0, data: [labels.workerAge, labels.up, labels.degraded, labels.down] },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    // Same fixed left edge in both grids (labels truncated to fit), so the two time axes line up.
    grid: [
      { left: GRID_LEFT, right: 24, top: 36, height: '48%', outerBoundsMode: 'none' },
      { left: GRID_LEFT, right: 24, bottom: 28, height: '22%', outerBoundsMode: 'none' },
    ],
    // Both time axes span exactly the samples, so the line and the strip stay aligned.
    xAxis: [
      { type: 'time', gridIndex: 0, min: 'dataMin', max: 'dataMax', axisLabel: { show: false } },
      {
        type: 'time',
        gridIndex: 1,
        min: 'dataMin',
        max: 'dataMax',
        axisLabel: { formatter: clock, hideOverlap: true },
      },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, name: labels.seconds, min: 0, minInterval: 1 },
      {
        type: 'category',
        gridIndex: 1,
        data: STATUS_ROWS.map((row) => rowLabel[row]),
        axisTick: { show: false },
        axisLabel: { width: GRID_LEFT - 12, overflow: 'truncate' },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: 'line',
        name: labels.workerAge,
        xAxisIndex: 0,
        yAxisIndex: 0,
        showSymbol: false,
        connectNulls: false,
        lineStyle: { color: ACCENT_BLUE },
        itemStyle: { color: ACCENT_BLUE },
        data: ageLine,
      },
      ...stripSeries,
    ],
  };
}
