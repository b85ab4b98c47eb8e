import type { IsoDate } from '../business-time';
import type { WorkingCalendar } from '../calendar/working-calendar';

/** One kept forecast (the month-end snapshot of a project). */
export interface ForecastSnapshot {
  projectId: string;
  /**
   * The department the snapshot is counted under (its binding department); null when the forecast
   * named none — then it counts in the overall figures only.
   */
  departmentId: string | null;
  snapshotDate: IsoDate;
  p50: IsoDate;
  p80: IsoDate;
}

export interface AccuracyFigures {
  /** Snapshots of projects that have started. */
  snapshots: number;
  /** Mean |actual start − P50| in working days (null without snapshots). */
  meanAbsoluteErrorDays: number | null;
  /** Share of snapshots whose actual start fell on or before their P80 date (null without any). */
  shareByP80: number | null;
}

export interface ForecastAccuracy {
  overall: AccuracyFigures;
  /** Per department, sorted by department id. */
  byDepartment: Array<AccuracyFigures & { departmentId: string }>;
}

/** Working days between two dates, whichever comes first: |b − a| counted on the calendar. */
export function workingDaysApart(calendar: WorkingCalendar, a: IsoDate, b: IsoDate): number {
  return a <= b ? calendar.workingDaysAfterUpTo(a, b) : calendar.workingDaysAfterUpTo(b, a);
}

function figures(
  calendar: WorkingCalendar,
  pairs: ReadonlyArray<[ForecastSnapshot, IsoDate]>,
): AccuracyFigures {
  if (!pairs.length) return { snapshots: 0, meanAbsoluteErrorDays: null, shareByP80: null };
  let error = 0;
  let byP80 = 0;
  for (const [snapshot, started] of pairs) {
    error += workingDaysApart(calendar, snapshot.p50, started);
    if (started <= snapshot.p80) byP80 += 1;
  }
  return {
    snapshots: pairs.length,
    meanAbsoluteErrorDays: error / pairs.length,
    shareByP80: byP80 / pairs.length,
  };
}

/**
 * Forecast accuracy (routes-and-forecast §3): once a project starts, each of its snapshots' error is
 * known. Snapshots of projects not started (no entry in `startedOn`) are left out; so are snapshots
 * taken after the start (nothing was forecast then).
 */
export function forecastAccuracy(
  calendar: WorkingCalendar,
  snapshots: readonly ForecastSnapshot[],
  startedOn: ReadonlyMap<string, IsoDate>,
): ForecastAccuracy {
  const pairs: Array<[ForecastSnapshot, IsoDate]> = [];
  for (const snapshot of snapshots) {
    const started = startedOn.get(snapshot.projectId);
    if (started && snapshot.snapshotDate <= started) pairs.push([snapshot, started]);
  }
  const departments = [
    ...new Set(pairs.map(([snapshot]) => snapshot.departmentId).filter((id): id is string => id !== null)),
  ].sort();
  return {
    overall: figures(calendar, pairs),
    byDepartment: departments.map((departmentId) => ({
      departmentId,
      ...figures(
        calendar,
        pairs.filter(([snapshot]) => snapshot.departmentId === departmentId),
      ),
    })),
  };
}
