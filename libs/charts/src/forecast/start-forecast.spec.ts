import { describe, expect, it } from 'vitest';
import type { DashboardForecastResponse } from '@luodi/contracts';
import { ACCENT_BLUE, LIGHT_RED, REFERENCE_GREY } from '../colors';
import type { DrillItem } from '../cockpit/common';
import { forecastMonthDrill, routeDaysHeight, routeDaysOption, startForecastOption } from './start-forecast';

const context = { year: 2026, asOfDate: '2026-10-31' };
const byMonth = Array.from({ length: 12 }, (_, i) => ({
  month: `2026-${String(i + 1).padStart(2, '0')}`,
  planned: i === 9 ? 3 : i === 10 ? 1 : 0,
  p50: i === 11 ? 4 : 0,
  plannedIds: i === 9 ? ['11', '12', '13'] : i === 10 ? ['14'] : [],
  p50Ids: i === 11 ? ['11', '12', '13', '14'] : [],
}));
const data: DashboardForecastResponse = {
  year: 2026,
  asOf: '2026-10-31',
  projects: 4,
  byMonth,
  atRisk: [],
  routeDaysByDepartment: [
    {
      departmentId: 'd-nr',
      departmentName: '自然资源局',
      projects: 3,
      medianUsedDays: 70,
      medianTargetDays: 60,
      overTarget: 2,
    },
    {
      departmentId: 'd-dev',
      departmentName: '发展和改革局',
      projects: 2,
      medianUsedDays: 12,
      medianTargetDays: 60,
      overTarget: 0,
    },
  ],
};
const startLabels = {
  planned: '计划开工',
  p50: '预计开工(P50)',
  countAxis: '个',
  month: (m: number) => `${m}月`,
  noData: '暂无数据',
};
const routeLabels = { used: '已用工作日', target: '目标工作日', daysAxis: '工作日', noData: '暂无数据' };

describe('startForecastOption', () => {
  const option = startForecastOption(data, startLabels, context);
  const series = option.series as Array<{ name: string; type: string; data: DrillItem<number>[] }>;

  it('draws planned and P50 bars for each month of the year', () => {
    expect((option.xAxis as { data: string[] }).data).toEqual(byMonth.map((_, i) => `${i + 1}月`));
    expect(series.map((s) => [s.type, s.name])).toEqual([
      ['bar', '计划开工'],
      ['bar', '预计开工(P50)'],
    ]);
    expect(series[0]!.data[9]!.value).toBe(3);
    expect(series[1]!.data[11]!.value).toBe(4);
    expect(option.color).toEqual([REFERENCE_GREY, ACCENT_BLUE]);
    expect((option.title as { show?: boolean }).show).toBe(false);
  });

  it('each bar opens exactly the projects it counts; an empty bar opens nothing', () => {
    expect(series[0]!.data[9]!.drill).toEqual({
      list: 'projects',
      query: { ids: '11,12,13', forecastMonth: '2026-10', forecastBar: 'planned' },
    });
    expect(series[1]!.data[11]!.drill).toEqual({
      list: 'projects',
      query: { ids: '11,12,13,14', forecastMonth: '2026-12', forecastBar: 'p50' },
    });
    expect(series[0]!.data[0]!.drill).toBeUndefined();
    expect(forecastMonthDrill('2026-01', 'p50', [])).toBeUndefined();
  });

  it('says so when no project is planned or forecast in the year', () => {
    const empty = startForecastOption(
      { byMonth: byMonth.map((m) => ({ ...m, planned: 0, p50: 0 })) },
      startLabels,
      context,
    );
    expect(empty.title).toMatchObject({ text: '暂无数据' });
  });
});

describe('routeDaysOption', () => {
  const option = routeDaysOption(data, routeLabels, context);
  const series = option.series as Array<{
    name: string;
    data: Array<DrillItem & { itemStyle?: { color: string } }>;
  }>;

  it('lists the departments with median used days against the target, red when over', () => {
    expect((option.yAxis as { data: string[] }).data).toEqual(['自然资源局', '发展和改革局']);
    expect(series[0]!.data.map((d) => d.value)).toEqual([70, 12]);
    expect(series[1]!.data.map((d) => d.value)).toEqual([60, 60]);
    expect(series[0]!.data[0]!.itemStyle).toEqual({ color: LIGHT_RED });
    expect(series[0]!.data[1]!.itemStyle).toBeUndefined();
  });

  it('leads each bar to the department’s approvals', () => {
    expect(series[0]!.data[0]!.drill).toEqual({ list: 'approvals', query: { departmentId: 'd-nr' } });
    expect(series[1]!.data[1]!.drill).toEqual({ list: 'approvals', query: { departmentId: 'd-dev' } });
  });

  it('grows with the departments and shows no data when empty', () => {
    expect(routeDaysHeight(2)).toBe(200);
    expect(routeDaysHeight(10)).toBe(392);
    expect(routeDaysOption({ routeDaysByDepartment: [] }, routeLabels, context).title).toMatchObject({
      text: '暂无数据',
    });
  });
});
