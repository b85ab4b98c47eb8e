import type { TrendMonth, TrendResponse } from '@luodi/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { COCKPIT_PALETTE, REFERENCE_GREY } from '../colors';
import {
  axisLabel,
  barChartSkeleton,
  countAndPercentAxes,
  fontSize,
  item,
  rateTooltip,
  signedAndStartedBars,
  type RateFormatter,
} from './common';
import { keyWorksDrill, monthRange, projectsDrill, type DrillContext, type DrillTarget } from './drill';

/** Every text of the trend chart; the app passes them from its i18n messages. */
export interface TrendLabels {
  /** Bar series: 签约项目, 开工项目 (per month). */
  signed: string;
  started: string;
  /** Line series: 投资完成率 (cumulative key-work investment), 序时进度. */
  investmentRate: string;
  scheduleRate: string;
  /** Axis names: counts (e.g. "个") and rates (e.g. "%"). */
  countAxis: string;
  rateAxis: string;
  /** Category label of month 1–12, e.g. 3 → "3月" / "Mar". */
  month: (month: number) => string;
  noData: string;
  formatPercent: RateFormatter;
}

/** The projects signed or started in a month (`YYYY-MM`). */
export function trendMonthDrill(
  kind: 'signed' | 'started',
  month: string,
  context: DrillContext,
): DrillTarget {
  const { from, to } = monthRange(month);
  return kind === 'signed'
    ? projectsDrill(context, { signedFrom: from, signedTo: to })
    : projectsDrill(context, { startedFrom: from, startedTo: to });
}

/** Month number 1–12 of `YYYY-MM`. */
function monthNumber(month: string): number {
  return Number(month.slice(5, 7));
}

/**
 * The year month by month: bars of projects signed and started, and lines of the key works'
 * cumulative 投资完成率 against the 序时进度 (dashed) on a percent axis. Months that have not begun
 * (nulls) are not drawn; the 序时进度 line spans the whole year.
 */
export function trendOption(
  data: TrendResponse,
  labels: TrendLabels,
  context: DrillContext,
): EChartsCoreOption {
  const months = data.months;
  const bars = (kind: 'signed' | 'started', value: (m: TrendMonth) => number | null) =>
    months.map((m) => {
      const v = value(m);
      return v === null ? null : item(v, trendMonthDrill(kind, m.month, context));
    });
  const keyWorks = keyWorksDrill(context);
  const rateFormat = rateTooltip(labels.formatPercent);
  const lineWidth = Math.max(2, fontSize(context, 2));
  return {
    ...barChartSkeleton(context, {
      palette: COCKPIT_PALETTE,
      empty: months.length === 0,
      noData: labels.noData,
      legend: [labels.signed, labels.started, labels.investmentRate, labels.scheduleRate],
    }),
    xAxis: {
      type: 'category',
      data: months.map((m) => labels.month(monthNumber(m.month))),
      axisTick: { alignWithLabel: true },
      axisLabel: axisLabel(context, { interval: 0, hideOverlap: true }),
    },
    yAxis: countAndPercentAxes(context, labels),
    series: [
      ...signedAndStartedBars(context, labels, { barMaxWidth: 24, labelPosition: 'top' }, (kind) =>
        bars(kind, (m) => m[`${kind}Count`]),
      ),
      {
        type: 'line',
        name: labels.investmentRate,
        yAxisIndex: 1,
        symbol: 'circle',
        symbolSize: fontSize(context, 7),
        connectNulls: false,
        lineStyle: { width: lineWidth },
        tooltip: rateFormat,
        data: months.map((m) => (m.investmentRate === null ? null : item(m.investmentRate, keyWorks))),
      },
      {
        type: 'line',
        name: labels.scheduleRate,
        yAxisIndex: 1,
        symbol: 'none',
        connectNulls: false,
        lineStyle: { type: 'dashed', width: lineWidth, color: REFERENCE_GREY },
        itemStyle: { color: REFERENCE_GREY },
        tooltip: rateFormat,
        data: months.map((m) => m.scheduleRate),
      },
    ],
  };
}
