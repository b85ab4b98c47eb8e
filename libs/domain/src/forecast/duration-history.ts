import type { IsoDate } from '../business-time';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { type DurationModel, type DurationObservation, durationModel } from './kaplan-meier';

/**
 * The duration history behind the forecast (routes-and-forecast §3): per catalog item × department,
 * the working days from acceptance to decision of every milestone accepted within the past
 * HISTORY_YEARS years, net of the working days it spent suspended; items still open are censored
 * at the working days they have lasted so far. Pure: the caller reads the milestones and folds their
 * events with the clock (computeClock) for the suspended days.
 */
export const HISTORY_YEARS = 3;

/** The first acceptance day inside the window: the same day HISTORY_YEARS years before (29 Feb → 28 Feb). */
export function historyWindowStart(asOf: IsoDate): IsoDate {
  const [year, month, day] = asOf.split('-').map(Number) as [number, number, number];
  const target = year - HISTORY_YEARS;
  const lastOfMonth = new Date(Date.UTC(target, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(target).padStart(4, '0')}-${pad(month)}-${pad(Math.min(day, lastOfMonth))}`;
}

/** What one milestone tells the history (dates are business dates, Asia/Shanghai). */
export interface HistoryMilestone {
  acceptedOn: IsoDate;
  /** The decision day (办结), or null while undecided. */
  decidedOn: IsoDate | null;
  /** Working days spent suspended up to the decision (or up to asOf while open). */
  suspendedWorkingDays: number;
  /**
   * Ended without a decision (终止办理, `discontinued`: `decidedOn` is the termination day): the item
   * lasted at least that long and then left the history, so it is censored there, not an event.
   */
  withdrawn?: boolean;
}

/**
 * The observation of one milestone as of `asOf`, or null when it is outside the window (accepted
 * before historyWindowStart(asOf) or after asOf). Working days are counted after the acceptance day
 * up to and including the decision day (or asOf), as the clock counts them (a decision on the
 * deadline of an item never suspended nor extended took exactly its promised days); a decision
 * after asOf is still open as of asOf (censored); so is a withdrawn one, at its termination day.
 */
export function durationObservationOf(
  calendar: WorkingCalendar,
  milestone: HistoryMilestone,
  asOf: IsoDate,
): DurationObservation | null {
  if (milestone.acceptedOn > asOf || milestone.acceptedOn < historyWindowStart(asOf)) return null;
  const ended = milestone.decidedOn !== null && milestone.decidedOn <= asOf;
  const end = ended ? milestone.decidedOn! : asOf;
  const gross = calendar.workingDaysAfterUpTo(milestone.acceptedOn, end);
  return {
    days: Math.max(0, gross - milestone.suspendedWorkingDays),
    finished: ended && !milestone.withdrawn,
  };
}

/** One row of a compact history: how many observations lasted `days` working days, decided or still open. */
export interface HistogramRow {
  days: number;
  events: number;
  censored: number;
}

/** Observations as (days, events, censored) rows, ordered by days (what the history table stores). */
export function histogramOf(observations: readonly DurationObservation[]): HistogramRow[] {
  const byDays = new Map<number, HistogramRow>();
  for (const observation of observations) {
    const row = byDays.get(observation.days) ?? { days: observation.days, events: 0, censored: 0 };
    if (observation.finished) row.events += 1;
    else row.censored += 1;
    byDays.set(observation.days, row);
  }
  return [...byDays.values()].sort((a, b) => a.days - b.days);
}

/** The observations a histogram stands for (kaplanMeier gives the same curve from either). */
export function observationsOf(histogram: readonly HistogramRow[]): DurationObservation[] {
  const observations: DurationObservation[] = [];
  for (const row of histogram) {
    for (let i = 0; i < row.events; i += 1) observations.push({ days: row.days, finished: true });
    for (let i = 0; i < row.censored; i += 1) observations.push({ days: row.days, finished: false });
  }
  return observations;
}

/** The key of an item × department history. */
export function historyKey(itemCode: string, departmentId: string): string {
  return `${itemCode}@${departmentId}`;
}

/**
 * Duration models per item × department: the history's Kaplan–Meier curve with at least
 * MIN_OBSERVATIONS_FOR_HISTORY observations, the promised days otherwise — including any item ×
 * department with no history at all.
 */
export class DurationModels {
  constructor(
    /** Histograms by historyKey. */
    private readonly histories: ReadonlyMap<string, readonly HistogramRow[]>,
    /** The catalog's promised days by item code (the default of `modelFor`). */
    private readonly promisedDaysByItem: ReadonlyMap<string, number> = new Map(),
  ) {}

  /** The model of an item at a department; `promisedDays` defaults to the catalog's. */
  modelFor(itemCode: string, departmentId: string, promisedDays?: number): DurationModel {
    const promised = promisedDays ?? this.promisedDaysByItem.get(itemCode) ?? 0;
    return durationModel(
      observationsOf(this.histories.get(historyKey(itemCode, departmentId)) ?? []),
      promised,
    );
  }

  /** Every item × department with any history, with its model at the catalog's promised days. */
  all(): Map<string, DurationModel> {
    const models = new Map<string, DurationModel>();
    for (const [key, histogram] of this.histories) {
      const itemCode = key.slice(0, key.lastIndexOf('@'));
      models.set(key, durationModel(observationsOf(histogram), this.promisedDaysByItem.get(itemCode) ?? 0));
    }
    return models;
  }
}
