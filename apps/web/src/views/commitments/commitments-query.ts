import { COMMITMENT_LIST_FILTERS } from '@luodi/domain';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { FilterUrl } from '../../composables/usePagedList';
import type { CommitmentListFilter, CommitmentListQuery } from '../../api/commitments';

/**
 * The 履约 list's query as the address carries it (`/commitments?filter&year&asOf&source&
 * leadDepartmentId&indicator&from&to`): the cockpit's figures open it with their filter.
 */
const PER_MU = ['tax_per_mu', 'output_per_mu'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^\d{1,12}(\.\d{1,4})?$/;
const ID = /^\d{1,18}$/;

function single(value: LocationQuery[string] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** The list's query from the address; values that are not well-formed are left out. */
export function commitmentQueryFrom(query: LocationQuery): CommitmentListQuery {
  const out: CommitmentListQuery = {};
  const filter = single(query.filter);
  if ((COMMITMENT_LIST_FILTERS as readonly string[]).includes(filter))
    out.filter = filter as CommitmentListFilter;
  const year = single(query.year);
  if (/^\d{4}$/.test(year)) out.year = year;
  const asOf = single(query.asOf);
  if (DATE.test(asOf)) out.asOf = asOf;
  const source = single(query.source);
  if (source) out.source = source.slice(0, 64);
  const department = single(query.leadDepartmentId);
  if (ID.test(department)) out.leadDepartmentId = department;
  if (out.filter === 'per_mu') {
    const indicator = single(query.indicator);
    if ((PER_MU as readonly string[]).includes(indicator))
      out.indicator = indicator as (typeof PER_MU)[number];
    const from = single(query.from);
    const to = single(query.to);
    if (DECIMAL.test(from)) out.from = from;
    if (DECIMAL.test(to)) out.to = to;
  }
  return out;
}

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** A closable tag of the drill bar: what it says and the address keys it removes. */
export interface CommitmentDrillTag {
  keys: readonly string[];
  text: string;
}

/** The tags of what the list is narrowed by (the figure, the year and as-of date, source, department). */
export function commitmentDrillTags(
  query: CommitmentListQuery,
  t: Translate,
  departmentName: (id: string) => string,
): CommitmentDrillTag[] {
  const tags: CommitmentDrillTag[] = [];
  if (query.filter) {
    const text =
      query.filter === 'per_mu' && query.indicator
        ? t('commitments.list.perMu', {
            indicator: t(`commitments.indicators.${query.indicator}`),
            from: query.from ?? '0',
            to: query.to ?? '∞',
          })
        : t(`commitments.filters.${query.filter}`);
    tags.push({ keys: ['filter', 'indicator', 'from', 'to'], text });
  }
  if (query.year) tags.push({ keys: ['year'], text: t('commitments.list.year', { year: query.year }) });
  if (query.asOf) tags.push({ keys: ['asOf'], text: t('commitments.list.asOf', { date: query.asOf }) });
  if (query.source) tags.push({ keys: ['source'], text: query.source });
  if (query.leadDepartmentId)
    tags.push({ keys: ['leadDepartmentId'], text: departmentName(query.leadDepartmentId) });
  return tags;
}

/** The address keys of the list's query. */
const QUERY_KEYS = [
  'filter',
  'year',
  'asOf',
  'source',
  'leadDepartmentId',
  'indicator',
  'from',
  'to',
] as const;

/** The address of a query (only what it names), the inverse of `commitmentQueryFrom`. */
export function commitmentAddress(query: CommitmentListQuery): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  for (const key of QUERY_KEYS) if (query[key] !== undefined) out[key] = query[key];
  return out;
}

/** The list's query in the address, for `usePagedList` (with the page: `page=N` from page 2 on). */
export const commitmentUrl: FilterUrl<CommitmentListQuery> = {
  read: commitmentQueryFrom,
  write: commitmentAddress,
  keys: QUERY_KEYS,
};
