import type { LocationQuery } from 'vue-router';

/**
 * The cockpit's drill-down filters of the approvals and key-works lists, read from the address, and
 * their description as closable tags (as the project list's `project-drill.ts`): the list then says
 * what it is filtered by and its total equals the figure clicked.
 */
type Translate = (key: string, values?: Record<string, unknown>) => string;

export interface ListDrillTag {
  /** The address keys this tag stands for (closing it removes them). */
  keys: string[];
  text: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^\d{4}$/;

function single(query: LocationQuery, key: string, pattern?: RegExp): string | undefined {
  const value = Array.isArray(query[key]) ? query[key][0] : query[key];
  const text = typeof value === 'string' ? value.trim() : '';
  return text && (!pattern || pattern.test(text)) ? text : undefined;
}

/** 按期办结率's 办结 N 件 (`decidedYear`), 逾期未办 (`overdue`), at `asOf`, of a source. */
export interface ApprovalDrill {
  decidedYear?: string;
  overdue?: boolean;
  asOf?: string;
  source?: string;
}

export function approvalDrillFromQuery(query: LocationQuery): ApprovalDrill {
  const drill: ApprovalDrill = {};
  const decidedYear = single(query, 'decidedYear', YEAR);
  if (decidedYear) drill.decidedYear = decidedYear;
  if (single(query, 'overdue') === 'true') drill.overdue = true;
  const asOf = single(query, 'asOf', DATE);
  if (asOf && (drill.decidedYear || drill.overdue)) drill.asOf = asOf;
  const source = single(query, 'source');
  if (source) drill.source = source;
  return drill;
}

export function approvalDrillTags(drill: ApprovalDrill, t: Translate): ListDrillTag[] {
  const m = (key: string, values?: Record<string, unknown>) => t(`approvals.drill.${key}`, values);
  const tags: ListDrillTag[] = [];
  if (drill.decidedYear)
    tags.push({
      keys: ['decidedYear', 'asOf'],
      text: drill.asOf
        ? m('decidedYearAsOf', { year: drill.decidedYear, date: drill.asOf })
        : m('decidedYear', { year: drill.decidedYear }),
    });
  if (drill.overdue)
    tags.push({
      keys: ['overdue', 'asOf'],
      text: drill.asOf ? m('overdueAsOf', { date: drill.asOf }) : m('overdue'),
    });
  if (drill.source) tags.push({ keys: ['source'], text: m('source', { value: drill.source }) });
  return tags;
}

/** 重点工程开工率's 计划新开工 N 项 (`plannedStart`), of a source and lead department. */
export interface KeyWorkDrill {
  plannedStart?: boolean;
  source?: string;
  leadDepartmentId?: string;
}

export function keyWorkDrillFromQuery(query: LocationQuery): KeyWorkDrill {
  const drill: KeyWorkDrill = {};
  if (single(query, 'plannedStart') === 'true') drill.plannedStart = true;
  const source = single(query, 'source');
  if (source) drill.source = source;
  const leadDepartmentId = single(query, 'leadDepartmentId');
  if (leadDepartmentId) drill.leadDepartmentId = leadDepartmentId;
  return drill;
}

export function keyWorkDrillTags(
  drill: KeyWorkDrill,
  t: Translate,
  departmentName: (id: string) => string = (id) => id,
): ListDrillTag[] {
  const tags: ListDrillTag[] = [];
  if (drill.plannedStart) tags.push({ keys: ['plannedStart'], text: t('keyWorks.drill.plannedStart') });
  if (drill.source)
    tags.push({ keys: ['source'], text: t('projects.drill.source', { value: drill.source }) });
  if (drill.leadDepartmentId)
    tags.push({
      keys: ['leadDepartmentId'],
      text: t('projects.drill.department', { value: departmentName(drill.leadDepartmentId) }),
    });
  return tags;
}
