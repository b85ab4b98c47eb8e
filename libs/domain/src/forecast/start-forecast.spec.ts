import chineseDays from 'chinese-days/dist/chinese-days.json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarException, WorkingCalendar } from '../calendar/working-calendar';
import {
  type DurationModel,
  type DurationObservation,
  durationModel,
  durationQuantile,
  seededRandom,
} from './kaplan-meier';
import {
  type ForecastItemState,
  type ForecastRouteItem,
  forecastStart,
  startDateWith,
} from './start-forecast';

// The real 2026 calendar as published (State Council), from the maintained data package: 春节 Feb
// 15–23 off with Sat Feb 14 and Sat Feb 28 worked; 中秋 Sep 25–27 and 国庆 Oct 1–7 off with Sun Sep 20
// and Sat Oct 10 worked.
const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
const exceptions: CalendarException[] = [
  ...Object.keys(data.holidays).map((date) => ({ date, kind: 'holiday' as const })),
  ...Object.keys(data.workdays).map((date) => ({ date, kind: 'workday' as const })),
];
const calendar = new WorkingCalendar(exceptions);

const noHistory = (promisedDays: number) => durationModel([], promisedDays);
const decided = (decidedOn = '2026-01-15'): ForecastItemState => ({ state: 'decided', decidedOn });
const planned: ForecastItemState = { state: 'planned' };

function item(
  code: string,
  stage: number,
  promisedDays: number,
  current: ForecastItemState,
  options: { after?: string[]; model?: DurationModel; departmentId?: string } = {},
): ForecastRouteItem {
  return {
    code,
    stage,
    promisedDays,
    current,
    after: options.after ?? [],
    departmentId: options.departmentId ?? `dept-${code}`,
    model: options.model ?? noHistory(promisedDays),
  };
}

const stageOneDone = [
  item('FILING', 1, 5, decided()),
  item('LAND_PRE', 1, 10, decided()),
  item('ENERGY', 1, 10, decided()),
  item('LAND_PLAN', 1, 10, decided(), { after: ['LAND_PRE'] }),
];

describe('the forecast walk on the real 2026 calendar', () => {
  it('parallel items across 中秋 and 国庆: the later of two parallel branches binds', () => {
    // Today Mon 2026-09-21. Working days after today: Sep 22 (1), 23 (2), 24 (3), [25–27 中秋],
    // 28 (4), 29 (5), 30 (6), [Oct 1–7 国庆], Oct 8 (7), 9 (8), Sat 10 调休 (9), 12 (10), 13 (11),
    // 14 (12), 15 (13), 16 (14), 19 (15), 20 (16).
    // Stage 2 in parallel: PLAN_REVIEW 0→5 (Sep 29), BUILD_PLAN after it 5→8 (Oct 9); EIA 0→10
    // (Oct 12). Stage 2 done Oct 12 (EIA binds); FIRE 10→14 (Oct 16); CONSTRUCT after FIRE 14→16.
    const route = [
      ...stageOneDone,
      item('PLAN_REVIEW', 2, 5, planned),
      item('BUILD_PLAN', 2, 3, planned, { after: ['PLAN_REVIEW'] }),
      item('EIA', 2, 10, { state: 'submitted' }),
      item('FIRE', 3, 4, planned),
      item('CONSTRUCT', 3, 2, planned, { after: ['FIRE'] }),
      item('JOINT_ACCEPT', 4, 10, planned), // after the start: ignored
    ];
    const forecast = forecastStart(route, '2026-09-21', calendar, { draws: 50 });
    // Without history every draw is the promised days: the three dates agree.
    expect(forecast).toMatchObject({
      startableNow: false,
      promiseBound: '2026-10-20',
      p50: '2026-10-20',
      p80: '2026-10-20',
    });
    expect(forecast.bindingPath).toEqual([
      {
        code: 'EIA',
        departmentId: 'dept-EIA',
        stage: 2,
        startOn: '2026-09-21',
        finishOn: '2026-10-12',
        remainingDays: 10,
      },
      {
        code: 'FIRE',
        departmentId: 'dept-FIRE',
        stage: 3,
        startOn: '2026-10-12',
        finishOn: '2026-10-16',
        remainingDays: 4,
      },
      {
        code: 'CONSTRUCT',
        departmentId: 'dept-CONSTRUCT',
        stage: 3,
        startOn: '2026-10-16',
        finishOn: '2026-10-20',
        remainingDays: 2,
      },
    ]);
    expect(forecast.binding).toMatchObject({ code: 'EIA', departmentId: 'dept-EIA', remainingDays: 10 });
    // If BUILD_PLAN took 6 days instead of 3 (5→11, Oct 13), it would bind: one day later.
    expect(startDateWith(route, '2026-09-21', calendar, new Map([['BUILD_PLAN', 6]]))).toBe('2026-10-21');
  });

  it('a suspended item counts as resumed today, across 春节', () => {
    // Today Tue 2026-02-10. EIA accepted Jan 20, suspended after 8 of its 15 promised working days:
    // 7 left from today: Feb 11 (1), 12 (2), 13 (3), Sat 14 调休 (4), [15–23 春节], 24 (5), 25 (6),
    // 26 (7). FIRE 7→12: Feb 27 (8), Sat 28 调休 (9), Mar 2 (10), 3 (11), 4 (12). CONSTRUCT 12→15:
    // Mar 5 (13), 6 (14), 9 (15).
    const route = [
      ...stageOneDone,
      item('PLAN_REVIEW', 2, 5, decided('2026-01-30')),
      item('BUILD_PLAN', 2, 3, decided('2026-02-05'), { after: ['PLAN_REVIEW'] }),
      item('EIA', 2, 15, { state: 'suspended', acceptedOn: '2026-01-20', elapsedWorkingDays: 8 }),
      item('FIRE', 3, 5, planned),
      item('CONSTRUCT', 3, 3, planned, { after: ['FIRE'] }),
    ];
    const forecast = forecastStart(route, '2026-02-10', calendar, { draws: 50 });
    expect(forecast.promiseBound).toBe('2026-03-09');
    expect(forecast.p80).toBe('2026-03-09');
    expect(forecast.bindingPath.map((entry) => [entry.code, entry.startOn, entry.finishOn])).toEqual([
      ['EIA', '2026-01-20', '2026-02-26'],
      ['FIRE', '2026-02-26', '2026-03-04'],
      ['CONSTRUCT', '2026-03-04', '2026-03-09'],
    ]);
    expect(forecast.binding).toMatchObject({ code: 'EIA', remainingDays: 7 });
    // Resumed a week later (today Feb 26, still 7 left): Feb 27 (1), 28 (2), Mar 2..6 (3..7) → Mar 6,
    // then FIRE +5 → Mar 13, CONSTRUCT +3 → Mar 18.
    expect(forecastStart(route, '2026-02-26', calendar, { draws: 10 }).promiseBound).toBe('2026-03-18');
  });

  it('an item open longer than its history median uses the conditional distribution', () => {
    // FIRE at its department: 10 decided in 3, 4, 5, 6, 7, 8, 10, 15, 20, 25 working days. S after
    // each: 0.9 … 0.5 at 7 (the median is 7), 0.4, 0.3 at 10, 0.2 at 15, 0.1 at 20, 0 at 25.
    // Open now for 12 working days (accepted Wed Sep 9; Sep 10, 11, 14–18, Sun 20 调休, 21–24).
    // Given T > 12: S(12) = 0.3, so T is 15, 20 or 25, each with chance 1/3. CONSTRUCT (no
    // history, 3 days) follows: start after 15−12+3 = 6, 11 or 16 working days.
    // Working days after Thu Sep 24: [25–27 中秋] Sep 28 (1), 29 (2), 30 (3), [国庆] Oct 8 (4),
    // 9 (5), Sat 10 调休 (6), 12 (7), 13 (8), 14 (9), 15 (10), 16 (11), 19 (12), 20 (13), 21 (14),
    // 22 (15), 23 (16). P50 (11) = Oct 16; P80 (16) = Oct 23.
    // Promise-bound: FIRE promised 10, deadline Sep 22 has passed → decided today (0), CONSTRUCT +3.
    const history: DurationObservation[] = [3, 4, 5, 6, 7, 8, 10, 15, 20, 25].map((days) => ({
      days,
      finished: true,
    }));
    const fire = durationModel(history, 10);
    expect(durationQuantile(fire, 0.5)).toBe(7);
    expect(durationQuantile(fire, 0.5, 12)).toBe(20);
    expect(durationQuantile(fire, 0.8, 12)).toBe(25);
    expect(calendar.workingDaysAfterUpTo('2026-09-09', '2026-09-24')).toBe(12);
    const route = [
      ...stageOneDone,
      item('PLAN_REVIEW', 2, 5, decided('2026-08-20')),
      item('EIA', 2, 10, decided('2026-09-01')),
      item(
        'FIRE',
        3,
        10,
        { state: 'accepted', acceptedOn: '2026-09-09', elapsedWorkingDays: 12, deadline: '2026-09-22' },
        { model: fire },
      ),
      item('CONSTRUCT', 3, 3, planned, { after: ['FIRE'] }),
    ];
    const forecast = forecastStart(route, '2026-09-24', calendar);
    expect(forecast).toMatchObject({ promiseBound: '2026-09-30', p50: '2026-10-16', p80: '2026-10-23' });
    expect(forecast.bindingPath.map((entry) => [entry.code, entry.finishOn, entry.remainingDays])).toEqual([
      ['FIRE', '2026-10-13', 8],
      ['CONSTRUCT', '2026-10-16', 3],
    ]);
    expect(forecast.binding).toMatchObject({ code: 'FIRE', departmentId: 'dept-FIRE' });
  });

  it('parallel items: the P80 of the join is later than the latest per-item P80', () => {
    // Three parallel stage-2 items, each 1..10 days with equal chance (P80 = 8 each); the chance all
    // three are done by 8 is 0.8³ ≈ 0.51, so the join's P80 is later: P(max ≤ 9) = 0.729,
    // P(max ≤ 10) = 1 → 10 days. CONSTRUCT takes 0 days (promised 0, no history).
    const uniform = durationModel(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((days) => ({ days, finished: true })),
      5,
    );
    expect(durationQuantile(uniform, 0.8)).toBe(8);
    const route = [
      ...stageOneDone,
      ...['PLAN_REVIEW', 'EIA', 'BUILD_PLAN'].map((code) => item(code, 2, 5, planned, { model: uniform })),
      item('CONSTRUCT', 3, 0, planned),
    ];
    // Mon Nov 2: +8 working days = Nov 12, +10 = Nov 16.
    const forecast = forecastStart(route, '2026-11-02', calendar, { draws: 4000, seed: 7 });
    expect(forecast.p80).toBe('2026-11-16');
    expect(forecast.p80 > calendar.addWorkingDays('2026-11-02', 8)).toBe(true);
  });

  it('CONSTRUCT approved: startable now', () => {
    const route = [
      ...stageOneDone,
      item('FIRE', 3, 5, decided('2026-03-02')),
      item('CONSTRUCT', 3, 3, decided('2026-03-05'), { after: ['FIRE'] }),
    ];
    expect(forecastStart(route, '2026-03-10', calendar)).toEqual({
      startableNow: true,
      startableSince: '2026-03-05',
      constructRejected: false,
      promiseBound: '2026-03-10',
      p50: '2026-03-10',
      p80: '2026-03-10',
      bindingPath: [],
      binding: null,
    });
  });

  it('refuses a route without CONSTRUCT or with an after cycle', () => {
    expect(() => forecastStart(stageOneDone, '2026-03-10', calendar)).toThrow(/no CONSTRUCT/);
    const cyclic = [
      item('FIRE', 3, 5, planned, { after: ['CONSTRUCT'] }),
      item('CONSTRUCT', 3, 3, planned, { after: ['FIRE'] }),
    ];
    expect(() => forecastStart(cyclic, '2026-03-10', calendar)).toThrow(/cycle/);
  });
});

/** Random routes: stages 1–3 with 1–3 items each (after links to earlier items of the stage), CONSTRUCT last. */
const arbitraryState = fc.oneof(
  fc.constant<ForecastItemState>({ state: 'planned' }),
  fc.constant<ForecastItemState>({ state: 'submitted' }),
  fc.integer({ min: 0, max: 20 }).map<ForecastItemState>((elapsed) => ({
    state: 'accepted',
    acceptedOn: '2026-06-01',
    elapsedWorkingDays: elapsed,
  })),
  fc.integer({ min: 0, max: 20 }).map<ForecastItemState>((elapsed) => ({
    state: 'suspended',
    acceptedOn: '2026-06-01',
    elapsedWorkingDays: elapsed,
  })),
  fc.constant<ForecastItemState>({ state: 'decided', decidedOn: '2026-06-15' }),
);
const arbitraryHistory = fc.array(
  fc.record({ days: fc.integer({ min: 0, max: 30 }), finished: fc.boolean() }),
  { maxLength: 12 },
);
const arbitraryItem = fc.record({
  promisedDays: fc.integer({ min: 0, max: 20 }),
  state: arbitraryState,
  history: arbitraryHistory,
  afterMask: fc.integer({ min: 0, max: 7 }),
});
const arbitraryRoute = fc
  .record({
    stages: fc.tuple(
      fc.array(arbitraryItem, { minLength: 1, maxLength: 3 }),
      fc.array(arbitraryItem, { minLength: 1, maxLength: 3 }),
      fc.array(arbitraryItem, { minLength: 0, maxLength: 2 }),
    ),
    construct: arbitraryItem,
    constructAfterMask: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ stages, construct, constructAfterMask }) => {
    const route: ForecastRouteItem[] = [];
    stages.forEach((items, stageIndex) => {
      const codes: string[] = [];
      items.forEach((spec, index) => {
        const code = `S${stageIndex + 1}_${index}`;
        const after = codes.filter((_, other) => spec.afterMask & (1 << other));
        route.push(
          item(code, stageIndex + 1, spec.promisedDays, spec.state, {
            after,
            model: durationModel(spec.history, spec.promisedDays),
          }),
        );
        codes.push(code);
      });
      if (stageIndex === 2) {
        const state = construct.state.state === 'decided' ? planned : construct.state;
        route.push(
          item('CONSTRUCT', 3, construct.promisedDays, state, {
            after: codes.filter((_, other) => constructAfterMask & (1 << other)),
            model: durationModel(construct.history, construct.promisedDays),
          }),
        );
      }
    });
    return route;
  });
const TODAY = '2026-09-18';

describe('forecast properties', () => {
  it('the promise-bound date is no later than any scenario where items take at least their promised days', () => {
    fc.assert(
      fc.property(
        arbitraryRoute,
        fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 12, maxLength: 12 }),
        (route, extra) => {
          const forecast = forecastStart(route, TODAY, calendar, { draws: 5 });
          const longer = new Map(
            route.map((entry, index) => [entry.code, entry.promisedDays + extra[index]!]),
          );
          expect(forecast.promiseBound <= startDateWith(route, TODAY, calendar, longer)).toBe(true);
          expect(forecast.promiseBound).toBe(startDateWith(route, TODAY, calendar, new Map()));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('P50 ≤ P80, both on or after today, and the binding item lies on the binding path', () => {
    fc.assert(
      fc.property(arbitraryRoute, fc.integer({ min: 1, max: 1000 }), (route, seed) => {
        const forecast = forecastStart(route, TODAY, calendar, { draws: 200, seed });
        expect(TODAY <= forecast.p50 && forecast.p50 <= forecast.p80).toBe(true);
        expect(forecast.bindingPath.at(-1)?.code).toBe('CONSTRUCT');
        expect(forecast.bindingPath).toContainEqual(forecast.binding);
        expect(forecast).toEqual(forecastStart(route, TODAY, calendar, { draws: 200, seed }));
      }),
      { numRuns: 100 },
    );
  });

  it('a project whose CONSTRUCT is approved is startable now, whatever else is open', () => {
    fc.assert(
      fc.property(arbitraryRoute, (route) => {
        const approved = route.map((entry) =>
          entry.code === 'CONSTRUCT' ? { ...entry, current: decided('2026-09-10') } : entry,
        );
        const forecast = forecastStart(approved, TODAY, calendar, { draws: 5 });
        expect(forecast).toMatchObject({
          startableNow: true,
          startableSince: '2026-09-10',
          p50: TODAY,
          p80: TODAY,
          promiseBound: TODAY,
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('calibration on generated history', () => {
  /**
   * True durations: each item its own discrete distribution, 1 + ⌊mean · Exp(1)⌋ (geometric-like,
   * right-skewed, as approval times are). History: 150 applications per item, each censored at a
   * uniform 0..3·mean working days (still open then), so about a third are censored and the tail
   * beyond the largest observation matters (cut there instead of extended, coverage falls to ~65%).
   * Projects: 300, each at a random point of its own true timeline (its route began 0..35 working
   * days before today); the states at today follow from the truth (decided when its decision day
   * ≤ today, open with its elapsed days, planned otherwise), so open items' true durations are
   * drawn from the same distribution conditioned on having lasted their elapsed days.
   * Expected: ~80% of true starts on or before the P80 date; tolerance 72–88% (±8 points: about 3.5
   * standard errors for ~270 Bernoulli(0.8) outcomes; the history's own sampling error adds to it).
   * With this seed 80.1%; other seeds gave 80–84%.
   */
  const means: Record<string, number> = {
    FILING: 2,
    LAND_PRE: 6,
    ENERGY: 5,
    LAND_PLAN: 4,
    PLAN_REVIEW: 8,
    BUILD_PLAN: 4,
    EIA: 10,
    FIRE: 6,
    CONSTRUCT: 3,
  };
  const shape: Array<[string, number, string[]]> = [
    ['FILING', 1, []],
    ['LAND_PRE', 1, []],
    ['ENERGY', 1, []],
    ['LAND_PLAN', 1, ['LAND_PRE']],
    ['PLAN_REVIEW', 2, []],
    ['BUILD_PLAN', 2, ['PLAN_REVIEW']],
    ['EIA', 2, []],
    ['FIRE', 3, []],
    ['CONSTRUCT', 3, ['FIRE']],
  ];

  it('about 80% of simulated starts fall on or before the P80 date', () => {
    const random = seededRandom(2026);
    const trueDuration = (code: string) => 1 + Math.floor(-means[code]! * Math.log(1 - random()));
    const models = new Map(
      shape.map(([code]) => {
        const history: DurationObservation[] = Array.from({ length: 150 }, () => {
          const duration = trueDuration(code);
          const censorAt = Math.floor(random() * 3 * means[code]!);
          return duration <= censorAt
            ? { days: duration, finished: true }
            : { days: censorAt, finished: false };
        });
        return [code, durationModel(history, Math.round(means[code]!))];
      }),
    );
    const today = '2026-09-01';
    let covered = 0;
    let counted = 0;
    let censoredItems = 0;
    for (let project = 0; project < 300; project += 1) {
      const offset = Math.floor(random() * 36);
      // The true timeline in working days relative to the route's beginning.
      const finish = new Map<string, number>();
      const begin = new Map<string, number>();
      for (const [code, stage, after] of shape) {
        let ready = 0;
        for (const [other, otherStage] of shape)
          if (otherStage < stage) ready = Math.max(ready, finish.get(other)!);
        for (const other of after) ready = Math.max(ready, finish.get(other)!);
        begin.set(code, ready);
        finish.set(code, ready + trueDuration(code));
      }
      const route = shape.map(([code, stage, after]): ForecastRouteItem => {
        const accepted = begin.get(code)! - offset;
        const decidedAt = finish.get(code)! - offset;
        let current: ForecastItemState;
        if (decidedAt <= 0) current = { state: 'decided', decidedOn: today };
        else if (accepted <= 0) {
          current = { state: 'accepted', acceptedOn: today, elapsedWorkingDays: -accepted };
          censoredItems += 1;
        } else current = planned;
        return item(code, stage, Math.round(means[code]!), current, { after, model: models.get(code)! });
      });
      const trueStart = finish.get('CONSTRUCT')! - offset;
      if (trueStart <= 0) continue;
      const forecast = forecastStart(route, today, calendar, { draws: 1000, seed: project + 1 });
      counted += 1;
      const trueStartOn = calendar.addWorkingDays(today, trueStart);
      if (trueStartOn <= forecast.p80) covered += 1;
    }
    expect(counted).toBeGreaterThan(250);
    expect(censoredItems).toBeGreaterThan(100); // the conditional distributions are exercised
    const share = covered / counted;
    expect(share).toBeGreaterThanOrEqual(0.72);
    expect(share).toBeLessThanOrEqual(0.88);
  });

  it('on parallel items the Monte-Carlo P80 holds where composed per-item P80s fall short', () => {
    // Stage 1 decided; four parallel stage-2 items, each 1 + ⌊6 · Exp(1)⌋ days (history of 400,
    // censored at uniform 0..29 days: about a fifth open); CONSTRUCT follows, 2 promised days, no
    // history. Composing per-item P80s gives the join's date by max(P80ᵢ), which all four meet with
    // chance ≈ 0.8⁴ ≈ 41% (46% here; the Monte-Carlo P80 covers 81%, 79–83% over other seeds). (On the
    // full route above, composition happens to land near 82%: the sums along the chain overshoot
    // as much as the joins undershoot — an accident of the route's shape, not a method.)
    const random = seededRandom(17);
    const trueDuration = () => 1 + Math.floor(-6 * Math.log(1 - random()));
    const codes = ['PLAN_REVIEW', 'BUILD_PLAN', 'EIA', 'FIRE_DESIGN'];
    const models = codes.map(() =>
      durationModel(
        Array.from({ length: 400 }, () => {
          const duration = trueDuration();
          const censorAt = Math.floor(random() * 30);
          return duration <= censorAt
            ? { days: duration, finished: true }
            : { days: censorAt, finished: false };
        }),
        6,
      ),
    );
    const route = [
      ...stageOneDone,
      ...codes.map((code, index) => item(code, 2, 6, planned, { model: models[index]! })),
      item('CONSTRUCT', 3, 2, planned),
    ];
    const today = '2026-04-20';
    const forecast = forecastStart(route, today, calendar, { draws: 4000 });
    const composed = startDateWith(
      route,
      today,
      calendar,
      new Map(route.map((entry) => [entry.code, durationQuantile(entry.model, 0.8)])),
    );
    let monteCarlo = 0;
    let perItem = 0;
    const projects = 1000;
    for (let project = 0; project < projects; project += 1) {
      const join = Math.max(...codes.map(() => trueDuration()));
      const startOn = calendar.addWorkingDays(today, join + 2);
      if (startOn <= forecast.p80) monteCarlo += 1;
      if (startOn <= composed) perItem += 1;
    }
    expect(monteCarlo / projects).toBeGreaterThanOrEqual(0.72);
    expect(monteCarlo / projects).toBeLessThanOrEqual(0.88);
    expect(perItem / projects).toBeLessThan(0.72); // outside the band: 46% here
  });
});
