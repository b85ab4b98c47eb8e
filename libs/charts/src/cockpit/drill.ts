import type { AlertLevel } from '@luodi/contracts';

/**
 * Drill-down: every clickable item of a cockpit chart carries the list (and its query) of the records
 * behind it. ECharts keeps extra fields of data items, so a click handler reads `params.data.drill`.
 */

/** The cockpit's filters as the charts need them, plus how to render (snapshots, big screen). */
export interface DrillContext {
  year: number;
  /** Business date `YYYY-MM-DD` the figures are for. */
  asOfDate: string;
  source?: string;
  departmentId?: string;
  /** Render without animation (server-side snapshots, exports). */
  static?: boolean;
  /** Rendered on the 'dark' theme (big screen): transparent background so the page shows through. */
  dark?: boolean;
  /** Multiplies every font size (the big screen is read from across a room); 1 by default. */
  fontScale?: number;
}

export type DrillList = 'projects' | 'approvals' | 'alerts' | 'key-works' | 'commitments';

/** The list to open and its query parameters (all strings, as in a URL). */
export interface DrillTarget {
  list: DrillList;
  query: Record<string, string>;
}

/** Query values to add; `undefined` ones are left out. */
export type DrillExtra = Record<string, string | number | undefined>;

function compact(entries: DrillExtra): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined && value !== '') query[key] = String(value);
  }
  return query;
}

/**
 * Projects behind a figure: the cockpit's source and department (as `leadDepartmentId`) plus `extra`
 * (which wins on a clash). The year and stage filters are the caller's, see the helpers below.
 */
export function projectsDrill(context: DrillContext, extra: DrillExtra = {}): DrillTarget {
  return {
    list: 'projects',
    query: compact({ source: context.source, leadDepartmentId: context.departmentId, ...extra }),
  };
}

/** Projects signed in the cockpit's year. */
export function signedProjectsDrill(context: DrillContext, extra: DrillExtra = {}): DrillTarget {
  return projectsDrill(context, { year: context.year, ...extra });
}

/** Projects signed in the cockpit's year that reached `stage` by its as-of date. */
export function reachedProjectsDrill(
  context: DrillContext,
  stage: 'registered' | 'started' | 'operating' | 'full_production',
  extra: DrillExtra = {},
): DrillTarget {
  return projectsDrill(context, { year: context.year, reached: stage, asOf: context.asOfDate, ...extra });
}

/** Milestones (approvals) of the cockpit's department plus `extra`. */
export function approvalsDrill(context: DrillContext, extra: DrillExtra = {}): DrillTarget {
  return { list: 'approvals', query: compact({ departmentId: context.departmentId, ...extra }) };
}

/** Alerts of the cockpit's department plus `extra`. */
export function alertsDrill(context: DrillContext, extra: DrillExtra = {}): DrillTarget {
  return { list: 'alerts', query: compact({ departmentId: context.departmentId, ...extra }) };
}

/**
 * The key works of the cockpit's year, narrowed as the key-work figures are (the project's source and
 * lead department) plus `extra` (`plannedStart: 'true'` for the 计划新开工 of 重点工程开工率).
 */
export function keyWorksDrill(context: DrillContext, extra: DrillExtra = {}): DrillTarget {
  return {
    list: 'key-works',
    query: compact({
      year: context.year,
      source: context.source,
      leadDepartmentId: context.departmentId,
      ...extra,
    }),
  };
}

/** Approvals counted at the cockpit's as-of date (按期办结率's 办结 N 件, 逾期未办), with its source. */
function approvalsAsOfDrill(context: DrillContext, extra: DrillExtra): DrillTarget {
  return approvalsDrill(context, { source: context.source, asOf: context.asOfDate, ...extra });
}

/** The KPI cards of the cockpit that open a list. */
export type KpiDrillKind =
  | 'signed'
  | 'amount'
  | 'funds'
  | 'landing'
  | 'start'
  | 'keyWorks'
  | 'keyWorkStart'
  | 'investment'
  | 'onTime'
  | 'overdue'
  | 'alerts';

/** The list behind a KPI card; `level` narrows the alerts card to one level. */
export function kpiDrill(kind: KpiDrillKind, context: DrillContext, level?: AlertLevel): DrillTarget {
  switch (kind) {
    case 'signed':
    case 'amount':
    case 'funds':
      return signedProjectsDrill(context);
    case 'landing':
      return reachedProjectsDrill(context, 'registered');
    case 'start':
      return reachedProjectsDrill(context, 'started');
    case 'keyWorks':
    case 'investment':
      return keyWorksDrill(context);
    case 'keyWorkStart':
      return keyWorksDrill(context, { plannedStart: 'true' });
    case 'onTime':
      return approvalsAsOfDrill(context, { decidedYear: context.year });
    case 'overdue':
      return approvalsAsOfDrill(context, { overdue: 'true' });
    case 'alerts':
      return alertsDrill(context, { level, status: 'unresolved' });
  }
}

const DRILL_LISTS: readonly DrillList[] = ['projects', 'approvals', 'alerts', 'key-works', 'commitments'];

/**
 * The drill target of a clicked item: ECharts' click `params.data.drill`, or undefined when the item
 * leads nowhere (reference lines, the group without a key, anything else).
 */
export function drillOf(params: unknown): DrillTarget | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const data = (params as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return undefined;
  const drill = (data as { drill?: unknown }).drill;
  if (typeof drill !== 'object' || drill === null) return undefined;
  const { list, query } = drill as Partial<DrillTarget>;
  if (!DRILL_LISTS.includes(list as DrillList) || typeof query !== 'object' || query === null)
    return undefined;
  return { list: list as DrillList, query: { ...query } };
}

/** First and last day (`YYYY-MM-DD`) of a month given as `YYYY-MM`. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, monthNumber] = month.split('-').map(Number);
  // Day 0 of the next month is the last day of this one (UTC, so no time zone shifts it).
  const lastDay = new Date(Date.UTC(year!, monthNumber!, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(lastDay).padStart(2, '0')}` };
}
