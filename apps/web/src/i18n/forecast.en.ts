import type { ForecastPhase } from '@luodi/domain';
import type forecastZhCN from './forecast.zh-CN';
/** Start forecast messages (en): the project page's forecast card and its Gantt. */
const forecastEn: typeof forecastZhCN = {
  forecast: {
    card: {
      title: 'Forecast start',
      asOf: 'as of {date}',
      promiseBound: 'Promise-bound',
      promiseBoundHint: 'the start if every department decides at its promised limit',
      p50: 'P50 date',
      p50Hint: 'an even chance of starting by then',
      p80: 'P80 date',
      p80Hint: 'an 80% chance of starting by then',
      plannedStart: 'Planned start',
      noPlannedStart: 'no planned start date',
      startableNow: 'Construction permit approved: may start now ({date})',
      constructRejected: 'Construction permit rejected: no forecast until a new application',
      risk: { 0: 'On time', 1: 'Start at risk', 2: 'Start badly late' },
      binding: 'Binding item: {item} ({department})',
      noHistory: 'No decision history yet: forecast on promised days',
      hidden: '{n} item(s) of other departments not shown',
      noRoute: 'Apply an approval route to forecast the start',
      legend: { planned: 'Promised limit', path: 'Binding path' },
      phases: { decided: 'Decided', open: 'Open', waiting: 'Not started' } satisfies Record<
        ForecastPhase,
        string
      >,
      chart: {
        today: 'Today',
        promiseBound: 'Promise',
        p50: 'P50',
        p80: 'P80',
        plannedStart: 'Planned',
        plannedBar: 'Promised',
        forecastBar: 'Forecast',
        deadline: 'Deadline',
        bindingPath: 'binding path',
        rejected: 'Rejected',
        noData: 'No items to show',
      },
      stage: 'S{n}',
    },
  },
};
export default forecastEn;
