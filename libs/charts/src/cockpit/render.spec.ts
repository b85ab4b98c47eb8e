// @vitest-environment node
import { BarChart, FunnelChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import {
  approvalLights,
  approvalLightsLabels,
  breakdown,
  breakdownLabels,
  context,
  funnel,
  funnelLabels,
  trend,
  trendLabels,
} from './__fixtures__/cockpit-data';
import { approvalLightsOption } from './approval-lights';
import { breakdownOption } from './breakdown';
import type { DrillContext } from './drill';
import { funnelOption } from './funnel';
import { trendOption } from './trend';

/**
 * Server-side SVG renders of every cockpit chart compared with committed snapshots (what the app
 * draws, byte for byte). Update with `npx vitest run --project web libs/charts -u` and look at them.
 */
echarts.use([
  SVGRenderer,
  FunnelChart,
  BarChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
]);

const staticContext: DrillContext = { ...context, static: true };
const screenContext: DrillContext = { ...context, static: true, dark: true, fontScale: 1.6 };

/**
 * ZRender names CSS classes and clip paths after a process-wide instance and class counter; number
 * them by first appearance so a render does not depend on what was rendered before it.
 */
function normalizeIds(svg: string): string {
  const classes = new Map<string, string>();
  return svg
    .replace(/zr\d+-cls-\d+/g, (id) => {
      if (!classes.has(id)) classes.set(id, `zr-cls-${classes.size}`);
      return classes.get(id)!;
    })
    .replace(/zr\d+-c(\d+)/g, 'zr-c$1');
}

function renderSvg(option: EChartsCoreOption, theme?: string, width = 800, height = 400): string {
  const chart = echarts.init(null, theme ?? null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return normalizeIds(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

const charts: Array<[name: string, build: () => EChartsCoreOption, theme?: string]> = [
  ['funnel', () => funnelOption(funnel, funnelLabels, staticContext)],
  ['breakdown', () => breakdownOption(breakdown, breakdownLabels, staticContext)],
  [
    'breakdown-horizontal',
    () => breakdownOption(breakdown, breakdownLabels, staticContext, { orientation: 'horizontal' }),
  ],
  ['trend', () => trendOption(trend, trendLabels, staticContext)],
  ['approval-lights', () => approvalLightsOption(approvalLights, approvalLightsLabels, staticContext)],
  ['trend-screen', () => trendOption(trend, trendLabels, screenContext), 'dark'],
];

describe('cockpit charts rendered server-side (SVG)', () => {
  it.each(charts)('%s matches its snapshot', async (name, build, theme) => {
    const svg = renderSvg(build(), theme);
    expect(svg.startsWith('<svg')).toBe(true);
    await expect(svg).toMatchFileSnapshot(`./__snapshots__/${name}.svg`);
  });

  it.each(charts)('%s renders the same twice', (_name, build, theme) => {
    expect(renderSvg(build(), theme)).toBe(renderSvg(build(), theme));
  });
});
