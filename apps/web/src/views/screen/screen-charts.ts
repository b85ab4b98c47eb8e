import type { FunnelDataItem, RateFormatter } from '@luodi/charts';
import type { EChartsCoreOption } from 'echarts/core';

/** One line per stage, "签约 8 · 20.5%" (the conversion from the stage before, none for the first). */
export function funnelScreenLabel(item: FunnelDataItem, formatPercent: RateFormatter): string {
  const head = `${item.name} ${item.value}`;
  return item.conversion === null ? head : `${head} · ${formatPercent(item.conversion)}`;
}

/**
 * The cockpit's funnel made to fit a short panel of the big screen at large fonts: no legend (each
 * slice is labelled with its stage), one label line per stage, the funnel using the panel's height.
 */
export function compactFunnel(option: EChartsCoreOption, formatPercent: RateFormatter): EChartsCoreOption {
  const series = (option.series as Array<Record<string, unknown>> | undefined) ?? [];
  return {
    ...option,
    legend: { show: false },
    series: series.map((one) => ({
      ...one,
      top: 6,
      bottom: 6,
      left: '4%',
      width: '48%',
      label: {
        ...(one.label as Record<string, unknown>),
        formatter: (params: { data: FunnelDataItem }) => funnelScreenLabel(params.data, formatPercent),
      },
    })),
  };
}

/**
 * The trend chart on a short panel: its bars carry their counts, so the count axis drops its tick
 * labels (which crowd at large fonts) and keeps its name; the percent axis stays as it is.
 */
export function barsLabelledTrend(option: EChartsCoreOption): EChartsCoreOption {
  const axes = option.yAxis;
  if (!Array.isArray(axes) || !axes.length) return option;
  const [counts, ...rest] = axes as Array<Record<string, unknown>>;
  return {
    ...option,
    yAxis: [
      { ...counts, axisLabel: { ...(counts!.axisLabel as Record<string, unknown>), show: false } },
      ...rest,
    ],
  };
}
