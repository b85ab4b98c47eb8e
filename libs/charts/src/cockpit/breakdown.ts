import type { BreakdownDimension, BreakdownItem, BreakdownResponse } from '@luodi/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { COCKPIT_PALETTE } from '../colors';
import {
  axisLabel,
  barChartSkeleton,
  countAndPercentAxes,
  FONT,
  fontSize,
  item,
  rateTooltip,
  signedAndStartedBars,
  type RateFormatter,
} from './common';
import { reachedProjectsDrill, signedProjectsDrill, type DrillContext, type DrillTarget } from './drill';

/** Every text of the breakdown chart; the app passes them from its i18n messages. */
export interface BreakdownLabels {
  /** Bar series: 签约项目, 开工项目. */
  signed: string;
  started: string;
  /** Rate series: 落地率, 开工率. */
  landingRate: string;
  startRate: string;
  /** Axis names: counts (e.g. "个") and rates (e.g. "%"). */
  countAxis: string;
  rateAxis: string;
  /** Category of the projects without a source/industry (key ''), e.g. "未填写". */
  none: string;
  noData: string;
  formatPercent: RateFormatter;
}

export interface BreakdownOptions {
  /** Bars upright with groups along the bottom (default), or lying with groups down the side. */
  orientation?: 'vertical' | 'horizontal';
}

/** A bar or point of the breakdown chart. */
export type BreakdownSeriesKind = 'signed' | 'started' | 'landingRate' | 'startRate';

/** The projects behind a bar or point of a group; none for the group without a key. */
export function breakdownDrill(
  by: BreakdownDimension,
  key: string,
  kind: BreakdownSeriesKind,
  context: DrillContext,
): DrillTarget | undefined {
  if (key === '') return undefined;
  const group = { [by]: key };
  switch (kind) {
    case 'signed':
      return signedProjectsDrill(context, group);
    case 'started':
    case 'startRate':
      return reachedProjectsDrill(context, 'started', group);
    case 'landingRate':
      return reachedProjectsDrill(context, 'registered', group);
  }
}

/**
 * Start and landing by source (沪洽会/港洽会/中博会…) or by industry: per group, bars of the projects
 * signed and started, and the 开工率 and 落地率 as points (scatter) on a second (percent) axis. Groups keep the
 * answer's order (largest contract amount first).
 */
export function breakdownOption(
  data: BreakdownResponse,
  labels: BreakdownLabels,
  context: DrillContext,
  options: BreakdownOptions = {},
): EChartsCoreOption {
  const horizontal = options.orientation === 'horizontal';
  const categories = data.items.map((i) => (i.key === '' ? labels.none : i.key));
  const itemsOf = (kind: BreakdownSeriesKind, value: (i: BreakdownItem) => number | null) =>
    data.items.map((i) => item(value(i), breakdownDrill(data.by, i.key, kind, context)));
  // Points, not a line: the groups have no order a line between them could mean.
  const ratePoints = (
    name: string,
    kind: BreakdownSeriesKind,
    value: (i: BreakdownItem) => number | null,
  ) => ({
    type: 'scatter',
    name,
    [horizontal ? 'xAxisIndex' : 'yAxisIndex']: 1,
    symbol: kind === 'startRate' ? 'circle' : 'diamond',
    symbolSize: fontSize(context, 12),
    // The rate shows in the tooltip and, on hover, next to the point (always shown, it would sit on the bars).
    label: {
      show: false,
      position: horizontal ? 'bottom' : 'right',
      fontSize: fontSize(context, FONT.label),
      formatter: (p: { value: number | null }) => labels.formatPercent(p.value),
    },
    emphasis: { label: { show: true } },
    tooltip: rateTooltip(labels.formatPercent),
    data: itemsOf(kind, value),
  });
  const categoryAxis = {
    type: 'category',
    data: categories,
    axisTick: { alignWithLabel: true },
    axisLabel: axisLabel(
      context,
      horizontal ? { width: 96, overflow: 'truncate' } : { interval: 0, hideOverlap: true },
    ),
    ...(horizontal ? { inverse: true } : {}),
  };
  const valueAxes = countAndPercentAxes(context, labels);
  return {
    ...barChartSkeleton(context, {
      palette: COCKPIT_PALETTE,
      empty: data.items.length === 0,
      noData: labels.noData,
      legend: [labels.signed, labels.started, labels.startRate, labels.landingRate],
      gridRight: horizontal ? 32 : 12,
    }),
    xAxis: horizontal ? valueAxes : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxes,
    series: [
      ...signedAndStartedBars(
        context,
        labels,
        { barMaxWidth: 32, labelPosition: horizontal ? 'right' : 'top' },
        (kind) => itemsOf(kind, (i) => i[`${kind}Count`]),
      ),
      ratePoints(labels.startRate, 'startRate', (i) => i.startRate),
      ratePoints(labels.landingRate, 'landingRate', (i) => i.landingRate),
    ],
  };
}
