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
  /** The project's milestone for this item of the route. */
  milestoneId: string;
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

/**
 * The item whose delay moves the start most (api.md: `{ milestoneId, itemCode, departmentId }`); the
 * names are extras for the card (the department's name is given even when its item is hidden).
 */
export interface ForecastBinding {
  milestoneId: string;
  itemCode: string;
  departmentId: string;
  itemName: string | null;
  departmentName: string | null;
}

export interface ProjectForecast {
  projectId: string;
  asOf: string;
  /** Whether the durations came from history (false: every item at its promised days). */
  historyUsed: boolean;
  startableNow: boolean;
  startableSince: string | null;
  constructRejected: boolean;
  /** 承诺日期, P50, P80 (`YYYY-MM-DD`); null once the project has started (CONSTRUCT decided). */
  promiseBound: string | null;
  p50: string | null;
  p80: string | null;
  /** The project's own planned start date. */
  plannedStartDate: string | null;
  /**
   * A key work's planned start month (`YYYY-MM`, its key work of `asOf`'s year) when the project has no
   * plannedStartDate; null otherwise.
   */
  plannedStartMonth: string | null;
  /**
   * The day the start is held against (routes-and-forecast §3): plannedStartDate, else the last day of
   * plannedStartMonth; null when neither is known (no risk then).
   */
  plannedStartBy: string | null;
  /** 0: not at risk (or no planned start); see ForecastRiskLevel. */
  atRisk: ForecastRiskLevel;
  /**
   * 关键路径: the milestone ids of the P50 date's binding path, upstream first, CONSTRUCT last (empty
   * when started). A department gets the whole path, ids of items it cannot see included (see `items`).
   */
  bindingPath: string[];
  /** null when started (or CONSTRUCT rejected). */
  binding: ForecastBinding | null;
  /** The route's items (a department sees its own; the project-level dates are the whole route's). */
  items: ForecastGanttItem[];
  /** Items of the route not shown to this caller (other departments'). */
  hiddenItems: number;
}

/**
 * `GET /api/dashboard/forecast?year&asOf` (routes-and-forecast.md §4, the cockpit's 预计开工): the
 * caller's visible projects with a route (a department user: its own scope's projects).
 */
export interface ForecastMonth {
  /** `YYYY-MM`. */
  month: string;
  /**
   * Projects not yet started whose planned start falls in the month (plannedStartDate, or a key work's
   * planned start month when it has none).
   */
  planned: number;
  /** Projects not yet started whose P50 start falls in the month. */
  p50: number;
  /** The ids of the `planned` projects (the bar's drill: `/projects?ids=…`). */
  plannedIds: string[];
  /** The ids of the `p50` projects. */
  p50Ids: string[];
}

export interface ForecastAtRiskProject {
  projectId: string;
  projectName: string;
  p80: string;
  /** The day the start is held against (the forecast's plannedStartBy). */
  plannedStartDate: string;
  /** Set (`YYYY-MM`) when plannedStartDate is a key work's planned start month's last day. */
  plannedStartMonth: string | null;
  /** Calendar days from plannedStartDate to P80 (the sort key, largest first). */
  daysLate: number;
  level: ForecastRiskLevel;
  binding: ForecastBinding | null;
}

/** Route working days used by one department's items, median over the routes it is on. */
export interface ForecastRouteDaysRow {
  departmentId: string;
  departmentName: string;
  /** Routes (projects) on which the department has at least one started item. */
  projects: number;
  medianUsedDays: number;
  /** The median targetDays of those routes. */
  medianTargetDays: number;
  /** Of those, routes on which the department's used days exceed the route's targetDays. */
  overTarget: number;
}

export interface DashboardForecastResponse {
  year: number;
  asOf: string;
  /** Projects forecast (not yet started, with a route and CONSTRUCT on it). */
  projects: number;
  byMonth: ForecastMonth[];
  /** At most ten, most late first. */
  atRisk: ForecastAtRiskProject[];
  routeDaysByDepartment: ForecastRouteDaysRow[];
}
