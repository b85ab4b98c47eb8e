import { IDLE_LIST_FILTERS } from '@luodi/domain';
import type { CommitmentFigures, CommitmentListFilter, PerMuFigures } from '@luodi/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import {
  ACCENT_BLUE,
  COCKPIT_PALETTE,
  LIGHT_GREEN,
  LIGHT_RED,
  LIGHT_YELLOW,
  REFERENCE_GREY,
} from '../colors';
import {
  axisLabel,
  axisNameStyle,
  barChartSkeleton,
  countAxis,
  countBarLabel,
  fontSize,
  FONT,
  item,
  percentAxis,
  type RateFormatter,
} from '../cockpit/common';
import type { DrillContext, DrillTarget } from '../cockpit/drill';

/**
 * The charts of 履约 (commitments.md §5): 履约率 and 达产率 as bars of a rate with their counts,
 * the distribution of 亩均税收 / 亩均产值 over operating projects, and 供而未建 / 建而未投. Pure:
 * API data and the app's texts in, an ECharts option out. Every bar carries the list behind it.
 */

/** Where a commitments figure leads: the 履约 list of `filter` (CommitmentListFilter) with its query. */
export function commitmentsDrill(
  context: DrillContext,
  filter: CommitmentListFilter,
  extra: Record<string, string | undefined> = {},
): DrillTarget {
  const query: Record<string, string> = { filter, year: String(context.year), asOf: context.asOfDate };
  if (context.source) query.source = context.source;
  if (context.departmentId) query.leadDepartmentId = context.departmentId;
  for (const [key, value] of Object.entries(extra)) if (value) query[key] = value;
  return { list: 'commitments', query };
}

// ---------------------------------------------------------------- rates

/** A rate figure: `part` of `whole` (clauses met of those due; projects at 达产 of those due). */
export interface CommitmentRate {
  key: 'fulfilment' | 'fullProduction';
  part: number;
  whole: number;
  /** part ÷ whole, null when nothing is due. */
  rate: number | null;
}

export interface CommitmentRateLabels {
  /** 履约率, 达产率. */
  name: (key: CommitmentRate['key']) => string;
  /** Name of the rate axis. */
  rateAxis: string;
  /** "12 / 20" under the bar: met of due. */
  counts: (part: number, whole: number) => string;
  noData: string;
}

/** The two rates of the summary's `commitments`. */
export function commitmentRates(figures: CommitmentFigures): CommitmentRate[] {
  return [
    { key: 'fulfilment', part: figures.clausesMet, whole: figures.clausesDue, rate: figures.rate },
    {
      key: 'fullProduction',
      part: figures.fullProductionReached,
      whole: figures.fullProductionDue,
      rate: figures.fullProductionRate,
    },
  ];
}

/** A rate's traffic light: green from 80 %, yellow from 60 %, red below (null: no colour verdict). */
export function rateColor(rate: number | null): string {
  if (rate === null) return REFERENCE_GREY;
  if (rate >= 0.8) return LIGHT_GREEN;
  if (rate >= 0.6) return LIGHT_YELLOW;
  return LIGHT_RED;
}

/** The list each rate drills to: the clauses due (履约率) or the projects due at 达产 (达产率). */
export function rateDrill(key: CommitmentRate['key'], context: DrillContext): DrillTarget {
  return commitmentsDrill(context, key === 'fulfilment' ? 'clauses_due' : 'full_production_due');
}

/**
 * 履约率 and 达产率: one horizontal bar each on a 0–100 % axis, coloured by its light, labelled with
 * the percentage and the counts behind it. A rate with nothing due is drawn empty, labelled "—".
 */
export function commitmentRatesOption(
  rates: readonly CommitmentRate[],
  labels: CommitmentRateLabels,
  context: DrillContext,
  formatPercent: RateFormatter,
): EChartsCoreOption {
  const empty = rates.every((r) => r.whole === 0);
  const skeleton = barChartSkeleton(context, {
    palette: [ACCENT_BLUE],
    empty,
    noData: labels.noData,
    legend: [],
    gridRight: 80,
  });
  return {
    ...skeleton,
    legend: { show: false },
    tooltip: {
      ...skeleton.tooltip,
      valueFormatter: (v: unknown) => formatPercent(typeof v === 'number' ? v : null),
    },
    // Three ticks (0, 50 %, 100 %): the bars share a narrow card with their labels.
    xAxis: { ...percentAxis(context, labels.rateAxis), splitNumber: 2 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rates.map((r) => labels.name(r.key)),
      axisTick: { show: false },
      axisLabel: axisLabel(context),
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: fontSize(context, 28),
        label: {
          show: true,
          position: 'right',
          fontSize: fontSize(context, FONT.label),
          formatter: (params: { dataIndex: number }) => {
            const r = rates[params.dataIndex];
            return r ? `${formatPercent(r.rate)}  (${labels.counts(r.part, r.whole)})` : '';
          },
        },
        data: rates.map((r) => ({
          ...item(r.rate ?? 0, rateDrill(r.key, context)),
          itemStyle: { color: rateColor(r.rate) },
        })),
      },
    ],
  };
}

// ---------------------------------------------------------------- per-mu distribution

export type PerMuIndicator = 'tax_per_mu' | 'output_per_mu';

export interface PerMuLabels {
  /** 亩均税收 (万元/亩) … */
  title: (indicator: PerMuIndicator) => string;
  countAxis: string;
  /** "中位数 12.5". */
  median: (value: string) => string;
  noData: string;
}

/** A bucket's name: "10–20", or "≥ 50" for the last, open one. Trailing zeros are dropped. */
export function bucketName(from: string, to: string | null): string {
  const plain = (value: string) => String(Number(value));
  return to === null ? `≥ ${plain(from)}` : `${plain(from)}–${plain(to)}`;
}

/** The projects of a bucket: operating projects whose per-mu figure is in [from, to). */
export function perMuDrill(
  indicator: PerMuIndicator,
  bucket: { from: string; to: string | null },
  context: DrillContext,
): DrillTarget {
  return commitmentsDrill(context, 'per_mu', { indicator, from: bucket.from, to: bucket.to ?? undefined });
}

/**
 * 亩均税收 or 亩均产值 of operating projects: a histogram of the API's buckets (projects per bucket),
 * the median as a reference line on its bucket; each bar opens the projects in it.
 */
export function perMuOption(
  data: PerMuFigures,
  indicator: PerMuIndicator,
  labels: PerMuLabels,
  context: DrillContext,
): EChartsCoreOption {
  const buckets = data.distribution;
  const names = buckets.map((b) => bucketName(b.from, b.to));
  const median = data.median === null ? null : Number(data.median);
  const medianIndex =
    median === null
      ? -1
      : buckets.findIndex((b) => Number(b.from) <= median && (b.to === null || median < Number(b.to)));
  return {
    ...barChartSkeleton(context, {
      palette: [COCKPIT_PALETTE[1]!],
      empty: data.count === 0,
      noData: labels.noData,
      legend: [],
    }),
    legend: { show: false },
    xAxis: {
      type: 'category',
      name: labels.title(indicator),
      nameLocation: 'middle',
      nameGap: fontSize(context, 28),
      nameTextStyle: axisNameStyle(context),
      data: names,
      axisLabel: axisLabel(context, { interval: 0, hideOverlap: true }),
    },
    yAxis: countAxis(context, labels.countAxis),
    series: [
      {
        type: 'bar',
        name: labels.title(indicator),
        barCategoryGap: '8%',
        label: countBarLabel(context, 'top'),
        data: buckets.map((b) => item(b.count, perMuDrill(indicator, b, context))),
        ...(medianIndex >= 0 && data.median !== null
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: REFERENCE_GREY, type: 'dashed' },
                label: {
                  formatter: labels.median(String(Number(data.median))),
                  fontSize: fontSize(context, FONT.label),
                },
                data: [{ xAxis: names[medianIndex] }],
              },
            }
          : {}),
      },
    ],
  };
}

// ---------------------------------------------------------------- 供而未建 / 建而未投

export type IdleKind = (typeof IDLE_LIST_FILTERS)[number];

export interface IdleLabels {
  /** 供而未建 (idle_land), 建而未投 (built_not_operating). */
  name: (kind: IdleKind) => string;
  countAxis: string;
  noData: string;
}

/** The projects behind a bar: land supplied and not started, or started and not operating. */
export function idleDrill(kind: IdleKind, context: DrillContext): DrillTarget {
  return commitmentsDrill(context, kind);
}

/** 供而未建 and 建而未投: two count bars (red and yellow: both are problems), each opening its projects. */
export function idleOption(
  counts: Pick<CommitmentFigures, 'idleLand' | 'builtNotOperating'>,
  labels: IdleLabels,
  context: DrillContext,
): EChartsCoreOption {
  const [idleLand, builtNotOperating] = IDLE_LIST_FILTERS;
  const rows: Array<[IdleKind, number, string]> = [
    [idleLand, counts.idleLand, LIGHT_RED],
    [builtNotOperating, counts.builtNotOperating, LIGHT_YELLOW],
  ];
  return {
    ...barChartSkeleton(context, {
      palette: [LIGHT_RED, LIGHT_YELLOW],
      empty: false,
      noData: labels.noData,
      legend: [],
    }),
    legend: { show: false },
    xAxis: {
      type: 'category',
      data: rows.map(([kind]) => labels.name(kind)),
      axisTick: { show: false },
      axisLabel: axisLabel(context, { interval: 0 }),
    },
    yAxis: countAxis(context, labels.countAxis),
    series: [
      {
        type: 'bar',
        barMaxWidth: fontSize(context, 48),
        label: countBarLabel(context, 'top'),
        data: rows.map(([kind, count, color]) => ({
          ...item(count, idleDrill(kind, context)),
          itemStyle: { color },
        })),
      },
    ],
  };
}
