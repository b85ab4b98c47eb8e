import { FUNNEL_STAGES, type FunnelResponse, type FunnelStage } from '@luodi/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { COCKPIT_PALETTE } from '../colors';
import { baseOption, FONT, fontSize, legendOption, noDataTitle, type RateFormatter } from './common';
import {
  projectsDrill,
  reachedProjectsDrill,
  signedProjectsDrill,
  type DrillContext,
  type DrillTarget,
} from './drill';

/** Every text of the funnel; the app passes them from its i18n messages. */
export interface FunnelLabels {
  /** Series name (tooltip header), e.g. "项目漏斗". */
  title: string;
  /** Name of each stage: 在谈, 签约, 落地, 开工, 投产. */
  stages: Record<FunnelStage, string>;
  /** Prefix of the conversion from the previous stage, e.g. "转化率". */
  conversion: string;
  /** Shown when every stage is 0. */
  noData: string;
  formatPercent: RateFormatter;
}

/** One stage as drawn: its count, the conversion from the stage before, the list behind it. */
export interface FunnelDataItem {
  name: string;
  value: number;
  stage: FunnelStage;
  /** count ÷ previous stage's count; null for the first stage or after an empty stage. */
  conversion: number | null;
  drill: DrillTarget;
  itemStyle: { color: string };
}

/** The projects behind a stage of the funnel. */
export function funnelStageDrill(stage: FunnelStage, context: DrillContext): DrillTarget {
  switch (stage) {
    case 'talks':
      return projectsDrill(context, { talksYear: context.year, asOf: context.asOfDate });
    case 'signed':
      return signedProjectsDrill(context);
    default:
      return reachedProjectsDrill(context, stage);
  }
}

/** The stages in funnel order (whatever order the answer lists them in), each with its conversion. */
export function funnelItems(
  data: FunnelResponse,
  labels: FunnelLabels,
  context: DrillContext,
): FunnelDataItem[] {
  const counts = new Map(data.stages.map((s) => [s.stage, s.count]));
  let previous: number | null = null;
  return FUNNEL_STAGES.filter((stage) => counts.has(stage)).map((stage, index) => {
    const count = counts.get(stage) ?? 0;
    const conversion = previous === null || previous === 0 ? null : count / previous;
    previous = count;
    return {
      name: labels.stages[stage],
      value: count,
      stage,
      conversion,
      drill: funnelStageDrill(stage, context),
      itemStyle: { color: COCKPIT_PALETTE[index % COCKPIT_PALETTE.length]! },
    };
  });
}

/** The lines of a stage's label: ["签约 8"] for the first stage, ["签约 8", "转化率 20.5%"] after it. */
export function funnelLabelLines(item: FunnelDataItem, labels: FunnelLabels, first: boolean): string[] {
  const head = `${item.name} ${item.value}`;
  return first ? [head] : [head, `${labels.conversion} ${labels.formatPercent(item.conversion)}`];
}

/**
 * The pipeline funnel 在谈→签约→落地→开工→投产: one slice per stage in that order (never re-sorted),
 * its width the count, its label the count and the conversion from the stage before.
 */
export function funnelOption(
  data: FunnelResponse,
  labels: FunnelLabels,
  context: DrillContext,
): EChartsCoreOption {
  const items = funnelItems(data, labels, context);
  const max = Math.max(0, ...items.map((i) => i.value));
  const firstStage = items[0]?.stage;
  const lines = (params: { data: FunnelDataItem }) =>
    funnelLabelLines(params.data, labels, params.data.stage === firstStage);
  return {
    ...baseOption(context, COCKPIT_PALETTE),
    title: noDataTitle(context, max === 0, labels.noData),
    tooltip: {
      trigger: 'item',
      formatter: (params: { data: FunnelDataItem }) => lines(params).join('<br/>'),
      textStyle: { fontSize: fontSize(context, FONT.label) },
    },
    legend: legendOption(
      context,
      items.map((i) => i.name),
    ),
    series: [
      {
        type: 'funnel',
        name: labels.title,
        sort: 'none',
        left: '8%',
        top: fontSize(context, 40),
        bottom: 8,
        width: '52%',
        min: 0,
        max: Math.max(1, max),
        minSize: '8%',
        maxSize: '100%',
        gap: 2,
        label: {
          show: true,
          position: 'right',
          formatter: (params: { data: FunnelDataItem }) => lines(params).join('\n'),
          fontSize: fontSize(context, FONT.label),
        },
        labelLine: { show: true, length: 16 },
        emphasis: { label: { fontSize: fontSize(context, FONT.label + 2) } },
        data: items,
      },
    ],
  };
}
