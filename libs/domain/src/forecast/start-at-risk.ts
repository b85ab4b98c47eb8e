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
function monthEnd(month: string): IsoDate {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

/**
 * Level 1 when the P80 date is after the planned start (the planned start date, else the end of the
 * planned start month); level 2 when even the promise-bound date is after it (the departments' own
 * promises cannot make it). It names the binding item and department (the project's lead department
 * when there is none). null: no planned start, startable now, CONSTRUCT rejected, or not at risk.
 */
export function startAtRiskCondition(facts: StartAtRiskFacts): StartAtRiskCondition | null {
  const { forecast } = facts;
  const limit =
    facts.plannedStartDate ?? (facts.plannedStartMonth ? monthEnd(facts.plannedStartMonth) : null);
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
      promiseBound: forecast.promiseBound,
      p50: forecast.p50,
      p80: forecast.p80,
      bindingItem: forecast.binding?.code ?? null,
      bindingDepartmentId: forecast.binding?.departmentId ?? null,
    },
  };
}
