import type { ForecastGanttItem, ProjectForecast } from '@luodi/contracts';
import type { ForecastPhase } from '@luodi/domain';
import type { EChartsCoreOption } from 'echarts/core';
import { ACCENT_BLUE, LIGHT_GREEN, LIGHT_RED, LIGHT_YELLOW, REFERENCE_GREY } from '../colors';

/**
 * The project's route as a Gantt (routes-and-forecast §4): one row per item of the stages up to the
 * start (grouped by stage, upstream first), x = time. Each row draws the forecast bar (the P50 walk;
 * decided items their real acceptance → decision) coloured by phase, and under it a thin outline of
 * the promise-bound walk; the binding path (关键路径) gets a red outline; lines mark today, the
 * planned start and the three forecast dates. Pure: API data and the app's texts in, an option out.
 * Drawn by a `custom` series (renderItem below); the app registers CustomChart for it.
 */

export interface RouteGanttLabels {
  /** "阶段1 用地" — the row's stage prefix. */
  stage: (stage: number) => string;
  phase: (phase: ForecastPhase) => string;
  today: string;
  promiseBound: string;
  p50: string;
  p80: string;
  plannedStart: string;
  /** Tooltip rows. */
  plannedBar: string;
  forecastBar: string;
  deadline: string;
  bindingPath: string;
  rejected: string;
  noData: string;
}

export const GANTT_PHASE_COLORS: Readonly<Record<ForecastPhase, string>> = {
  decided: LIGHT_GREEN,
  open: ACCENT_BLUE,
  waiting: '#bfbfbf',
};
export const BINDING_PATH_COLOR = LIGHT_RED;

/** Row height (px) of the Gantt; the chart's height follows the number of rows. */
export const GANTT_ROW_HEIGHT = 30;

const DAY_MS = 86_400_000;
/** A date's start (UTC midnight: the chart's time axis is in calendar days, no time zone shift). */
export const dayStart = (date: string): number => Date.parse(`${date}T00:00:00Z`);
/** The end of a date: bars cover their last day. */
const dayEnd = (date: string): number => dayStart(date) + DAY_MS;
const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The rows of the Gantt: items up to the start, by stage (the API's route order within a stage). */
export function ganttRows(forecast: ProjectForecast): ForecastGanttItem[] {
  return forecast.items
    .filter((item) => !item.afterStart)
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.stage - b.item.stage || a.index - b.index)
    .map(({ item }) => item);
}

/** The chart's height in px for the container. */
export function routeGanttHeight(forecast: ProjectForecast): number {
  return Math.max(160, ganttRows(forecast).length * GANTT_ROW_HEIGHT + 110);
}

/** One bar of the custom series: [row, start ms, end ms, kind (0 planned outline, 1 forecast), path]. */
export type GanttBarValue = [number, number, number, 0 | 1, 0 | 1];

const PHASES: readonly ForecastPhase[] = ['decided', 'open', 'waiting'];

/** The minimal renderItem API this Gantt uses (ECharts' CustomSeriesRenderItemAPI). */
export interface GanttRenderApi {
  value(dimension: number): number;
  coord(point: [number, number]): number[];
  size(size: [number, number]): number[] | number;
}

interface GanttRenderParams {
  dataIndex: number;
  coordSys: { x: number; y: number; width: number; height: number };
}

/**
 * Draw one bar: the forecast bar fills the upper two thirds of the row, the planned outline is a
 * thin rectangle in the lower third; both are clipped to the plot area.
 */
export function renderGanttBar(
  params: GanttRenderParams,
  api: GanttRenderApi,
  styles: ReadonlyArray<{ fill: string; stroke: string; lineWidth: number; lineDash?: number[] }>,
) {
  const row = api.value(0);
  const [x0, yCenter] = api.coord([api.value(1), row]) as [number, number];
  const [x1] = api.coord([api.value(2), row]) as [number, number];
  const size = api.size([0, 1]);
  const rowHeight = Array.isArray(size) ? size[1]! : size;
  const kind = api.value(3);
  const top = yCenter - rowHeight * 0.35;
  const shape =
    kind === 1
      ? { x: x0, y: top, width: Math.max(2, x1 - x0), height: rowHeight * 0.45 }
      : { x: x0, y: top + rowHeight * 0.5, width: Math.max(2, x1 - x0), height: rowHeight * 0.18 };
  const { coordSys } = params;
  const left = Math.max(shape.x, coordSys.x);
  const right = Math.min(shape.x + shape.width, coordSys.x + coordSys.width);
  if (right <= left) return null;
  const style = styles[params.dataIndex]!;
  return {
    type: 'rect',
    shape: { ...shape, x: left, width: right - left },
    style: {
      fill: style.fill,
      stroke: style.stroke,
      lineWidth: style.lineWidth,
      ...(style.lineDash ? { lineDash: style.lineDash } : {}),
    },
  };
}

function markLine(name: string, date: string, color: string, type: 'solid' | 'dashed', end: boolean) {
  return {
    name,
    xAxis: dayStart(date) + (end ? DAY_MS : 0),
    lineStyle: { color, type, width: 1.5 },
    label: { formatter: `${name}\n${date.slice(5)}`, color, position: 'end' as const, fontSize: 11 },
  };
}

export function routeGanttOption(
  forecast: ProjectForecast,
  labels: RouteGanttLabels,
  options: { today: string; static?: boolean } = { today: forecast.asOf },
): EChartsCoreOption {
  const rows = ganttRows(forecast);
  const bars: Array<{ value: GanttBarValue; item: ForecastGanttItem }> = [];
  const styles: Array<{ fill: string; stroke: string; lineWidth: number; lineDash?: number[] }> = [];
  rows.forEach((item, row) => {
    const path: 0 | 1 = item.onBindingPath ? 1 : 0;
    if (item.plannedStart && item.plannedEnd && item.phase !== 'decided') {
      bars.push({ value: [row, dayStart(item.plannedStart), dayEnd(item.plannedEnd), 0, path], item });
      styles.push({ fill: 'transparent', stroke: REFERENCE_GREY, lineWidth: 1, lineDash: [3, 2] });
    }
    if (item.forecastStart && item.forecastEnd) {
      bars.push({ value: [row, dayStart(item.forecastStart), dayEnd(item.forecastEnd), 1, path], item });
      const fill = item.rejected ? LIGHT_RED : GANTT_PHASE_COLORS[item.phase];
      styles.push(
        item.onBindingPath
          ? { fill, stroke: BINDING_PATH_COLOR, lineWidth: 2 }
          : { fill, stroke: fill, lineWidth: 1 },
      );
    }
  });

  const marks = [
    markLine(labels.today, options.today, REFERENCE_GREY, 'solid', false),
    ...(forecast.plannedStartBy
      ? [markLine(labels.plannedStart, forecast.plannedStartBy, LIGHT_RED, 'solid', true)]
      : []),
    // The three dates are null once CONSTRUCT is decided (started, or rejected): no lines then.
    ...(forecast.promiseBound
      ? [markLine(labels.promiseBound, forecast.promiseBound, ACCENT_BLUE, 'dashed', true)]
      : []),
    ...(forecast.p50 ? [markLine(labels.p50, forecast.p50, LIGHT_YELLOW, 'dashed', true)] : []),
    ...(forecast.p80 ? [markLine(labels.p80, forecast.p80, '#fa8c16', 'dashed', true)] : []),
  ];
  // Lines on the same day (without history P50 = P80 = promise-bound) become one, named by all.
  const lines: typeof marks = [];
  for (const mark of marks) {
    const same = lines.find((line) => line.xAxis === mark.xAxis);
    if (!same) lines.push(mark);
    else {
      same.name = `${same.name} / ${mark.name}`;
      same.label = { ...same.label, formatter: same.label.formatter.replace('\n', ` / ${mark.name}\n`) };
    }
  }
  const times = [...bars.flatMap((bar) => [bar.value[1], bar.value[2]]), ...lines.map((line) => line.xAxis)];
  const min = Math.min(...times) - 3 * DAY_MS;
  const max = Math.max(...times) + 7 * DAY_MS;
  const categories = rows.map((item) => `${labels.stage(item.stage)} ${item.itemName}`);

  const tooltip = (item: ForecastGanttItem): string => {
    const range = (start: string | null, end: string | null) => (start && end ? `${start} ~ ${end}` : '—');
    const lines = [
      `<b>${item.itemName}</b> · ${item.departmentName}`,
      `${item.rejected ? labels.rejected : labels.phase(item.phase)}${item.onBindingPath ? ` · ${labels.bindingPath}` : ''}`,
      `${labels.forecastBar}: ${range(item.forecastStart, item.forecastEnd)}`,
    ];
    if (item.phase !== 'decided')
      lines.push(`${labels.plannedBar}: ${range(item.plannedStart, item.plannedEnd)}`);
    if (item.deadline) lines.push(`${labels.deadline}: ${item.deadline}`);
    return lines.join('<br/>');
  };

  return {
    animation: !options.static,
    title: rows.length
      ? { show: false }
      : {
          text: labels.noData,
          left: 'center',
          top: 'middle',
          textStyle: { fontSize: 14, fontWeight: 'normal' },
        },
    grid: { left: 8, right: 56, top: 36, bottom: 40, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: { dataIndex: number }) => tooltip(bars[params.dataIndex]!.item),
    },
    xAxis: {
      type: 'time',
      position: 'top',
      min,
      max,
      splitLine: { show: true, lineStyle: { type: 'dotted', opacity: 0.5 } },
      axisLabel: { fontSize: 11, hideOverlap: true, formatter: (value: number) => dateOf(value).slice(5) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories,
      axisTick: { show: false },
      axisLabel: { fontSize: 12, width: 150, overflow: 'truncate' },
      splitLine: { show: true, lineStyle: { opacity: 0.3 } },
    },
    series: [
      {
        type: 'custom',
        name: 'route',
        encode: { x: [1, 2], y: 0 },
        renderItem: (params: GanttRenderParams, api: GanttRenderApi) => renderGanttBar(params, api, styles),
        data: bars.map((bar) => ({ value: bar.value })),
        markLine: { symbol: ['none', 'none'], silent: true, animation: false, data: lines },
      },
    ],
  };
}

/** The phases in legend order (the card's own legend shows their colours). */
export const GANTT_PHASES = PHASES;
