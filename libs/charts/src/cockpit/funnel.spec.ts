import type { FunnelResponse } from '@luodi/contracts';
import { describe, expect, it } from 'vitest';
import { COCKPIT_PALETTE } from '../colors';
import { context, funnel, funnelLabels } from './__fixtures__/cockpit-data';
import { funnelOption, type FunnelDataItem } from './funnel';

interface FunnelSeries {
  type: string;
  sort: string;
  data: FunnelDataItem[];
  label: { formatter: (p: { data: FunnelDataItem }) => string; fontSize: number };
}

function seriesOf(data: FunnelResponse, ctx = context): FunnelSeries {
  return (funnelOption(data, funnelLabels, ctx).series as FunnelSeries[])[0]!;
}

describe('funnelOption', () => {
  it('draws the five stages in pipeline order, never re-sorted', () => {
    const reversed = { ...funnel, stages: [...funnel.stages].reverse() };
    const series = seriesOf(reversed);
    expect(series.type).toBe('funnel');
    expect(series.sort).toBe('none');
    expect(series.data.map((d) => [d.name, d.value])).toEqual([
      ['在谈', 39],
      ['签约', 8],
      ['落地', 5],
      ['开工', 3],
      ['投产', 0],
    ]);
    expect(series.data.map((d) => d.itemStyle.color)).toEqual(COCKPIT_PALETTE.slice(0, 5));
  });

  it('labels each stage with its count and the conversion from the stage before', () => {
    const series = seriesOf(funnel);
    expect(series.data.map((d) => d.conversion)).toEqual([null, 8 / 39, 5 / 8, 3 / 5, 0]);
    const text = series.data.map((d) => series.label.formatter({ data: d }));
    expect(text).toEqual([
      '在谈 39',
      '签约 8\n转化率 20.5%',
      '落地 5\n转化率 62.5%',
      '开工 3\n转化率 60.0%',
      '投产 0\n转化率 0.0%',
    ]);
  });

  it('has no conversion after an empty stage', () => {
    const series = seriesOf({
      ...funnel,
      stages: [
        { stage: 'talks', count: 0 },
        { stage: 'signed', count: 0 },
      ],
    });
    expect(series.data.map((d) => d.conversion)).toEqual([null, null]);
    expect(series.label.formatter({ data: series.data[1]! })).toBe('签约 0\n转化率 —');
  });

  it('leads each stage to its projects', () => {
    const drills = seriesOf(funnel, { ...context, source: '港洽会' }).data.map((d) => d.drill);
    expect(drills).toEqual([
      { list: 'projects', query: { talksYear: '2025', asOf: '2025-06-15', source: '港洽会' } },
      { list: 'projects', query: { year: '2025', source: '港洽会' } },
      {
        list: 'projects',
        query: { year: '2025', reached: 'registered', asOf: '2025-06-15', source: '港洽会' },
      },
      { list: 'projects', query: { year: '2025', reached: 'started', asOf: '2025-06-15', source: '港洽会' } },
      {
        list: 'projects',
        query: { year: '2025', reached: 'operating', asOf: '2025-06-15', source: '港洽会' },
      },
    ]);
  });

  it('has a tooltip, a legend of the stages, and no title when there is data', () => {
    const option = funnelOption(funnel, funnelLabels, context);
    expect((option.legend as { data: string[] }).data).toEqual(['在谈', '签约', '落地', '开工', '投产']);
    const tooltip = option.tooltip as { trigger: string; formatter: (p: unknown) => string };
    expect(tooltip.trigger).toBe('item');
    expect(tooltip.formatter({ data: seriesOf(funnel).data[1] })).toBe('签约 8<br/>转化率 20.5%');
    expect((option.title as { show?: boolean }).show).toBe(false);
    expect(option.animation).toBe(true);
  });

  it('says there is no data when every stage is 0', () => {
    const empty = { ...funnel, stages: funnel.stages.map((s) => ({ ...s, count: 0 })) };
    expect((funnelOption(empty, funnelLabels, context).title as { text: string }).text).toBe('暂无数据');
  });

  it('renders static and scaled for the big screen', () => {
    const option = funnelOption(funnel, funnelLabels, { ...context, static: true, dark: true, fontScale: 2 });
    expect(option.animation).toBe(false);
    expect(option.backgroundColor).toBe('transparent');
    expect((option.series as FunnelSeries[])[0]!.label.fontSize).toBe(24);
    expect((option.legend as { textStyle: { fontSize: number } }).textStyle.fontSize).toBe(24);
  });
});
