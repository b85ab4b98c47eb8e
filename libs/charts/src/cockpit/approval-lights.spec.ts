import { describe, expect, it } from 'vitest';
import { LIGHT_GREEN, LIGHT_RED, LIGHT_YELLOW } from '../colors';
import { approvalLights, approvalLightsLabels, context } from './__fixtures__/cockpit-data';
import { approvalLightsHeight, approvalLightsOption } from './approval-lights';
import type { DrillItem } from './common';

interface Series {
  type: string;
  name: string;
  stack: string;
  itemStyle: { color: string };
  data: DrillItem[];
  label: { formatter: (p: { value: unknown }) => string };
}

const option = approvalLightsOption(approvalLights, approvalLightsLabels, context);
const series = option.series as Series[];

describe('approvalLightsOption', () => {
  it('lists the departments top to bottom in the answer order', () => {
    expect(option.yAxis).toMatchObject({
      type: 'category',
      inverse: true,
      data: ['自然资源局', '发展和改革委员会', '生态环境局', '住房和城乡建设局', '市场监督管理局'],
    });
    expect(option.xAxis).toMatchObject({ type: 'value', name: '件', minInterval: 1 });
  });

  it('stacks red, yellow and green bars in the traffic-light colours', () => {
    expect(series.map((s) => [s.type, s.stack, s.name, s.itemStyle.color])).toEqual([
      ['bar', 'lights', '逾期', LIGHT_RED],
      ['bar', 'lights', '临期', LIGHT_YELLOW],
      ['bar', 'lights', '正常', LIGHT_GREEN],
    ]);
    expect(option.color).toEqual([LIGHT_RED, LIGHT_YELLOW, LIGHT_GREEN]);
    expect(series.map((s) => s.data.map((d) => d.value))).toEqual([
      [4, 2, 1, 0, 0],
      [1, 2, 0, 3, 0],
      [3, 5, 2, 6, 1],
    ]);
    expect((option.legend as { data: string[] }).data).toEqual(['逾期', '临期', '正常']);
  });

  it('labels only segments with milestones', () => {
    expect(series[0]!.label.formatter({ value: 4 })).toBe('4');
    expect(series[0]!.label.formatter({ value: 0 })).toBe('');
  });

  it('leads each segment to the department’s milestones of that light', () => {
    expect(series[0]!.data[0]!.drill).toEqual({
      list: 'approvals',
      query: { departmentId: 'd-nr', light: 'red' },
    });
    expect(series[2]!.data[4]!.drill).toEqual({
      list: 'approvals',
      query: { departmentId: 'd-mkt', light: 'green' },
    });
    // The department of the bar, not the cockpit's department filter.
    const filtered = approvalLightsOption(approvalLights, approvalLightsLabels, {
      ...context,
      departmentId: 'd-nr',
    });
    expect((filtered.series as Series[])[1]!.data[1]!.drill?.query).toEqual({
      departmentId: 'd-dev',
      light: 'yellow',
    });
  });

  it('says there is no data when no department has an open milestone', () => {
    const empty = approvalLightsOption({ ...approvalLights, items: [] }, approvalLightsLabels, context);
    expect((empty.title as { text: string }).text).toBe('暂无数据');
    expect((empty.series as Series[]).map((s) => s.data)).toEqual([[], [], []]);
  });
});

describe('approvalLightsHeight', () => {
  it('gives each department a row, at least 240 px, scaled for the big screen', () => {
    expect(approvalLightsHeight(2)).toBe(240);
    expect(approvalLightsHeight(38)).toBe(72 + 38 * 28);
    expect(approvalLightsHeight(38, { fontScale: 1.5 })).toBe(Math.round((72 + 38 * 28) * 1.5));
  });
});
