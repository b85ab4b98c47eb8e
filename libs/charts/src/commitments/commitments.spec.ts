import { describe, expect, it } from 'vitest';
import { LIGHT_GREEN, LIGHT_RED, LIGHT_YELLOW, REFERENCE_GREY } from '../colors';
import { drillOf, type DrillContext } from '../cockpit/drill';
import {
  commitmentRatesOption,
  idleOption,
  niceStep,
  perMuBins,
  perMuOption,
  rateColor,
  type CommitmentRate,
} from './commitments';

const context: DrillContext = { year: 2026, asOfDate: '2026-12-07', source: '沪洽会' };
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const rateLabels = {
  name: (key: CommitmentRate['key']) => ({ fulfilment: '履约率', fullProduction: '达产率' })[key],
  rateAxis: '比率',
  counts: (part: number, whole: number) => `${part}/${whole}`,
  noData: '暂无',
};

describe('commitmentRatesOption', () => {
  const rates: CommitmentRate[] = [
    { key: 'fulfilment', part: 3, whole: 4, rate: 0.75 },
    { key: 'fullProduction', part: 0, whole: 0, rate: null },
  ];
  const option = commitmentRatesOption(rates, rateLabels, context, percent) as any;

  it('draws one bar per rate, coloured by its light, labelled with the percentage and the counts', () => {
    expect(option.yAxis.data).toEqual(['履约率', '达产率']);
    const data = option.series[0].data;
    expect(data.map((d: any) => d.value)).toEqual([0.75, 0]);
    expect(data.map((d: any) => d.itemStyle.color)).toEqual([LIGHT_YELLOW, REFERENCE_GREY]);
    const label = option.series[0].label.formatter;
    expect(label({ dataIndex: 0 })).toBe('75.0%  (3/4)');
    expect(label({ dataIndex: 1 })).toBe('—  (0/0)');
    expect(option.title.show).toBe(false);
  });

  it('drills to the clauses due and to the projects due at full production', () => {
    expect(drillOf({ data: option.series[0].data[0] })).toEqual({
      list: 'commitments',
      query: { year: '2026', asOf: '2026-12-07', source: '沪洽会', due: 'true' },
    });
    expect(option.series[0].data[1].drill.query.fullProductionDue).toBe('true');
  });

  it('says "no data" when nothing is due at all', () => {
    const empty = commitmentRatesOption(
      [{ key: 'fulfilment', part: 0, whole: 0, rate: null }],
      rateLabels,
      context,
      percent,
    ) as any;
    expect(empty.title.text).toBe('暂无');
  });

  it('colours at the boundaries: 80 % green, 60 % yellow, below red', () => {
    expect([rateColor(0.8), rateColor(0.7999), rateColor(0.6), rateColor(0.5999)]).toEqual([
      LIGHT_GREEN,
      LIGHT_YELLOW,
      LIGHT_YELLOW,
      LIGHT_RED,
    ]);
  });
});

describe('per-mu histogram', () => {
  it('picks a nice bin width', () => {
    expect(niceStep(60)).toBe(10);
    expect(niceStep(11)).toBe(2);
    expect(niceStep(0.3)).toBe(0.05);
    expect(niceStep(0)).toBe(1);
  });

  it('bins values from a multiple of the width, keeping empty bins and the top edge in the last bin', () => {
    expect(perMuBins(['3.5', '12', '18.25', '60', 'x'])).toEqual([
      { from: 0, to: 10, count: 1 },
      { from: 10, to: 20, count: 2 },
      { from: 20, to: 30, count: 0 },
      { from: 30, to: 40, count: 0 },
      { from: 40, to: 50, count: 0 },
      { from: 50, to: 60, count: 0 },
      { from: 60, to: 70, count: 1 },
    ]);
    expect(perMuBins(['5', '5'])).toEqual([{ from: 5, to: 6, count: 2 }]);
    expect(perMuBins([])).toEqual([]);
  });

  it('draws the bins with the median line, each bar drilling to the projects in it', () => {
    const option = perMuOption(
      { indicator: 'tax_per_mu', values: ['3.5', '12', '18.25', '25'], median: '15.13' },
      {
        title: () => '亩均税收 (万元/亩)',
        countAxis: '个',
        median: (v) => `中位数 ${v}`,
        noData: '暂无',
      },
      context,
    ) as any;
    expect(option.xAxis.data).toEqual(['0–5', '5–10', '10–15', '15–20', '20–25', '25–30']);
    expect(option.series[0].data.map((d: any) => d.value)).toEqual([1, 0, 1, 1, 0, 1]);
    expect(option.series[0].markLine.data).toEqual([{ xAxis: '15–20' }]);
    expect(option.series[0].markLine.label.formatter).toBe('中位数 15.13');
    expect(option.series[0].data[1].drill.query).toMatchObject({
      perMu: 'tax_per_mu',
      perMuFrom: '5',
      perMuTo: '10',
    });
  });

  it('says "no data" without values and draws no median', () => {
    const option = perMuOption(
      { indicator: 'output_per_mu', values: [], median: null },
      { title: () => '亩均产值', countAxis: '个', median: (v) => v, noData: '暂无' },
      context,
    ) as any;
    expect(option.title.text).toBe('暂无');
    expect(option.series[0].markLine).toBeUndefined();
  });
});

describe('idleOption', () => {
  it('draws 供而未建 (red) and 建而未投 (yellow), each drilling to its projects', () => {
    const option = idleOption(
      { suppliedNotStarted: 2, startedNotOperating: 5 },
      {
        name: (kind) => ({ supplied_not_started: '供而未建', started_not_operating: '建而未投' })[kind],
        countAxis: '个',
        noData: '暂无',
      },
      { year: 2026, asOfDate: '2026-12-07', departmentId: '7' },
    ) as any;
    expect(option.xAxis.data).toEqual(['供而未建', '建而未投']);
    expect(option.series[0].data).toEqual([
      {
        value: 2,
        drill: {
          list: 'commitments',
          query: { year: '2026', asOf: '2026-12-07', leadDepartmentId: '7', idle: 'supplied_not_started' },
        },
        itemStyle: { color: LIGHT_RED },
      },
      {
        value: 5,
        drill: {
          list: 'commitments',
          query: { year: '2026', asOf: '2026-12-07', leadDepartmentId: '7', idle: 'started_not_operating' },
        },
        itemStyle: { color: LIGHT_YELLOW },
      },
    ]);
  });
});
