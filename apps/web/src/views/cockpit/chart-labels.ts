import type { ApprovalLightsLabels, BreakdownLabels, FunnelLabels, TrendLabels } from '@luodi/charts';
import { formatPercent } from '../../utils/money';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The texts of the cockpit's charts, from the app's messages (the builders take no i18n themselves). */
export function chartLabels(t: Translate) {
  const c = (key: string, values?: Record<string, unknown>) => t(`cockpit.charts.${key}`, values);
  const funnel: FunnelLabels = {
    title: c('pipeline'),
    stages: {
      talks: c('talks'),
      signed: c('signed'),
      registered: c('registered'),
      started: c('started'),
      operating: c('operating'),
      full_production: c('full_production'),
    },
    conversion: c('conversion'),
    noData: c('empty'),
    formatPercent,
  };
  const breakdown: BreakdownLabels = {
    signed: c('signedCount'),
    started: c('startedCount'),
    landingRate: c('landingRate'),
    startRate: c('startRate'),
    countAxis: c('unitProjects'),
    rateAxis: c('unitPercent'),
    none: c('none'),
    noData: c('empty'),
    formatPercent,
  };
  const trend: TrendLabels = {
    signed: c('monthSigned'),
    started: c('monthStarted'),
    investmentRate: c('investmentRate'),
    scheduleRate: c('scheduleRate'),
    countAxis: c('unitProjects'),
    rateAxis: c('unitPercent'),
    month: (month: number) => c('month', { month }),
    noData: c('empty'),
    formatPercent,
  };
  const approvalLights: ApprovalLightsLabels = {
    red: c('red'),
    yellow: c('yellow'),
    green: c('green'),
    countAxis: c('unitCases'),
    noData: c('empty'),
  };
  return { funnel, breakdown, trend, approvalLights };
}
