import { describe, expect, it } from 'vitest';
import { REFERENCE_GREY } from '../colors';
import { context, trend, trendLabels } from './__fixtures__/cockpit-data';
import type { DrillItem } from './common';
import { trendOption } from './trend';

interface Series {
  type: string;
  name: string;
  yAxisIndex?: number;
  data: Array<DrillItem | number | null>;
  lineStyle?: { type?: string; color?: string };
  label?: { formatter: (p: { value: unknown }) => string };
}

const option = trendOption(trend, trendLabels, context);
const series = option.series as Series[];
const values = (s: Series) => s.data.map((d) => (d !== null && typeof d === 'object' ? d.value : d));

describe('trendOption', () => {
  it('has the twelve months as categories', () => {
    expect((option.xAxis as { data: string[] }).data).toEqual([
      '1月',
      '2月',
      '3月',
      '4月',
      '5月',
      '6月',
      '7月',
      '8月',
      '9月',
      '10月',
      '11月',
      '12月',
    ]);
  });

  it('draws signings and starts as bars, the months not begun left out', () => {
    const [signed, started] = series;
    expect([signed!.type, signed!.name, started!.type, started!.name]).toEqual([
      'bar',
      '签约项目',
      'bar',
      '开工项目',
    ]);
    const none = Array(6).fill(null);
    expect(values(signed!)).toEqual([1, 2, 0, 3, 1, 1, ...none]);
    expect(values(started!)).toEqual([0, 1, 0, 1, 1, 0, ...none]);
    expect(signed!.label!.formatter({ value: 0 })).toBe('');
    expect(signed!.label!.formatter({ value: 3 })).toBe('3');
  });

  it('draws the investment rate and the dashed 序时进度 on the percent axis', () => {
    const [, , investment, schedule] = series;
    expect([investment!.type, investment!.name, investment!.yAxisIndex]).toEqual(['line', '投资完成率', 1]);
    expect(values(investment!)).toEqual([
      0.05,
      0.125,
      52000 / 240000,
      80000 / 240000,
      101000 / 240000,
      118000 / 240000,
      ...Array(6).fill(null),
    ]);
    expect([schedule!.type, schedule!.name, schedule!.yAxisIndex]).toEqual(['line', '序时进度', 1]);
    expect(schedule!.lineStyle).toEqual({ type: 'dashed', width: 2, color: REFERENCE_GREY });
    expect(values(schedule!)).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) / 12));
    const [, rates] = option.yAxis as Array<{
      name: string;
      axisLabel: { formatter: (v: number) => string };
    }>;
    expect(rates!.name).toBe('比率');
    expect(rates!.axisLabel.formatter(0.4)).toBe('40%');
  });

  it('leads each month bar to the projects signed or started in it, the lines to the key works', () => {
    const [signed, started, investment] = series;
    expect((signed!.data[1] as DrillItem).drill).toEqual({
      list: 'projects',
      query: { signedFrom: '2025-02-01', signedTo: '2025-02-28' },
    });
    const filtered = trendOption(trend, trendLabels, {
      ...context,
      source: '沪洽会',
      departmentId: 'dept-1',
    });
    expect(((filtered.series as Series[])[1]!.data[5] as DrillItem).drill).toEqual({
      list: 'projects',
      query: {
        startedFrom: '2025-06-01',
        startedTo: '2025-06-30',
        source: '沪洽会',
        leadDepartmentId: 'dept-1',
      },
    });
    expect((started!.data[3] as DrillItem).drill?.query).toEqual({
      startedFrom: '2025-04-01',
      startedTo: '2025-04-30',
    });
    expect((investment!.data[0] as DrillItem).drill).toEqual({ list: 'key-works', query: { year: '2025' } });
  });

  it('shows no investment line when the plan is 0 (rates null)', () => {
    const noPlan = trendOption(
      { ...trend, months: trend.months.map((m) => ({ ...m, investmentRate: null })) },
      trendLabels,
      context,
    );
    expect(values((noPlan.series as Series[])[2]!)).toEqual(Array(12).fill(null));
  });

  it('scales fonts and lines for the big screen', () => {
    const screen = trendOption(trend, trendLabels, { ...context, fontScale: 2, static: true });
    const xAxis = screen.xAxis as { axisLabel: { fontSize: number } };
    expect(xAxis.axisLabel.fontSize).toBe(24);
    expect((screen.series as Series[])[3]!.lineStyle).toMatchObject({ width: 4 });
    expect(screen.animation).toBe(false);
  });
});
