import type { DashboardSummary } from '@luodi/contracts';

/** The demo district's figures (domain §7). */
export const demoSummary: DashboardSummary = {
  year: 2026,
  asOf: '2026-05-18T06:00:00.000Z',
  asOfDate: '2026-05-18',
  negotiatingCount: 31,
  signedCount: 8,
  contractAmount: '320000.00',
  registeredCount: 5,
  landingRate: 0.625,
  startedCount: 3,
  startRate: 0.375,
  fundsArrived: '48000.00',
  fundsRate: 0.15,
  keyWorks: {
    count: 78,
    plannedStartCount: 20,
    startedCount: 9,
    startRate: 0.45,
    annualPlanInvestment: '1000000.00',
    completedInvestment: '150000.00',
    investmentRate: 0.15,
    scheduleRate: 4 / 12,
  },
  approvals: { decidedCount: 40, onTimeCount: 34, onTimeRate: 0.85, overdueOpen: 4 },
  alerts: { level1: 5, level2: 3, level3: 2, total: 10 },
  problems: {
    open: 12,
    overdue: 3,
    closedInPeriod: 7,
    onTimeRate: 5 / 7,
    medianWorkingDaysToClose: 9,
    byCategory: [{ category: 'land', open: 5, overdue: 2 }],
    byOwner: [{ departmentId: '3', departmentName: '自然资源局', open: 5, overdue: 2 }],
  },
};
