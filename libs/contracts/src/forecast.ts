import type { ForecastItemState, ForecastPhase } from '@luodi/domain';

/**
 * `GET /api/projects/:id/forecast` (routes-and-forecast.md §3–4): the start-date forecast of a project
 * with a route, and its route as a Gantt (each item's planned and forecast bars).
 */

/** Where an item of the route stands at `asOf` (the milestone clock, mapped to the forecast's states). */
export type ForecastItemStatus = ForecastItemState['state'];

/** 开工风险: level 1 when P80 is after the planned start, 2 when even the promise-bound date is. */
export type ForecastRiskLevel = 0 | 1 | 2;

export interface ForecastGanttItem {
  itemCode: string;
  itemName: string;
  departmentId: string;
  departmentName: string;
  stage: number;
  status: ForecastItemStatus;
  /** The Gantt's colour: decided, open (accepted or suspended), waiting (planned or submitted). */
  phase: ForecastPhase;
  /** The item was rejected (a decided item). */
  rejected: boolean;
  promisedDays: number;
  acceptedOn: string | null;
  decidedOn: string | null;
  /** The clock's deadline (open items). */
  deadline: string | null;
  /** Bar of the promise-bound walk (every item at its promised limit); decided items: their real dates. */
  plannedStart: string | null;
  plannedEnd: string | null;
  /** Bar of the P50 walk (each remaining item at its median duration); decided items: their real dates. */
  forecastStart: string | null;
  forecastEnd: string | null;
  /** On the binding path (关键路径) of the P50 date. */
  onBindingPath: boolean;
  /** After CONSTRUCT's stage (竣工验收): not part of the start forecast, no bars. */
  afterStart: boolean;
}

export interface ProjectForecast {
  projectId: string;
  asOf: string;
  /** Whether the durations came from history (false: every item at its promised days). */
  historyUsed: boolean;
  startableNow: boolean;
  startableSince: string | null;
  constructRejected: boolean;
  promiseBound: string;
  p50: string;
  p80: string;
  plannedStartDate: string | null;
  /** 0: not at risk (or no planned start); see ForecastRiskLevel. */
  atRisk: ForecastRiskLevel;
  bindingItemCode: string | null;
  bindingItemName: string | null;
  bindingDepartmentId: string | null;
  bindingDepartmentName: string | null;
  /** The route's items (a department sees its own; the project-level dates are the whole route's). */
  items: ForecastGanttItem[];
  /** Items of the route not shown to this caller (other departments'). */
  hiddenItems: number;
}
