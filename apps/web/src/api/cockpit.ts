import type * as contracts from '@luodi/contracts';
import { download, http } from './http';

export type ApprovalLightsResponse = contracts.ApprovalLightsResponse;
export type BreakdownDimension = contracts.BreakdownDimension;
export type BreakdownResponse = contracts.BreakdownResponse;
export type CockpitFilters = contracts.CockpitFilters;
export type DashboardSummary = contracts.DashboardSummary;
export type DashboardForecastResponse = contracts.DashboardForecastResponse;
export type ForecastAccuracyResponse = contracts.ForecastAccuracyResponse;
export type DepartmentScorecardResponse = contracts.DepartmentScorecardResponse;
export type FunnelResponse = contracts.FunnelResponse;
export type TrendResponse = contracts.TrendResponse;

/** Only the filters that are set (empty strings and undefined are left out of the query). */
function query(filters: CockpitFilters): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && value !== null && value !== '') out[key] = value as string | number;
  return out;
}

/** The leadership cockpit's endpoints (`GET /api/dashboard/*`, contract in libs/contracts/src/cockpit.ts). */
export const cockpitApi = {
  summary: (filters: CockpitFilters = {}) =>
    http.get<DashboardSummary>('/dashboard/summary', { query: query(filters) }),
  funnel: (filters: CockpitFilters = {}) =>
    http.get<FunnelResponse>('/dashboard/funnel', { query: query(filters) }),
  breakdown: (by: BreakdownDimension, filters: CockpitFilters = {}) =>
    http.get<BreakdownResponse>('/dashboard/breakdown', { query: { ...query(filters), by } }),
  trend: (filters: CockpitFilters = {}) =>
    http.get<TrendResponse>('/dashboard/trend', { query: query(filters) }),
  approvalLights: (filters: CockpitFilters = {}) =>
    http.get<ApprovalLightsResponse>('/dashboard/approvals-by-department', { query: query(filters) }),
  /** 预计开工 (scoped to the caller's projects; costly on the server, cached there). */
  forecast: (filters: { year?: number; asOf?: string } = {}) =>
    http.get<DashboardForecastResponse>('/dashboard/forecast', { query: query(filters) }),
  /** 预测准确度 of the kept month-end forecasts (scoped: a department user gets its own department). */
  forecastAccuracy: (filters: { asOf?: string } = {}) =>
    http.get<ForecastAccuracyResponse>('/dashboard/forecast-accuracy', { query: query(filters) }),
  departments: (year?: number) =>
    http.get<DepartmentScorecardResponse>('/dashboard/departments', { query: year ? { year } : {} }),
  /** The 月度调度 report of a month (`YYYY-MM`) as .xlsx (admin, bureau, leader). */
  report: (month: string, filters: Omit<CockpitFilters, 'asOf'> = {}) =>
    download('/dashboard/report', {
      query: { ...query(filters), month },
      fileName: `luodi-cockpit-${month}.xlsx`,
    }),
};
