import type { LocationQuery } from 'vue-router';
import type { ProjectFilters } from '../api/projects';

/**
 * The drill-down filters of the project list (what a cockpit card or chart opens it with), read from
 * the address, and their description as closable tags: "2026年签约 · 截至2026-11-25已开工 · 来源 沪洽会".
 */
export const REACHED_STAGES = ['registered', 'started', 'operating', 'full_production'] as const;
export type ReachedStage = (typeof REACHED_STAGES)[number];

/** The project list's filters a drill-down sets. */
export type ProjectDrillFilters = Pick<
  ProjectFilters,
  | 'year'
  | 'source'
  | 'industry'
  | 'leadDepartmentId'
  | 'reached'
  | 'asOf'
  | 'talksYear'
  | 'signedFrom'
  | 'signedTo'
  | 'startedFrom'
  | 'startedTo'
  | 'plannedStartFrom'
  | 'plannedStartTo'
  | 'ids'
> & {
  /** Web-only (never sent): the 预计开工 bar an `ids` list came from, for its tag. */
  forecastMonth?: string;
  forecastBar?: ForecastBar;
};

/** The two bars of the cockpit's 预计开工 chart: planned starts and P50 starts of a month. */
export const FORECAST_BARS = ['planned', 'p50'] as const;
export type ForecastBar = (typeof FORECAST_BARS)[number];

/** The keys the tags describe (clearing the tags removes them all). */
export const DRILL_KEYS = [
  'year',
  'talksYear',
  'reached',
  'asOf',
  'signedFrom',
  'signedTo',
  'startedFrom',
  'startedTo',
  'plannedStartFrom',
  'plannedStartTo',
  'ids',
  'forecastMonth',
  'forecastBar',
  'source',
  'industry',
  'leadDepartmentId',
] as const satisfies ReadonlyArray<keyof ProjectDrillFilters>;
export type DrillKey = (typeof DRILL_KEYS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^\d{4}$/;
const MONTH = /^\d{4}-\d{2}$/;
const IDS = /^\d{1,19}(,\d{1,19})*$/;

function single(value: LocationQuery[string] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** The drill filters of an address; malformed values are left out (never sent to the API). */
export function drillFromQuery(query: LocationQuery): ProjectDrillFilters {
  const pick = (key: string, pattern?: RegExp) => {
    const value = single(query[key]);
    return value && (!pattern || pattern.test(value)) ? value : undefined;
  };
  const reached = pick('reached');
  const out: ProjectDrillFilters = {
    year: pick('year', YEAR),
    source: pick('source'),
    industry: pick('industry'),
    leadDepartmentId: pick('leadDepartmentId'),
    reached: (REACHED_STAGES as readonly string[]).includes(reached ?? '')
      ? (reached as ReachedStage)
      : undefined,
    asOf: pick('asOf', DATE),
    talksYear: pick('talksYear', YEAR),
    signedFrom: pick('signedFrom', DATE),
    signedTo: pick('signedTo', DATE),
    startedFrom: pick('startedFrom', DATE),
    startedTo: pick('startedTo', DATE),
    plannedStartFrom: pick('plannedStartFrom', DATE),
    plannedStartTo: pick('plannedStartTo', DATE),
    ids: pick('ids', IDS),
  };
  if (out.ids) {
    const bar = pick('forecastBar');
    out.forecastMonth = pick('forecastMonth', MONTH);
    out.forecastBar = (FORECAST_BARS as readonly string[]).includes(bar ?? '')
      ? (bar as ForecastBar)
      : undefined;
  }
  for (const key of Object.keys(out) as Array<keyof ProjectDrillFilters>)
    if (out[key] === undefined) delete out[key];
  return out;
}

export interface DrillTag {
  /** The address keys this tag stands for (closing it removes them). */
  keys: DrillKey[];
  text: string;
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The active drill filters as tags, in reading order. */
export function drillTags(
  filters: ProjectDrillFilters,
  t: Translate,
  departmentName: (id: string) => string = (id) => id,
): DrillTag[] {
  const m = (key: string, values?: Record<string, unknown>) => t(`projects.drill.${key}`, values);
  const tags: DrillTag[] = [];
  const { year, talksYear, reached, asOf } = filters;
  if (year) tags.push({ keys: ['year'], text: m('signedYear', { year }) });
  if (talksYear)
    tags.push(
      asOf && !reached
        ? { keys: ['talksYear', 'asOf'], text: m('talksYearAsOf', { year: talksYear, date: asOf }) }
        : { keys: ['talksYear'], text: m('talksYear', { year: talksYear }) },
    );
  if (reached) {
    const stage = m(`stages.${reached}`);
    tags.push(
      asOf
        ? { keys: ['reached', 'asOf'], text: m('reachedAsOf', { stage, date: asOf }) }
        : { keys: ['reached'], text: m('reached', { stage }) },
    );
  }
  const range = (kind: 'signed' | 'started' | 'plannedStart', from?: string, to?: string) => {
    const keys: DrillKey[] = [`${kind}From`, `${kind}To`];
    if (from && to) tags.push({ keys, text: m(`${kind}Range`, { from, to }) });
    else if (from) tags.push({ keys, text: m(`${kind}From`, { from }) });
    else if (to) tags.push({ keys, text: m(`${kind}To`, { to }) });
  };
  range('signed', filters.signedFrom, filters.signedTo);
  range('started', filters.startedFrom, filters.startedTo);
  range('plannedStart', filters.plannedStartFrom, filters.plannedStartTo);
  if (filters.ids) {
    const n = filters.ids.split(',').length;
    const keys: DrillKey[] = ['ids', 'forecastMonth', 'forecastBar'];
    const { forecastMonth: month, forecastBar: bar } = filters;
    tags.push({
      keys,
      text: month && bar ? m(`forecast.${bar}`, { month, n }) : m('ids', { n }),
    });
  }
  if (filters.source) tags.push({ keys: ['source'], text: m('source', { value: filters.source }) });
  if (filters.industry) tags.push({ keys: ['industry'], text: m('industry', { value: filters.industry }) });
  if (filters.leadDepartmentId)
    tags.push({
      keys: ['leadDepartmentId'],
      text: m('department', { value: departmentName(filters.leadDepartmentId) }),
    });
  return tags;
}

/** An address query without the given keys (and without `page`: the list starts over). */
export function withoutKeys(query: LocationQuery, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (keys.includes(key) || key === 'page') continue;
    const text = single(value);
    if (text) out[key] = text;
  }
  return out;
}
