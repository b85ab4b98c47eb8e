import type { ProblemFigures } from '@luodi/contracts';
import type { EChartsCoreOption } from 'echarts/core';

/** Every text of the problems chart; the app passes them from its i18n messages. */
export interface ProblemChartLabels {
  /** Series: 未销号 (open, not overdue), 逾期 (overdue). */
  open: string;
  overdue: string;
  /** The name of each category (用地, 规划 …) or owner department. */
  name: (key: string) => string;
  noData: string;
}

/** Where a bar leads: the problem list filtered so that its total equals the bar. */
export interface ProblemDrill {
  category?: string;
  ownerDepartmentId?: string;
  overdue?: 'true' | 'false';
  /** Not closed. */
  open: 'true';
}

/**
 * Open problems by category (or by owner department): stacked bars of not-yet-overdue and overdue
 * problems; each bar carries the list filter it drills to (`data.drill`). Pure.
 */
export function problemsOption(
  figures: ProblemFigures,
  by: 'category' | 'owner',
  labels: ProblemChartLabels,
): EChartsCoreOption {
  const rows =
    by === 'category'
      ? figures.byCategory.map((row) => ({ key: row.category, name: labels.name(row.category), ...row }))
      : figures.byOwner
          .slice(0, 12)
          .map((row) => ({ key: row.departmentId, name: row.departmentName, ...row }));
  const filter = (key: string): Omit<ProblemDrill, 'open'> =>
    by === 'category' ? { category: key } : { ownerDepartmentId: key };
  if (!rows.length)
    return {
      title: {
        text: labels.noData,
        left: 'center',
        top: 'middle',
        textStyle: { fontSize: 14, color: '#909399' },
      },
    };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((row) => row.name),
      axisLabel: { interval: 0, rotate: by === 'owner' ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: labels.open,
        type: 'bar',
        stack: 'problems',
        itemStyle: { color: '#409eff' },
        data: rows.map((row) => ({
          value: row.open - row.overdue,
          drill: { ...filter(row.key), open: 'true', overdue: 'false' },
        })),
      },
      {
        name: labels.overdue,
        type: 'bar',
        stack: 'problems',
        itemStyle: { color: '#f56c6c' },
        data: rows.map((row) => ({
          value: row.overdue,
          drill: { ...filter(row.key), open: 'true', overdue: 'true' },
        })),
      },
    ],
  };
}
