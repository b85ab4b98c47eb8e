import { describe, expect, it } from 'vitest';
import { LIGHT_GREEN, LIGHT_RED, LIGHT_YELLOW, REFERENCE_GREY } from '../colors';
import { drillOf, type DrillContext } from '../cockpit/drill';
import {
  bucketName,
  commitmentRates,
  commitmentRatesOption,
  idleOption,
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
      query: { filter: 'clauses_due', year: '2026', asOf: '2026-12-07', source: '沪洽会' },
    });
    expect(option.series[0].data[1].drill.query.filter).toBe('full_production_due');
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

  it('takes both rates from the summary figures', () => {
    const figures = {
      clausesMet: 3,
      clausesDue: 4,
      rate: 0.75,
      fullProductionReached: 1,
      fullProductionDue: 2,
      fullProductionRate: 0.5,
    };
    expect(commitmentRates(figures as any)).toEqual([
      { key: 'fulfilment', part: 3, whole: 4, rate: 0.75 },
      { key: 'fullProduction', part: 1, whole: 2, rate: 0.5 },
    ]);
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
  const labels = {
    title: () => '亩均税收 (万元/亩)',
    countAxis: '个',
    median: (v: string) => `中位数 ${v}`,
    noData: '暂无',
  };

  it('names the buckets, the last open one "≥"', () => {
    expect(bucketName('10.0000', '20.0000')).toBe('10–20');
    expect(bucketName('50', null)).toBe('≥ 50');
  });

  it('draws the buckets with the median line on its bucket, each bar drilling to the projects in it', () => {
    const option = perMuOption(
      {
        count: 4,
        median: '15.1300',
        distribution: [
          { from: '0', to: '10', count: 1 },
          { from: '10', to: '20', count: 2 },
          { from: '20', to: null, count: 1 },
        ],
      },
      'tax_per_mu',
      labels,
      context,
    ) as any;
    expect(option.xAxis.data).toEqual(['0–10', '10–20', '≥ 20']);
    expect(option.series[0].data.map((d: any) => d.value)).toEqual([1, 2, 1]);
    expect(option.series[0].markLine.data).toEqual([{ xAxis: '10–20' }]);
    expect(option.series[0].markLine.label.formatter).toBe('中位数 15.13');
    expect(option.series[0].data[1].drill).toEqual({
      list: 'commitments',
      query: {
        filter: 'per_mu',
        year: '2026',
        asOf: '2026-12-07',
        source: '沪洽会',
        indicator: 'tax_per_mu',
        from: '10',
        to: '20',
      },
    });
    expect(option.series[0].data[2].drill.query.to).toBeUndefined();
  });

  it('says "no data" without projects and draws no median', () => {
    const option = perMuOption(
      { count: 0, median: null, distribution: [] },
      'output_per_mu',
      labels,
      context,
    ) as any;
    expect(option.title.text).toBe('暂无');
    expect(option.series[0].markLine).toBeUndefined();
  });
});

describe('idleOption', () => {
  it('draws 供而未建 (red) and 建而未投 (yellow), each drilling to its projects', () => {
    const option = idleOption(
      { idleLand: 2, builtNotOperating: 5 },
      {
        name: (kind) => ({ idle_land: '供而未建', built_not_operating: '建而未投' })[kind],
        countAxis: '个',
        noData: '暂无',
      },
      { year: 2026, asOfDate: '2026-12-07', departmentId: '7' },
    ) as any;
    expect(option.xAxis.data).toEqual(['供而未建', '建而未投']);
    const query = { year: '2026', asOf: '2026-12-07', leadDepartmentId: '7' };
    expect(option.series[0].data).toEqual([
      {
        value: 2,
        drill: { list: 'commitments', query: { filter: 'idle_land', ...query } },
        itemStyle: { color: LIGHT_RED },
      },
      {
        value: 5,
        drill: { list: 'commitments', query: { filter: 'built_not_operating', ...query } },
        itemStyle: { color: LIGHT_YELLOW },
      },
    ]);
  });
});
