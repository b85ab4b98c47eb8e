import type { IsoDate } from '../business-time';
import { AlertKind, type Condition } from '../alerts/alert-rules';
import type { StartForecast } from './start-forecast';

/**
 * The `start_at_risk` condition (routes-and-forecast §3), raised by the checks' project source
 * (libs/server-core/src/checks/sources/project.source.ts) and shown by the forecast.
 */
export const START_AT_RISK_KIND = AlertKind.start_at_risk;

export type StartAtRiskCondition = Condition & { kind: typeof START_AT_RISK_KIND };

export interface StartAtRiskFacts {
  projectId: string;
  /** The department named when the forecast has no binding item (startable now never gets here). */
  leadDepartmentId: string;
  /** The project's planned start date; null when only a key work's planned start month is known. */
  plannedStartDate: IsoDate | null;
  /** A key work's planned start month (`YYYY-MM`): its last day is the limit. */
  plannedStartMonth?: string | null;
  forecast: StartForecast;
}

/** The last day of a `YYYY-MM` month. */
export function monthEnd(month: string): IsoDate {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

/** A key work's planned start month as `YYYY-MM` (its year and month 1–12); null without a month. */
export function keyWorkStartMonth(year: number, month: number | null | undefined): string | null {
  if (!month || month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The planned start a forecast is held against. */
export interface PlannedStart {
  /** The day the start is due: the project's plannedStartDate, else the last day of `month`. */
  by: IsoDate;
  /** `YYYY-MM` when the limit is a key work's planned start month (no plannedStartDate); else null. */
  month: string | null;
}

/**
 * The planned start of routes-and-forecast §3: the project's `plannedStartDate` when set; otherwise,
 * when the project is a key work (of the forecast's year) with a planned start month, the last day of
 * that month (a P80 after the month is at risk, one within it is not). null: neither is known.
 */
export function plannedStartOf(
  plannedStartDate: IsoDate | null | undefined,
  plannedStartMonth?: string | null,
): PlannedStart | null {
  if (plannedStartDate) return { by: plannedStartDate, month: null };
  if (plannedStartMonth) return { by: monthEnd(plannedStartMonth), month: plannedStartMonth };
  return null;
}

/**
 * Level 1 when the P80 date is after the planned start (the planned start date, else the end of the
 * planned start month); level 2 when even the promise-bound date is after it (the departments' own
 * promises cannot make it). It names the binding item and department (the project's lead department
 * when there is none). null: no planned start, startable now, CONSTRUCT rejected, or not at risk.
 */
export function startAtRiskCondition(facts: StartAtRiskFacts): StartAtRiskCondition | null {
  const { forecast } = facts;
  const planned = plannedStartOf(facts.plannedStartDate, facts.plannedStartMonth);
  const limit = planned?.by ?? null;
  if (!limit || forecast.startableNow || forecast.constructRejected) return null;
  if (forecast.p80 <= limit && forecast.promiseBound <= limit) return null;
  const level: 1 | 2 = forecast.promiseBound > limit ? 2 : 1;
  return {
    kind: START_AT_RISK_KIND,
    subjectType: 'project',
    subjectId: facts.projectId,
    departmentId: forecast.binding?.departmentId ?? facts.leadDepartmentId,
    projectId: facts.projectId,
    level,
    detail: {
      plannedStart: limit,
      plannedMonth: planned?.month ?? null,
      promiseBound: forecast.promiseBound,
      p50: forecast.p50,
      p80: forecast.p80,
      bindingItem: forecast.binding?.code ?? null,
      bindingDepartmentId: forecast.binding?.departmentId ?? null,
    },
  };
}
