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

/** Where a commitments figure leads: the 履约 list with its query. */
export function commitmentsDrill(
  context: DrillContext,
  extra: Record<string, string | undefined> = {},
): DrillTarget {
  const query: Record<string, string> = { year: String(context.year), asOf: context.asOfDate };
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

/** A rate's traffic light: green from 80 %, yellow from 60 %, red below (null: no colour verdict). */
export function rateColor(rate: number | null): string {
  if (rate === null) return REFERENCE_GREY;
  if (rate >= 0.8) return LIGHT_GREEN;
  if (rate >= 0.6) return LIGHT_YELLOW;
  return LIGHT_RED;
}

/** The list each rate drills to: the clauses due (履约率) or the projects due at 达产 (达产率). */
export function rateDrill(key: CommitmentRate['key'], context: DrillContext): DrillTarget {
  return key === 'fulfilment'
    ? commitmentsDrill(context, { due: 'true' })
    : commitmentsDrill(context, { fullProductionDue: 'true' });
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
    gridRight: 96,
  });
  return {
    ...skeleton,
    legend: { show: false },
    tooltip: {
      ...skeleton.tooltip,
      valueFormatter: (v: unknown) => formatPercent(typeof v === 'number' ? v : null),
    },
    xAxis: percentAxis(context, labels.rateAxis),
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

/** The per-mu values (万元/亩, decimal strings) of the operating projects, and their median. */
export interface PerMuDistribution {
  indicator: PerMuIndicator;
  values: readonly string[];
  median: string | null;
}

export interface PerMuLabels {
  /** 亩均税收 (万元/亩) … */
  title: (indicator: PerMuIndicator) => string;
  countAxis: string;
  /** "中位数 12.5". */
  median: (value: string) => string;
  noData: string;
}

/** A histogram bin [from, to) in 万元/亩 (the last bin includes its upper edge). */
export interface PerMuBin {
  from: number;
  to: number;
  count: number;
}

/** A "nice" bin width (1, 2 or 5 × 10^n) giving about `target` bins over `span`. */
export function niceStep(span: number, target = 6): number {
  if (!(span > 0)) return 1;
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const factor = raw / power;
  const nice = factor <= 1 ? 1 : factor <= 2 ? 2 : factor <= 5 ? 5 : 10;
  return nice * power;
}

/** Rounds to the precision of a bin edge (no 0.30000000000000004 in the labels). */
function edge(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * The values binned by a nice width starting at a multiple of it; empty bins in between are kept
 * (a histogram shows the gaps). Values that are not decimals are left out.
 */
export function perMuBins(values: readonly string[], target = 6): PerMuBin[] {
  const numbers = values.map(Number).filter((v) => Number.isFinite(v));
  if (!numbers.length) return [];
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const step = niceStep(max - min, target);
  const start = Math.floor(min / step) * step;
  const count = Math.max(1, Math.floor((max - start) / step) + 1);
  const bins: PerMuBin[] = Array.from({ length: count }, (_, i) => ({
    from: edge(start + i * step),
    to: edge(start + (i + 1) * step),
    count: 0,
  }));
  for (const value of numbers) {
    const index = Math.min(count - 1, Math.floor((value - start) / step + 1e-9));
    bins[index]!.count += 1;
  }
  return bins;
}

/** The projects of a bin: operating projects whose per-mu figure is in [from, to). */
export function perMuDrill(indicator: PerMuIndicator, bin: PerMuBin, context: DrillContext): DrillTarget {
  return commitmentsDrill(context, {
    perMu: indicator,
    perMuFrom: String(bin.from),
    perMuTo: String(bin.to),
  });
}

/**
 * 亩均税收 or 亩均产值 of operating projects: a histogram (projects per bin), the median as a
 * reference line; each bar opens the projects in it.
 */
export function perMuOption(
  data: PerMuDistribution,
  labels: PerMuLabels,
  context: DrillContext,
): EChartsCoreOption {
  const bins = perMuBins(data.values);
  const names = bins.map((b) => `${b.from}–${b.to}`);
  const median = data.median === null ? null : Number(data.median);
  const medianIndex = median === null ? -1 : bins.findIndex((b, i) => median < b.to || i === bins.length - 1);
  return {
    ...barChartSkeleton(context, {
      palette: [COCKPIT_PALETTE[1]!],
      empty: bins.length === 0,
      noData: labels.noData,
      legend: [],
    }),
    legend: { show: false },
    xAxis: {
      type: 'category',
      name: labels.title(data.indicator),
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
        name: labels.title(data.indicator),
        barCategoryGap: '8%',
        label: countBarLabel(context, 'top'),
        data: bins.map((b) => item(b.count, perMuDrill(data.indicator, b, context))),
        ...(medianIndex >= 0 && data.median !== null
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: REFERENCE_GREY, type: 'dashed' },
                label: { formatter: labels.median(data.median), fontSize: fontSize(context, FONT.label) },
                data: [{ xAxis: names[medianIndex] }],
              },
            }
          : {}),
      },
    ],
  };
}

// ---------------------------------------------------------------- 供而未建 / 建而未投

export type IdleKind = 'supplied_not_started' | 'started_not_operating';

export interface IdleCounts {
  suppliedNotStarted: number;
  startedNotOperating: number;
}

export interface IdleLabels {
  /** 供而未建, 建而未投. */
  name: (kind: IdleKind) => string;
  countAxis: string;
  noData: string;
}

/** The projects behind a bar: land supplied and not started, or started and not operating. */
export function idleDrill(kind: IdleKind, context: DrillContext): DrillTarget {
  return commitmentsDrill(context, { idle: kind });
}

/** 供而未建 and 建而未投: two count bars (red and yellow: both are problems), each opening its projects. */
export function idleOption(counts: IdleCounts, labels: IdleLabels, context: DrillContext): EChartsCoreOption {
  const rows: Array<[IdleKind, number, string]> = [
    ['supplied_not_started', counts.suppliedNotStarted, LIGHT_RED],
    ['started_not_operating', counts.startedNotOperating, LIGHT_YELLOW],
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
