import { describe, expect, it } from 'vitest';
import { COCKPIT_PALETTE } from '../colors';
import { breakdown, breakdownLabels, context } from './__fixtures__/cockpit-data';
import { breakdownOption } from './breakdown';
import type { DrillItem } from './common';

interface Series {
  type: string;
  name: string;
  yAxisIndex?: number;
  xAxisIndex?: number;
  data: DrillItem[];
  tooltip?: { valueFormatter: (v: unknown) => string };
}

interface Axis {
  type: string;
  name?: string;
  data?: string[];
  inverse?: boolean;
  max?: (extent: { max: number }) => number;
  axisLabel: { formatter?: (v: number) => string; fontSize: number };
}

const option = breakdownOption(breakdown, breakdownLabels, context);
const series = option.series as Series[];

describe('breakdownOption', () => {
  it('has one category per group in the answer order, "none" for the group without a key', () => {
    const xAxis = option.xAxis as Axis;
    expect(xAxis.type).toBe('category');
    expect(xAxis.data).toEqual(['沪洽会', '港洽会', '中博会', '未填写']);
  });

  it('draws signed and started as bars and the two rates as points on the percent axis', () => {
    expect(series.map((s) => [s.type, s.name, s.yAxisIndex])).toEqual([
      ['bar', '签约项目', undefined],
      ['bar', '开工项目', undefined],
      ['scatter', '开工率', 1],
      ['scatter', '落地率', 1],
    ]);
    expect(series.map((s) => s.data.map((d) => d.value))).toEqual([
      [4, 2, 1, 1],
      [2, 1, 0, 0],
      [0.5, 0.5, 0, 0],
      [0.75, 0.5, 1, 0],
    ]);
    expect(option.color).toEqual([...COCKPIT_PALETTE]);
    expect((option.legend as { data: string[] }).data).toEqual(['签约项目', '开工项目', '开工率', '落地率']);
  });

  it('formats the percent axis and the rates in the tooltip', () => {
    const [counts, rates] = option.yAxis as Axis[];
    expect(counts).toMatchObject({ type: 'value', name: '个' });
    expect(rates).toMatchObject({ type: 'value', name: '比率' });
    expect([0, 0.2, 0.5, 1, 0.125].map((v) => rates!.axisLabel.formatter!(v))).toEqual([
      '0%',
      '20%',
      '50%',
      '100%',
      '12.5%',
    ]);
    expect(rates!.max!({ max: 0.75 })).toBe(1);
    expect(rates!.max!({ max: 1.2 })).toBe(1.2);
    expect(series[2]!.tooltip!.valueFormatter(0.375)).toBe('37.5%');
    expect(series[2]!.tooltip!.valueFormatter(null)).toBe('—');
  });

  it('leads each bar to the projects of its group, none for the group without a key', () => {
    const [signed, started, startRate, landingRate] = series;
    expect(signed!.data[0]!.drill).toEqual({ list: 'projects', query: { year: '2025', source: '沪洽会' } });
    expect(started!.data[1]!.drill).toEqual({
      list: 'projects',
      query: { year: '2025', source: '港洽会', reached: 'started', asOf: '2025-06-15' },
    });
    expect(startRate!.data[0]!.drill).toEqual(started!.data[0]!.drill);
    expect(landingRate!.data[2]!.drill).toEqual({
      list: 'projects',
      query: { year: '2025', source: '中博会', reached: 'registered', asOf: '2025-06-15' },
    });
    for (const s of series) expect(s.data[3]).toEqual({ value: s.data[3]!.value });
  });

  it('uses the industry as the group filter of an industry breakdown', () => {
    const byIndustry = breakdownOption(
      { ...breakdown, by: 'industry', items: [{ ...breakdown.items[0]!, key: '新能源' }] },
      breakdownLabels,
      { ...context, departmentId: 'dept-1' },
    );
    expect((byIndustry.series as Series[])[0]!.data[0]!.drill).toEqual({
      list: 'projects',
      query: { year: '2025', industry: '新能源', leadDepartmentId: 'dept-1' },
    });
  });

  it('lays the bars down with the groups top to bottom when horizontal', () => {
    const horizontal = breakdownOption(breakdown, breakdownLabels, context, { orientation: 'horizontal' });
    const yAxis = horizontal.yAxis as Axis;
    expect(yAxis).toMatchObject({
      type: 'category',
      inverse: true,
      data: ['沪洽会', '港洽会', '中博会', '未填写'],
    });
    expect((horizontal.xAxis as Axis[]).map((a) => a.type)).toEqual(['value', 'value']);
    expect((horizontal.series as Series[]).map((s) => s.xAxisIndex)).toEqual([undefined, undefined, 1, 1]);
  });

  it('says there is no data for no group', () => {
    const empty = breakdownOption({ ...breakdown, items: [] }, breakdownLabels, context);
    expect((empty.title as { text: string }).text).toBe('暂无数据');
  });
});
