// @vitest-environment node
import type { ForecastGanttItem, ProjectForecast } from '@luodi/contracts';
import { CustomChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import {
  BINDING_PATH_COLOR,
  dayStart,
  GANTT_PHASE_COLORS,
  ganttRows,
  renderGanttBar,
  routeGanttHeight,
  routeGanttOption,
  type RouteGanttLabels,
} from './route-gantt';

echarts.use([SVGRenderer, CustomChart, GridComponent, MarkLineComponent, TitleComponent, TooltipComponent]);

const labels: RouteGanttLabels = {
  stage: (stage) => `S${stage}`,
  phase: (phase) => `phase:${phase}`,
  today: 'today',
  promiseBound: 'promise',
  p50: 'P50',
  p80: 'P80',
  plannedStart: 'planned start',
  plannedBar: 'planned',
  forecastBar: 'forecast',
  deadline: 'deadline',
  bindingPath: 'binding',
  rejected: 'rejected',
  noData: 'no data',
};

const base: Omit<ForecastGanttItem, 'milestoneId' | 'itemCode' | 'itemName' | 'stage'> = {
  departmentId: '1',
  departmentName: 'Dept',
  status: 'planned',
  phase: 'waiting',
  rejected: false,
  promisedDays: 5,
  acceptedOn: null,
  decidedOn: null,
  deadline: null,
  plannedStart: null,
  plannedEnd: null,
  forecastStart: null,
  forecastEnd: null,
  onBindingPath: false,
  afterStart: false,
};

const forecast: ProjectForecast = {
  projectId: '7',
  asOf: '2026-09-21',
  historyUsed: false,
  startableNow: false,
  startableSince: null,
  constructRejected: false,
  promiseBound: '2026-10-14',
  p50: '2026-10-14',
  p80: '2026-10-16',
  plannedStartDate: '2026-10-01',
  plannedStartMonth: null,
  plannedStartBy: '2026-10-01',
  atRisk: 2,
  bindingPath: ['73', '71'],
  binding: {
    milestoneId: '73',
    itemCode: 'EIA',
    departmentId: '2',
    itemName: '环评',
    departmentName: '生态环境局',
  },
  hiddenItems: 0,
  items: [
    // Stage 3 first in the answer: rows still go by stage.
    {
      ...base,
      milestoneId: '71',
      itemCode: 'CONSTRUCT',
      itemName: '施工许可',
      stage: 3,
      plannedStart: '2026-10-12',
      plannedEnd: '2026-10-14',
      forecastStart: '2026-10-12',
      forecastEnd: '2026-10-14',
      onBindingPath: true,
    },
    {
      ...base,
      milestoneId: '72',
      itemCode: 'FILING',
      itemName: '备案',
      stage: 1,
      status: 'decided',
      phase: 'decided',
      acceptedOn: '2026-09-01',
      decidedOn: '2026-09-03',
      plannedStart: '2026-09-01',
      plannedEnd: '2026-09-03',
      forecastStart: '2026-09-01',
      forecastEnd: '2026-09-03',
    },
    {
      ...base,
      milestoneId: '73',
      itemCode: 'EIA',
      itemName: '环评',
      stage: 2,
      status: 'accepted',
      phase: 'open',
      acceptedOn: '2026-09-17',
      deadline: '2026-10-12',
      plannedStart: '2026-09-17',
      plannedEnd: '2026-10-12',
      forecastStart: '2026-09-17',
      forecastEnd: '2026-10-09',
      onBindingPath: true,
    },
    {
      ...base,
      milestoneId: '74',
      itemCode: 'JOINT_ACCEPT',
      itemName: '联合验收',
      stage: 4,
      afterStart: true,
    },
  ],
};

const option = (value = forecast) =>
  routeGanttOption(value, labels, { today: '2026-09-21', static: true }) as any;

describe('routeGanttOption', () => {
  it('rows by stage, items after the start left out', () => {
    expect(ganttRows(forecast).map((item) => item.itemCode)).toEqual(['FILING', 'EIA', 'CONSTRUCT']);
    expect(option().yAxis.data).toEqual(['S1 备案', 'S2 环评', 'S3 施工许可']);
    expect(routeGanttHeight(forecast)).toBe(3 * 30 + 110);
  });

  it('a forecast bar per item, a planned outline for undecided ones, coloured by phase; the path outlined', () => {
    const series = option().series[0];
    expect(series.type).toBe('custom');
    // FILING: forecast only; EIA: planned + forecast; CONSTRUCT: planned + forecast.
    expect(series.data.map((bar: any) => [bar.value[0], bar.value[3], bar.value[4]])).toEqual([
      [0, 1, 0],
      [1, 0, 1],
      [1, 1, 1],
      [2, 0, 1],
      [2, 1, 1],
    ]);
    // EIA's forecast bar covers Sep 17 through Oct 9 (end of day).
    expect(series.data[2].value.slice(1, 3)).toEqual([dayStart('2026-09-17'), dayStart('2026-10-10')]);
    // renderItem: decided fill, open fill with the binding path's outline.
    const api = (index: number) => ({
      value: (dimension: number) => series.data[index].value[dimension],
      coord: ([x, y]: [number, number]) => [x / 1e8, y * 30 + 15],
      size: () => [0, 30],
    });
    const params = (index: number) => ({
      dataIndex: index,
      coordSys: { x: 0, y: 0, width: 1e9, height: 90 },
    });
    const filing = series.renderItem(params(0), api(0));
    expect(filing.style).toMatchObject({ fill: GANTT_PHASE_COLORS.decided });
    const eia = series.renderItem(params(2), api(2));
    expect(eia.style).toMatchObject({
      fill: GANTT_PHASE_COLORS.open,
      stroke: BINDING_PATH_COLOR,
      lineWidth: 2,
    });
    expect(series.renderItem(params(1), api(1)).style).toMatchObject({
      fill: 'transparent',
      lineDash: [3, 2],
    });
  });

  it('marks today, the planned start and the three dates; none of the three when startable now', () => {
    const names = (value: ProjectForecast) =>
      option(value).series[0].markLine.data.map((line: any) => line.name);
    // The promise-bound and P50 dates coincide: one line named by both.
    expect(names(forecast)).toEqual(['today', 'planned start', 'promise / P50', 'P80']);
    expect(option().series[0].markLine.data[2].label.formatter).toBe('promise / P50\n10-14');
    const today = option().series[0].markLine.data[0];
    expect(today.xAxis).toBe(dayStart('2026-09-21'));
    const started = {
      startableNow: true,
      promiseBound: null,
      p50: null,
      p80: null,
      plannedStartDate: null,
      plannedStartBy: null,
    };
    expect(names({ ...forecast, ...started })).toEqual(['today']);
  });

  it('the tooltip names the item, its phase, bars and deadline', () => {
    const text = option().tooltip.formatter({ dataIndex: 2 });
    expect(text).toContain('环评');
    expect(text).toContain('phase:open · binding');
    expect(text).toContain('forecast: 2026-09-17 ~ 2026-10-09');
    expect(text).toContain('deadline: 2026-10-12');
  });

  it('clips a bar to the plot area and drops one wholly outside it', () => {
    const api = {
      value: (d: number) => [0, 100, 300, 1, 0][d]!,
      coord: ([x]: [number, number]) => [x, 15],
      size: () => [0, 30],
    };
    const styles = [{ fill: 'red', stroke: 'red', lineWidth: 1 }];
    expect(
      renderGanttBar({ dataIndex: 0, coordSys: { x: 200, y: 0, width: 50, height: 30 } }, api, styles)!.shape,
    ).toMatchObject({
      x: 200,
      width: 50,
    });
    expect(
      renderGanttBar({ dataIndex: 0, coordSys: { x: 400, y: 0, width: 50, height: 30 } }, api, styles),
    ).toBeNull();
  });

  it('renders (server-side SVG) with rects for the bars and the mark lines', () => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 300 });
    chart.setOption(option());
    const svg = chart.renderToSVGString();
    chart.dispose();
    expect(svg).toContain('S2 环评');
    expect(svg).toContain(GANTT_PHASE_COLORS.open);
    expect(svg).toContain('P80');
  });

  it('an empty route says so', () => {
    expect(option({ ...forecast, items: [] }).title).toMatchObject({ text: 'no data' });
  });
});
