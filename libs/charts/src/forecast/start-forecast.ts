import type { DashboardForecastResponse } from '@luodi/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { ACCENT_BLUE, LIGHT_RED, REFERENCE_GREY } from '../colors';
import { axisLabel, barChartSkeleton, countAxis, countBarLabel, fontSize, item } from '../cockpit/common';
import { approvalsDrill, type DrillContext, type DrillTarget } from '../cockpit/drill';

/** Every text of the 预计开工 charts; the app passes them from its i18n messages. */
export interface StartForecastLabels {
  /** Bars per month: 计划开工 (plannedStartDate), 预计开工 (P50). */
  planned: string;
  p50: string;
  countAxis: string;
  /** Category label of month 1–12, e.g. 3 → "3月" / "Mar". */
  month: (month: number) => string;
  noData: string;
}

/**
 * The projects behind one bar of the 预计开工 chart: exactly the projects the bar counts, by id
 * (`/projects?ids=…`; the P50 date is computed per project and cannot be a list filter), plus the month
 * and bar for the list's tag. No drill for an empty bar.
 */
export function forecastMonthDrill(
  month: string,
  bar: 'planned' | 'p50',
  ids: readonly string[],
): DrillTarget | undefined {
  if (ids.length === 0) return undefined;
  return { list: 'projects', query: { ids: ids.join(','), forecastMonth: month, forecastBar: bar } };
}

/**
 * Projects planned to start in each month of the year against those forecast (P50) to start in it:
 * two bars per month, each opening the projects it counts (forecastMonthDrill).
 */
export function startForecastOption(
  data: Pick<DashboardForecastResponse, 'byMonth'>,
  labels: StartForecastLabels,
  context: DrillContext,
): EChartsCoreOption {
  const empty = data.byMonth.every((m) => m.planned === 0 && m.p50 === 0);
  const label = countBarLabel(context, 'top');
  return {
    ...barChartSkeleton(context, {
      palette: [REFERENCE_GREY, ACCENT_BLUE],
      empty,
      noData: labels.noData,
      legend: [labels.planned, labels.p50],
    }),
    xAxis: {
      type: 'category',
      data: data.byMonth.map((m) => labels.month(Number(m.month.slice(5, 7)))),
      axisTick: { alignWithLabel: true },
      axisLabel: axisLabel(context, { interval: 0 }),
    },
    yAxis: countAxis(context, labels.countAxis),
    series: [
      {
        name: labels.planned,
        values: data.byMonth.map((m) =>
          item(m.planned, forecastMonthDrill(m.month, 'planned', m.plannedIds)),
        ),
      },
      {
        name: labels.p50,
        values: data.byMonth.map((m) => item(m.p50, forecastMonthDrill(m.month, 'p50', m.p50Ids))),
      },
    ].map((bars) => ({
      type: 'bar',
      name: bars.name,
      barMaxWidth: fontSize(context, 18),
      label,
      data: bars.values,
    })),
  };
}

/** Every text of the route-time-by-department chart. */
export interface RouteDaysLabels {
  /** 已用工作日 (median) and 目标工作日 (median targetDays). */
  used: string;
  target: string;
  daysAxis: string;
  noData: string;
}

/** The open and decided milestones of a department (the approvals inbox filtered by it). */
export function routeDaysDrill(departmentId: string, context: DrillContext): DrillTarget {
  return approvalsDrill(context, { departmentId });
}

/** A height (px) that keeps each department's row readable, at least 200. */
export function routeDaysHeight(departments: number, context: Pick<DrillContext, 'fontScale'> = {}): number {
  return Math.max(200, Math.round((72 + departments * 32) * (context.fontScale ?? 1)));
}

/**
 * Median route working days used per department (horizontal bars, red when over the target) against
 * the median targetDays (a grey bar); each bar leads to that department's milestones.
 */
export function routeDaysOption(
  data: Pick<DashboardForecastResponse, 'routeDaysByDepartment'>,
  labels: RouteDaysLabels,
  context: DrillContext,
): EChartsCoreOption {
  const rows = data.routeDaysByDepartment;
  return {
    ...barChartSkeleton(context, {
      palette: [ACCENT_BLUE, REFERENCE_GREY],
      empty: rows.length === 0,
      noData: labels.noData,
      legend: [labels.used, labels.target],
      gridRight: 24,
    }),
    xAxis: { ...countAxis(context, labels.daysAxis) },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.departmentName),
      axisTick: { show: false },
      axisLabel: axisLabel(context, { interval: 0, width: fontSize(context, 120), overflow: 'truncate' }),
    },
    series: [
      {
        type: 'bar',
        name: labels.used,
        barMaxWidth: fontSize(context, 14),
        label: countBarLabel(context, 'right'),
        data: rows.map((r) => ({
          ...item(r.medianUsedDays, routeDaysDrill(r.departmentId, context)),
          ...(r.medianUsedDays > r.medianTargetDays ? { itemStyle: { color: LIGHT_RED } } : {}),
        })),
      },
      {
        type: 'bar',
        name: labels.target,
        barMaxWidth: fontSize(context, 14),
        label: countBarLabel(context, 'right'),
        data: rows.map((r) => item(r.medianTargetDays, routeDaysDrill(r.departmentId, context))),
      },
    ],
  };
}
