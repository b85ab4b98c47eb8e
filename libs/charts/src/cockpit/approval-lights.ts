import type { ApprovalLightsResponse } from '@luodi/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { LIGHT_COLORS, type Light } from '../colors';
import { axisLabel, axisNameStyle, barChartSkeleton, countBarLabel, fontSize, item } from './common';
import { approvalsDrill, type DrillContext, type DrillTarget } from './drill';

/** Every text of the approvals-by-department chart; the app passes them from its i18n messages. */
export interface ApprovalLightsLabels {
  /** One series per light, e.g. 逾期 (red), 临期 (yellow), 正常 (green). */
  red: string;
  yellow: string;
  green: string;
  /** Name of the count axis, e.g. "件". */
  countAxis: string;
  noData: string;
}

/** Lights in drawing order: red first (at the axis, where it is read best), then yellow, then green. */
export const APPROVAL_LIGHTS_ORDER: readonly Light[] = ['red', 'yellow', 'green'];

/** The open milestones of a department with a light. */
export function approvalLightDrill(departmentId: string, light: Light, context: DrillContext): DrillTarget {
  return approvalsDrill(context, { departmentId, light });
}

/**
 * A height (px) for the chart that keeps every department's bar readable (there are 38 departments in
 * the demo district): the legend and axis, then a row per department, at least 240.
 */
export function approvalLightsHeight(
  departments: number,
  context: Pick<DrillContext, 'fontScale'> = {},
): number {
  const scale = context.fontScale ?? 1;
  return Math.max(240, Math.round((72 + departments * 28) * scale));
}

/** Room for department names at the left edge (longer ones are truncated). */
const NAME_WIDTH = 120;

/**
 * Open approvals by department: one horizontal bar per department (in the answer's order, most red
 * first, top to bottom), stacked red → yellow → green in the traffic-light colours.
 */
export function approvalLightsOption(
  data: ApprovalLightsResponse,
  labels: ApprovalLightsLabels,
  context: DrillContext,
): EChartsCoreOption {
  const names: Record<Light, string> = { red: labels.red, yellow: labels.yellow, green: labels.green };
  return {
    ...barChartSkeleton(context, {
      palette: APPROVAL_LIGHTS_ORDER.map((light) => LIGHT_COLORS[light]),
      empty: data.items.length === 0,
      noData: labels.noData,
      legend: APPROVAL_LIGHTS_ORDER.map((light) => names[light]),
      gridRight: 24,
    }),
    xAxis: {
      type: 'value',
      name: labels.countAxis,
      nameTextStyle: axisNameStyle(context),
      min: 0,
      minInterval: 1,
      axisLabel: axisLabel(context),
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: data.items.map((i) => i.departmentName),
      axisTick: { show: false },
      axisLabel: axisLabel(context, {
        interval: 0,
        width: fontSize(context, NAME_WIDTH),
        overflow: 'truncate',
      }),
    },
    series: APPROVAL_LIGHTS_ORDER.map((light) => ({
      type: 'bar',
      name: names[light],
      stack: 'lights',
      barMaxWidth: fontSize(context, 24),
      itemStyle: { color: LIGHT_COLORS[light] },
      // A segment of 0 has no width: no label either.
      label: countBarLabel(context, 'inside'),
      emphasis: { focus: 'series' },
      data: data.items.map((i) => item(i[light], approvalLightDrill(i.departmentId, light, context))),
    })),
  };
}
