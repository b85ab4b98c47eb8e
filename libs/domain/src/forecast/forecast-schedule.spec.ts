import chineseDays from 'chinese-days/dist/chinese-days.json';
import { describe, expect, it } from 'vitest';
import { type CalendarException, WorkingCalendar } from '../calendar/working-calendar';
import type { MilestoneClock } from '../approvals/milestone';
import { forecastStateOf } from './forecast-state';
import { durationModel } from './kaplan-meier';
import {
  type ForecastItemState,
  type ForecastRouteItem,
  forecastPhase,
  forecastSchedule,
  forecastStart,
} from './start-forecast';

const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
const exceptions: CalendarException[] = [
  ...Object.keys(data.holidays).map((date) => ({ date, kind: 'holiday' as const })),
  ...Object.keys(data.workdays).map((date) => ({ date, kind: 'workday' as const })),
];
const calendar = new WorkingCalendar(exceptions);

function item(
  code: string,
  stage: number,
  promisedDays: number,
  current: ForecastItemState,
  after: string[] = [],
  observations: number[] = [],
): ForecastRouteItem {
  return {
    code,
    stage,
    promisedDays,
    current,
    after,
    departmentId: `dept-${code}`,
    model: durationModel(
      observations.map((days) => ({ days, finished: true })),
      promisedDays,
    ),
  };
}

describe('forecastSchedule (the Gantt bars)', () => {
  // Today Mon 2026-09-21 (中秋 Sep 25–27, 国庆 Oct 1–7 off, Sun Sep 20 and Sat Oct 10 worked).
  const route = [
    item('FILING', 1, 5, { state: 'decided', decidedOn: '2026-09-01' }),
    item('PLAN_REVIEW', 2, 5, { state: 'accepted', acceptedOn: '2026-09-17', elapsedWorkingDays: 2 }),
    item('EIA', 2, 10, { state: 'planned' }, [], [4, 4, 4, 4, 4, 4]),
    item('CONSTRUCT', 3, 2, { state: 'planned' }),
    item('JOINT_ACCEPT', 4, 10, { state: 'planned' }),
  ];

  it('the promised walk ends on the promise-bound date; decided items and stage 4 have no bar', () => {
    const promised = forecastSchedule(route, '2026-09-21', calendar, 'promised');
    expect([...promised.keys()]).toEqual(['PLAN_REVIEW', 'EIA', 'CONSTRUCT']);
    // PLAN_REVIEW: 3 days left (Sep 24), from its acceptance; EIA 10 days: Oct 12; CONSTRUCT +2: Oct 14.
    expect(promised.get('PLAN_REVIEW')).toEqual({
      code: 'PLAN_REVIEW',
      startOn: '2026-09-17',
      finishOn: '2026-09-24',
    });
    expect(promised.get('EIA')).toMatchObject({ startOn: '2026-09-21', finishOn: '2026-10-12' });
    expect(promised.get('CONSTRUCT')).toMatchObject({ startOn: '2026-10-12', finishOn: '2026-10-14' });
    expect(forecastStart(route, '2026-09-21', calendar, { draws: 20 }).promiseBound).toBe('2026-10-14');
  });

  it('the median walk takes the history (EIA: 4 days) and the promised days without it', () => {
    const median = forecastSchedule(route, '2026-09-21', calendar, 'median');
    // EIA 4 days → Sep 28; PLAN_REVIEW (no history) Sep 24; stage 2 done Sep 28; CONSTRUCT +2 → Sep 30.
    expect(median.get('EIA')).toMatchObject({ finishOn: '2026-09-28' });
    expect(median.get('CONSTRUCT')).toMatchObject({ startOn: '2026-09-28', finishOn: '2026-09-30' });
  });

  it('phases: decided, open (accepted or suspended), waiting', () => {
    expect(route.map((entry) => forecastPhase(entry.current))).toEqual([
      'decided',
      'open',
      'waiting',
      'waiting',
      'waiting',
    ]);
    expect(forecastPhase({ state: 'suspended', acceptedOn: '2026-09-01', elapsedWorkingDays: 1 })).toBe(
      'open',
    );
  });
});

describe('forecastStateOf (a milestone clock at asOf → the engine state)', () => {
  const clock = (over: Partial<MilestoneClock>): MilestoneClock => ({
    state: 'planned',
    submittedAt: null,
    acceptedAt: null,
    acceptedOn: null,
    acceptanceDeemed: false,
    suspended: false,
    extensionDays: 0,
    suspendedWorkingDays: 0,
    deadline: null,
    remainingWorkingDays: null,
    light: null,
    decidedAt: null,
    decidedOnTime: null,
    nextChangeAt: null,
    cure: null,
    promise: null,
    ...over,
  });

  it('accepted: working days since acceptance net of suspension, with deadline and extension', () => {
    // Accepted Thu 2026-09-17; today Mon 09-21: Fri 18, Sun 20 (调休), Mon 21 = 3 working days, 1 suspended.
    expect(
      forecastStateOf(
        clock({
          state: 'accepted',
          acceptedOn: '2026-09-17',
          suspendedWorkingDays: 1,
          deadline: '2026-10-09',
          extensionDays: 2,
        }),
        '2026-09-21',
        calendar,
      ),
    ).toEqual({
      state: 'accepted',
      acceptedOn: '2026-09-17',
      elapsedWorkingDays: 2,
      deadline: '2026-10-09',
      extensionDays: 2,
    });
  });

  it('decided (approved, 超时默认, rejected) with its day; discontinued and supplement-requested wait', () => {
    const decidedAt = new Date('2026-09-18T02:00:00Z');
    expect(forecastStateOf(clock({ state: 'rejected', decidedAt }), '2026-09-21', calendar)).toEqual({
      state: 'decided',
      decidedOn: '2026-09-18',
      rejected: true,
    });
    expect(
      forecastStateOf(clock({ state: 'deemed_approved', decidedAt }), '2026-09-21', calendar),
    ).toMatchObject({
      state: 'decided',
      rejected: false,
    });
    expect(forecastStateOf(clock({ state: 'discontinued' }), '2026-09-21', calendar)).toEqual({
      state: 'planned',
    });
    expect(forecastStateOf(clock({ state: 'supplement_requested' }), '2026-09-21', calendar)).toEqual({
      state: 'submitted',
    });
  });
});
