import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conditionalSurvival,
  type DurationObservation,
  durationModel,
  durationQuantile,
  kaplanMeier,
  kaplanMeierQuantile,
  MIN_OBSERVATIONS_FOR_HISTORY,
  sampleDuration,
  seededRandom,
  survivalAt,
} from './kaplan-meier';

/**
 * The classic textbook example (Freireich et al. 1963, 6-MP arm; Kleinbaum & Klein, "Survival
 * Analysis", ch. 2): 21 remission times in weeks, 9 relapses (events) and 12 censored (+).
 *   6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+
 * Reference computation by hand (nᵢ at risk, dᵢ events; censored at tᵢ still at risk at tᵢ):
 *   t=6   n=21 d=3  S = 18/21                   = 0.857143
 *   t=7   n=17 d=1  S = 0.857143 · 16/17        = 0.806723
 *   t=10  n=15 d=1  S = 0.806723 · 14/15        = 0.752941
 *   t=13  n=12 d=1  S = 0.752941 · 11/12        = 0.690196
 *   t=16  n=11 d=1  S = 0.690196 · 10/11        = 0.627451
 *   t=22  n=7  d=1  S = 0.627451 · 6/7          = 0.537815
 *   t=23  n=6  d=1  S = 0.537815 · 5/6          = 0.448179
 * (the book's table: 0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448). Quantile p = smallest t with
 * S(t) ≤ 1 − p: p=0.1 → 6; p=0.2 → 10 (0.807 > 0.8); p=0.3 → 13; p=0.5 (median) → 23 (the book's
 * median, 23 weeks); p=0.6 → S never ≤ 0.4: no quantile (the tail is censored).
 */
const sixMp: DurationObservation[] = [
  ...[6, 6, 6, 7, 10, 13, 16, 22, 23].map((days) => ({ days, finished: true })),
  ...[6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35].map((days) => ({ days, finished: false })),
];

describe('Kaplan–Meier on the textbook example (with censoring)', () => {
  const curve = kaplanMeier(sixMp);

  it('gives the reference survival curve', () => {
    const events = curve.steps.filter((step) => step.events > 0);
    expect(events.map((step) => [step.days, step.atRisk, step.events])).toEqual([
      [6, 21, 3],
      [7, 17, 1],
      [10, 15, 1],
      [13, 12, 1],
      [16, 11, 1],
      [22, 7, 1],
      [23, 6, 1],
    ]);
    const reference = [0.857143, 0.806723, 0.752941, 0.690196, 0.627451, 0.537815, 0.448179];
    events.forEach((step, index) => expect(step.survival).toBeCloseTo(reference[index]!, 6));
    expect(survivalAt(curve, 5)).toBe(1);
    expect(survivalAt(curve, 12)).toBeCloseTo(0.752941, 6);
    expect(survivalAt(curve, 40)).toBeCloseTo(0.448179, 6);
    expect(curve).toMatchObject({ observations: 21, events: 9, largestObserved: 35 });
  });

  it('gives the reference quantiles, and none where the censored tail hides them', () => {
    expect(kaplanMeierQuantile(curve, 0.1)).toBe(6);
    expect(kaplanMeierQuantile(curve, 0.2)).toBe(10);
    expect(kaplanMeierQuantile(curve, 0.3)).toBe(13);
    expect(kaplanMeierQuantile(curve, 0.5)).toBe(23);
    expect(kaplanMeierQuantile(curve, 0.6)).toBeNull();
    // Beyond the largest observation (35, S = 0.448179) the exponential tail S(t) = 0.448179^(t/35):
    // S(t) ≤ 0.4 ⇔ t ≥ 35 · ln 0.4 / ln 0.448179 = 35 · 0.916291 / 0.802563 = 39.96 → 40.
    expect(durationQuantile(durationModel(sixMp, 20), 0.6)).toBe(40);
    // Without an event to extend (all open) or for p = 1: the largest observed or the promised days.
    const allOpen = [3, 5, 8, 9, 12].map((days) => ({ days, finished: false }));
    expect(durationQuantile(durationModel(allOpen, 10), 0.5)).toBe(12);
    expect(durationQuantile(durationModel(allOpen, 20), 0.5)).toBe(20);
    expect(durationQuantile(durationModel(sixMp, 20), 1)).toBe(35);
  });

  it('conditions on the time already lasted: S(t)/S(e)', () => {
    // Open after 10: S(10) = 0.752941. S(22)/S(10) = 11/12 · 10/11 · 6/7 = 5/7.
    expect(conditionalSurvival(curve, 10, 22)).toBeCloseTo(5 / 7, 12);
    expect(conditionalSurvival(curve, 10, 10)).toBe(1);
    // p=0.25 given 10: S(t) ≤ 0.75 · 0.752941 = 0.564706 → 13 (0.690) no, 16 (0.627) no, 22 (0.538) yes.
    expect(kaplanMeierQuantile(curve, 0.25, 10)).toBe(22);
    // Unconditioned, the 25% quantile is 13 (S ≤ 0.75: 10 gives 0.753 > 0.75).
    expect(kaplanMeierQuantile(curve, 0.25)).toBe(13);
    // Given 16: S(16) = 0.627451; the median needs S ≤ 0.313725: not on the curve → the tail:
    // t ≥ 35 · ln 0.313725 / ln 0.448179 = 35 · 1.159237 / 0.802563 = 50.55 → 51.
    expect(kaplanMeierQuantile(curve, 0.5, 16)).toBeNull();
    expect(durationQuantile(durationModel(sixMp, 20), 0.5, 16)).toBe(51);
    // Open for 50, longer than anything observed: on the exponential tail the remaining median is
    // 35 · ln 2 / 0.802563 = 30.23 more days (memoryless) → 81.
    expect(durationQuantile(durationModel(sixMp, 20), 0.5, 50)).toBe(81);
  });
});

describe('Kaplan–Meier without censoring is the empirical distribution', () => {
  it('on 1..5: S = 0.8, 0.6, 0.4, 0.2, 0; quantiles at the exact boundaries', () => {
    const curve = kaplanMeier([1, 2, 3, 4, 5].map((days) => ({ days, finished: true })));
    expect(curve.steps.map((step) => step.survival)).toEqual([
      expect.closeTo(0.8, 12),
      expect.closeTo(0.6, 12),
      expect.closeTo(0.4, 12),
      expect.closeTo(0.2, 12),
      expect.closeTo(0, 12),
    ]);
    expect(kaplanMeierQuantile(curve, 0.4)).toBe(2); // S(2) = 0.6 ≤ 0.6
    expect(kaplanMeierQuantile(curve, 0.5)).toBe(3);
    expect(kaplanMeierQuantile(curve, 1)).toBe(5);
  });

  it('matches the empirical survival for any data (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 40 }), (days) => {
        const curve = kaplanMeier(days.map((value) => ({ days: value, finished: true })));
        for (let t = 0; t <= 31; t += 1) {
          const empirical = days.filter((value) => value > t).length / days.length;
          expect(survivalAt(curve, t)).toBeCloseTo(empirical, 9);
        }
      }),
    );
  });
});

describe('duration models', () => {
  it(`uses the promised days below ${MIN_OBSERVATIONS_FOR_HISTORY} observations`, () => {
    const few = [3, 4, 5, 6].map((days) => ({ days, finished: true }));
    const model = durationModel(few, 10);
    expect(model.curve).toBeNull();
    expect(durationQuantile(model, 0.8)).toBe(10);
    expect(durationQuantile(model, 0.8, 4)).toBe(10);
    expect(durationQuantile(model, 0.8, 12)).toBe(12); // overdue: decided now, at the earliest
    expect(durationModel([...few, { days: 20, finished: false }], 10).curve).not.toBeNull();
  });

  it('draws are monotone in u, never below the elapsed days, and reproducible (property)', () => {
    const observations = fc.array(
      fc.record({ days: fc.integer({ min: 0, max: 40 }), finished: fc.boolean() }),
      { minLength: 5, maxLength: 40 },
    );
    fc.assert(
      fc.property(
        observations,
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 45 })),
        (data, u1, u2, elapsed) => {
          const model = durationModel(data, 10);
          const [low, high] = u1 <= u2 ? [u1, u2] : [u2, u1];
          expect(sampleDuration(model, low, elapsed)).toBeLessThanOrEqual(
            sampleDuration(model, high, elapsed),
          );
          if (elapsed !== null) expect(sampleDuration(model, low, elapsed)).toBeGreaterThan(elapsed);
        },
      ),
    );
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });

  it('refuses durations that are not whole working days', () => {
    expect(() => kaplanMeier([{ days: 1.5, finished: true }])).toThrow(RangeError);
    expect(() => kaplanMeier([{ days: -1, finished: false }])).toThrow(RangeError);
  });
});
