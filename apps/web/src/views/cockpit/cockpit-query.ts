import type { CockpitFilters } from '@luodi/contracts';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';

/**
 * The cockpit's filters as the address carries them (`/cockpit?year&asOf&source&departmentId`), so a
 * view can be shared or reloaded. The defaults (this year, today) are left out of the address.
 */
export interface CockpitState {
  year: number;
  /** `YYYY-MM-DD`; the figures are as of the end of that day (today: now). */
  asOf: string;
  source: string;
  departmentId: string;
}

/** Where each drill-down list lives in the app. */
export const LIST_PATHS = {
  projects: '/projects',
  approvals: '/approvals',
  alerts: '/alerts',
  'key-works': '/key-works',
  commitments: '/commitments',
} as const;
export type DrillList = keyof typeof LIST_PATHS;

export function listPath(list: DrillList): string {
  return LIST_PATHS[list];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function single(value: LocationQuery[string] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** A real calendar date `YYYY-MM-DD` (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The defaults for a given today (`YYYY-MM-DD` in the district). */
export function defaultState(today: string): CockpitState {
  return { year: Number(today.slice(0, 4)), asOf: today, source: '', departmentId: '' };
}

/**
 * Reads the address; anything malformed (or a future as-of date) falls back to its default. A future
 * as-of date is not dropped silently: `futureAsOf` tells the page to say so.
 */
export function stateFromQuery(query: LocationQuery, today: string): CockpitState {
  const defaults = defaultState(today);
  const year = single(query.year);
  const asOf = single(query.asOf);
  return {
    year: /^\d{4}$/.test(year) && Number(year) >= 2000 ? Number(year) : defaults.year,
    asOf: isCalendarDate(asOf) && asOf <= today ? asOf : defaults.asOf,
    source: single(query.source),
    departmentId: single(query.departmentId),
  };
}

/**
 * The as-of date of the address when it is a real date after today (which the page does not show
 * silently as today: it says so, see CockpitView); null otherwise.
 */
export function futureAsOf(query: LocationQuery, today: string): string | null {
  const asOf = single(query.asOf);
  return isCalendarDate(asOf) && asOf > today ? asOf : null;
}

/** The address of a state: only what differs from the defaults. */
export function stateToQuery(state: CockpitState, today: string): LocationQueryRaw {
  const defaults = defaultState(today);
  const query: Record<string, string> = {};
  if (state.year !== defaults.year) query.year = String(state.year);
  if (state.asOf && state.asOf !== defaults.asOf) query.asOf = state.asOf;
  if (state.source) query.source = state.source;
  if (state.departmentId) query.departmentId = state.departmentId;
  return query;
}

/** The API's filters for a state (as of today means "now": no asOf sent). */
export function stateToFilters(state: CockpitState, today: string): CockpitFilters {
  const filters: CockpitFilters = { year: state.year };
  if (state.asOf && state.asOf !== today) filters.asOf = state.asOf;
  if (state.source) filters.source = state.source;
  if (state.departmentId) filters.departmentId = state.departmentId;
  return filters;
}

/** The month the 月度调度 report defaults to: the as-of date's month (`YYYY-MM`). */
export function reportMonthOf(state: CockpitState): string {
  return state.asOf.slice(0, 7);
}

/** A chart's PNG file name: `<chart>-<year>.png`. */
export function chartFileName(chart: string, year: number): string {
  return `${chart}-${year}.png`;
}
