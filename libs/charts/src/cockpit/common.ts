import type { DrillContext, DrillTarget } from './drill';

/**
 * Pieces every cockpit chart shares: font sizes scaled for the big screen, the percent axis, the
 * "no data" title. No text colours anywhere: the app's theme ('dark' on the big screen) picks them.
 */

/** Formats a rate 0–1 for display (the app passes its own, e.g. 0.375 → "37.5%", null → "—"). */
export type RateFormatter = (rate: number | null) => string;

/** Base font sizes (px) before `context.fontScale`. */
export const FONT = { axis: 12, legend: 12, label: 12, title: 14 } as const;

/** A font size scaled by the context's `fontScale`. */
export function fontSize(context: DrillContext, base: number): number {
  return Math.round(base * (context.fontScale ?? 1));
}

/** A percent axis tick: 0.2 → "20%", 0.125 → "12.5%" (values are rates 0–1). */
export function percentTick(value: number): string {
  const tenths = Math.round(value * 1000);
  return tenths % 10 === 0 ? `${tenths / 10}%` : `${(tenths / 10).toFixed(1)}%`;
}

/** Options every cockpit chart starts with. */
export function baseOption(context: DrillContext, palette: readonly string[]) {
  return {
    animation: !context.static,
    color: [...palette],
    ...(context.dark ? { backgroundColor: 'transparent' } : {}),
  };
}

/** The chart's title: hidden, or a centred "no data" when there is nothing to draw. */
export function noDataTitle(context: DrillContext, empty: boolean, text: string) {
  return empty
    ? {
        text,
        left: 'center',
        top: 'middle',
        textStyle: { fontSize: fontSize(context, FONT.title), fontWeight: 'normal' },
      }
    : { show: false };
}

export function legendOption(context: DrillContext, data: string[]) {
  return { top: 0, data, textStyle: { fontSize: fontSize(context, FONT.legend) } };
}

export function axisLabel(context: DrillContext, extra: Record<string, unknown> = {}) {
  return { fontSize: fontSize(context, FONT.axis), ...extra };
}

export function axisNameStyle(context: DrillContext) {
  return { fontSize: fontSize(context, FONT.axis) };
}

/**
 * The plot area: below the legend, axis labels and names kept inside it (like `containLabel`), a
 * little room on the right for the labels of the longest bars.
 */
export function gridOption(context: DrillContext, right = 12) {
  return {
    left: 12,
    right: fontSize(context, right),
    top: fontSize(context, 32),
    bottom: 8,
    outerBoundsMode: 'same',
    outerBoundsContain: 'all',
  };
}

/** The value axis of rates: 0 to 100 % (or more, when a rate exceeds it), ticks as percentages. */
export function percentAxis(context: DrillContext, name: string) {
  return {
    type: 'value',
    name,
    nameTextStyle: axisNameStyle(context),
    min: 0,
    max: (extent: { max: number }) => Math.max(1, extent.max),
    splitLine: { show: false },
    axisLabel: axisLabel(context, { formatter: percentTick }),
  };
}

/**
 * The start of every bar chart of the cockpit: base options, the "no data" title, an axis tooltip with
 * a shadow pointer, the legend and the plot area (`gridRight` as in `gridOption`).
 */
export function barChartSkeleton(
  context: DrillContext,
  chart: { palette: readonly string[]; empty: boolean; noData: string; legend: string[]; gridRight?: number },
) {
  return {
    ...baseOption(context, chart.palette),
    title: noDataTitle(context, chart.empty, chart.noData),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      textStyle: { fontSize: fontSize(context, FONT.label) },
    },
    legend: legendOption(context, chart.legend),
    grid: gridOption(context, chart.gridRight),
  };
}

/** The label of the count bars, at `position` (nothing for 0). */
export function countBarLabel(context: DrillContext, position: string) {
  return { show: true, position, fontSize: fontSize(context, FONT.label), formatter: countLabel };
}

/** The two count bar series, projects signed and projects started, labelled at `labelPosition`. */
export function signedAndStartedBars(
  context: DrillContext,
  names: { signed: string; started: string },
  bars: { barMaxWidth: number; labelPosition: string },
  data: (kind: 'signed' | 'started') => unknown[],
) {
  const label = countBarLabel(context, bars.labelPosition);
  return (['signed', 'started'] as const).map((kind) => ({
    type: 'bar',
    name: names[kind],
    barMaxWidth: bars.barMaxWidth,
    label,
    data: data(kind),
  }));
}

/** The two value axes of a chart of counts and rates: counts (whole numbers), then rates. */
export function countAndPercentAxes(context: DrillContext, names: { countAxis: string; rateAxis: string }) {
  return [countAxis(context, names.countAxis), percentAxis(context, names.rateAxis)];
}

/** The tooltip of a rate series: the rate as the app formats it. */
export function rateTooltip(formatPercent: RateFormatter) {
  return { valueFormatter: (v: unknown) => formatPercent(typeof v === 'number' ? v : null) };
}

/** The value axis of counts (whole numbers). */
export function countAxis(context: DrillContext, name: string) {
  return {
    type: 'value',
    name,
    nameTextStyle: axisNameStyle(context),
    min: 0,
    minInterval: 1,
    axisLabel: axisLabel(context),
  };
}

/** The label of a count bar: its value, nothing for 0 (no bar to label). */
export function countLabel(params: { value: unknown }): string {
  const value = params.value;
  return typeof value === 'number' && value > 0 ? String(value) : '';
}

/** A data item: its value and, when it leads somewhere, the list behind it. */
export interface DrillItem<V = number | null> {
  value: V;
  drill?: DrillTarget;
}

export function item<V>(value: V, drill: DrillTarget | undefined): DrillItem<V> {
  return drill ? { value, drill } : { value };
}
