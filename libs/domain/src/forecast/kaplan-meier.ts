/**
 * Durations of one catalog item at one department, in working days from acceptance to decision
 * (routes-and-forecast §3), estimated with the Kaplan–Meier product-limit estimator so that items
 * still open count as censored observations (they have lasted at least so long) instead of being
 * dropped — dropping them would make slow departments look fast.
 *
 * Conventions (all durations are whole working days, ≥ 0):
 * - an observation `{ days, finished: true }` is an event: decided after `days` working days;
 *   `{ days, finished: false }` is censored: still open after `days` working days, i.e. T > days;
 * - at a time with both events and censorings the censored ones are still at risk (the usual
 *   convention: censoring happens just after the events of that day);
 * - S(t) = P(T > t) = ∏ over event times tᵢ ≤ t of (1 − dᵢ / nᵢ), a right-continuous step function;
 * - quantile(p) = the smallest observed event time t with S(t) ≤ 1 − p; `null` when the curve
 *   never drops that low (the largest observations are censored, so the history cannot say).
 *   Callers of `durationQuantile` / `sampleDuration` get the tail instead (see `tailQuantile`): the
 *   curve extended beyond the largest observation t_max by the exponential tail of Brown, Hollander
 *   and Korwar (1974), S(t) = S(t_max)^(t / t_max); without any event to extend (or for p = 1), the
 *   largest observed duration or the promised days, whichever is larger. Cutting the tail at the
 *   largest observation instead makes P80 dates too early when many items are still open (the
 *   calibration test drops to about 65% with a third of the history censored).
 * - the conditional distribution given the item has lasted e (it is open after e working days):
 *   S(t | T > e) = S(t) / S(e) for t > e.
 */
export interface DurationObservation {
  /** Working days from acceptance to decision (finished) or to today (still open). */
  days: number;
  /** true: decided (an event); false: still open (censored at `days`). */
  finished: boolean;
}

export interface SurvivalStep {
  /** A distinct observed duration. */
  days: number;
  /** Observations with duration ≥ days (still undecided just before this day's decisions). */
  atRisk: number;
  events: number;
  censored: number;
  /** S(days) = P(T > days), after this step. */
  survival: number;
}

export interface SurvivalCurve {
  steps: readonly SurvivalStep[];
  observations: number;
  events: number;
  /** The largest observed duration, finished or not (0 without observations). */
  largestObserved: number;
}

/** Below this many observations (finished + open) the history is not used: promised days instead. */
export const MIN_OBSERVATIONS_FOR_HISTORY = 5;

/** Tolerance of the survival comparisons (products of fractions are not exact in binary). */
const EPSILON = 1e-12;

export function kaplanMeier(observations: readonly DurationObservation[]): SurvivalCurve {
  for (const observation of observations)
    if (!Number.isInteger(observation.days) || observation.days < 0)
      throw new RangeError(`kaplanMeier: durations are whole working days ≥ 0, got ${observation.days}`);
  const byDays = new Map<number, { events: number; censored: number }>();
  for (const observation of observations) {
    const entry = byDays.get(observation.days) ?? { events: 0, censored: 0 };
    if (observation.finished) entry.events += 1;
    else entry.censored += 1;
    byDays.set(observation.days, entry);
  }
  const times = [...byDays.keys()].sort((a, b) => a - b);
  let atRisk = observations.length;
  let survival = 1;
  let events = 0;
  const steps: SurvivalStep[] = [];
  for (const days of times) {
    const entry = byDays.get(days)!;
    if (entry.events > 0) survival *= 1 - entry.events / atRisk;
    steps.push({ days, atRisk, events: entry.events, censored: entry.censored, survival });
    events += entry.events;
    atRisk -= entry.events + entry.censored;
  }
  return {
    steps,
    observations: observations.length,
    events,
    largestObserved: times.length ? times[times.length - 1]! : 0,
  };
}

/** S(t) = P(T > t): 1 before the first event. */
export function survivalAt(curve: SurvivalCurve, days: number): number {
  let survival = 1;
  for (const step of curve.steps) {
    if (step.days > days) break;
    survival = step.survival;
  }
  return survival;
}

/**
 * The quantile of the duration given it has lasted more than `elapsed` working days (null: no
 * condition): the smallest observed time t > elapsed with S(t) ≤ (1 − p) · S(elapsed). `null` when
 * no such time exists (the curve never drops that low after `elapsed`). p in [0, 1].
 */
export function kaplanMeierQuantile(
  curve: SurvivalCurve,
  p: number,
  elapsed: number | null = null,
): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`kaplanMeierQuantile: p must be in [0, 1], got ${p}`);
  const after = elapsed ?? -1;
  const threshold = (1 - p) * survivalAt(curve, after);
  for (const step of curve.steps) {
    if (step.days <= after || step.events === 0) continue;
    if (step.survival <= threshold + EPSILON) return step.days;
  }
  return null;
}

/** S(t) / S(e): the chance an item open after e working days is still open after t (t ≥ e). */
export function conditionalSurvival(curve: SurvivalCurve, elapsed: number, days: number): number {
  if (days <= elapsed) return 1;
  const base = survivalAt(curve, elapsed);
  return base <= EPSILON ? 0 : survivalAt(curve, days) / base;
}

/**
 * What the forecast knows of one item at one department: its history's curve, or none (fewer than
 * MIN_OBSERVATIONS_FOR_HISTORY observations: the promised days are used).
 */
export interface DurationModel {
  promisedDays: number;
  /** null: the promised days stand in for the history. */
  curve: SurvivalCurve | null;
}

export function durationModel(
  observations: readonly DurationObservation[],
  promisedDays: number,
): DurationModel {
  if (!Number.isInteger(promisedDays) || promisedDays < 0)
    throw new RangeError(`durationModel: promisedDays must be a whole number ≥ 0, got ${promisedDays}`);
  return {
    promisedDays,
    curve: observations.length >= MIN_OBSERVATIONS_FOR_HISTORY ? kaplanMeier(observations) : null,
  };
}

/**
 * The fallback when there is nothing to extend: the largest observed duration or the promised days,
 * whichever is larger — and, for an item already open after `elapsed` days, at least elapsed + 1.
 */
export function tailDays(model: DurationModel, elapsed: number | null): number {
  const tail = Math.max(model.curve?.largestObserved ?? 0, model.promisedDays);
  return elapsed === null ? tail : Math.max(tail, elapsed + 1);
}

/**
 * The quantile beyond what the curve shows (kaplanMeierQuantile gave null): with S_L the survival at
 * the largest observation t_max and S(t) = S_L^(t / t_max) beyond it, the smallest whole t with
 * S(t) ≤ (1 − p) · S(elapsed) (S(elapsed) on the same extended curve). tailDays when S_L is 0 or 1,
 * t_max is 0, or p = 1.
 */
export function tailQuantile(model: DurationModel, p: number, elapsed: number | null): number {
  const curve = model.curve;
  const fallback = tailDays(model, elapsed);
  if (!curve) return fallback;
  const last = curve.largestObserved;
  const survivalAtLast = survivalAt(curve, last);
  if (last <= 0 || survivalAtLast <= EPSILON || survivalAtLast >= 1 - EPSILON || p >= 1) return fallback;
  const rate = Math.log(survivalAtLast) / last; // ln S(t) = rate · t beyond t_max (rate < 0)
  const after = elapsed ?? -1;
  const logBase = after > last ? rate * after : Math.log(survivalAt(curve, after));
  const logThreshold = Math.log(1 - p) + logBase;
  const days = Math.ceil(logThreshold / rate - EPSILON);
  return Math.max(days, last + 1, after + 1);
}

/**
 * The total duration (from acceptance) at quantile p, given the item has lasted `elapsed` (null:
 * not accepted yet). Without history: the promised days (an item already open longer than that is
 * taken as decided now: `elapsed`). With history: the Kaplan–Meier (conditional) quantile, or the
 * exponential tail beyond the largest observation.
 */
export function durationQuantile(model: DurationModel, p: number, elapsed: number | null = null): number {
  if (!model.curve) return Math.max(model.promisedDays, elapsed ?? 0);
  return kaplanMeierQuantile(model.curve, p, elapsed) ?? tailQuantile(model, p, elapsed);
}

/**
 * One draw of the total duration by inverse transform: `u` uniform in [0, 1) gives the smallest t
 * with S(t | T > elapsed) ≤ 1 − u, i.e. durationQuantile(model, u, elapsed).
 */
export function sampleDuration(model: DurationModel, u: number, elapsed: number | null = null): number {
  return durationQuantile(model, u, elapsed);
}

/** The forecasts draw with the one seeded generator (mulberry32) of the domain. */
export { seededRandom } from '../seeded-random';
