import type {
  ApprovalLightsResponse,
  BreakdownResponse,
  FunnelResponse,
  TrendResponse,
} from '@luodi/contracts';
import type { ApprovalLightsLabels } from '../approval-lights';
import type { BreakdownLabels } from '../breakdown';
import type { DrillContext } from '../drill';
import type { FunnelLabels } from '../funnel';
import type { TrendLabels } from '../trend';

/** Fixed cockpit answers (the demo district's shape, mid-June) for the chart tests. */

/** One decimal, as the app's formatPercent shows rates. */
export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export const context: DrillContext = { year: 2025, asOfDate: '2025-06-15' };

export const funnel: FunnelResponse = {
  year: 2025,
  asOfDate: '2025-06-15',
  stages: [
    { stage: 'talks', count: 39 },
    { stage: 'signed', count: 8 },
    { stage: 'registered', count: 5 },
    { stage: 'started', count: 3 },
    { stage: 'operating', count: 0 },
  ],
};

export const funnelLabels: FunnelLabels = {
  title: '项目漏斗',
  stages: {
    talks: '在谈',
    signed: '签约',
    registered: '落地',
    started: '开工',
    operating: '投产',
    full_production: '达产',
  },
  conversion: '转化率',
  noData: '暂无数据',
  formatPercent,
};

export const breakdown: BreakdownResponse = {
  year: 2025,
  asOfDate: '2025-06-15',
  by: 'source',
  items: [
    {
      key: '沪洽会',
      signedCount: 4,
      contractAmount: '180000.00',
      registeredCount: 3,
      landingRate: 0.75,
      startedCount: 2,
      startRate: 0.5,
    },
    {
      key: '港洽会',
      signedCount: 2,
      contractAmount: '90000.00',
      registeredCount: 1,
      landingRate: 0.5,
      startedCount: 1,
      startRate: 0.5,
    },
    {
      key: '中博会',
      signedCount: 1,
      contractAmount: '30000.00',
      registeredCount: 1,
      landingRate: 1,
      startedCount: 0,
      startRate: 0,
    },
    {
      key: '',
      signedCount: 1,
      contractAmount: '20000.00',
      registeredCount: 0,
      landingRate: 0,
      startedCount: 0,
      startRate: 0,
    },
  ],
};

export const breakdownLabels: BreakdownLabels = {
  signed: '签约项目',
  started: '开工项目',
  landingRate: '落地率',
  startRate: '开工率',
  countAxis: '个',
  rateAxis: '比率',
  none: '未填写',
  noData: '暂无数据',
  formatPercent,
};

const SIGNED = [1, 2, 0, 3, 1, 1];
const STARTED = [0, 1, 0, 1, 1, 0];
const CUMULATIVE = ['12000.00', '30000.00', '52000.00', '80000.00', '101000.00', '118000.00'];
const PLAN = 240000;

export const trend: TrendResponse = {
  year: 2025,
  asOfDate: '2025-06-15',
  annualPlanInvestment: '240000.00',
  months: Array.from({ length: 12 }, (_, index) => {
    const month = `2025-${String(index + 1).padStart(2, '0')}`;
    const begun = index < 6;
    const cumulative = begun ? CUMULATIVE[index]! : null;
    return {
      month,
      signedCount: begun ? SIGNED[index]! : null,
      contractAmount: begun ? `${SIGNED[index]! * 40000}.00` : null,
      startedCount: begun ? STARTED[index]! : null,
      completedInvestment: begun
        ? `${Number(cumulative) - (index === 0 ? 0 : Number(CUMULATIVE[index - 1]))}.00`
        : null,
      cumulativeInvestment: cumulative,
      investmentRate: cumulative === null ? null : Number(cumulative) / PLAN,
      scheduleRate: (index + 1) / 12,
    };
  }),
};

export const trendLabels: TrendLabels = {
  signed: '签约项目',
  started: '开工项目',
  investmentRate: '投资完成率',
  scheduleRate: '序时进度',
  countAxis: '个',
  rateAxis: '比率',
  month: (month) => `${month}月`,
  noData: '暂无数据',
  formatPercent,
};

export const approvalLights: ApprovalLightsResponse = {
  asOfDate: '2025-06-15',
  items: [
    { departmentId: 'd-nr', departmentName: '自然资源局', green: 3, yellow: 1, red: 4 },
    { departmentId: 'd-dev', departmentName: '发展和改革委员会', green: 5, yellow: 2, red: 2 },
    { departmentId: 'd-env', departmentName: '生态环境局', green: 2, yellow: 0, red: 1 },
    { departmentId: 'd-hous', departmentName: '住房和城乡建设局', green: 6, yellow: 3, red: 0 },
    { departmentId: 'd-mkt', departmentName: '市场监督管理局', green: 1, yellow: 0, red: 0 },
  ],
};

export const approvalLightsLabels: ApprovalLightsLabels = {
  red: '逾期',
  yellow: '临期',
  green: '正常',
  countAxis: '件',
  noData: '暂无数据',
};
