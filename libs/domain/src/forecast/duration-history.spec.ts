import chineseDays from 'chinese-days/dist/chinese-days.json';
import { describe, expect, it } from 'vitest';
import { type CalendarException, WorkingCalendar } from '../calendar/working-calendar';
import {
  DurationModels,
  durationObservationOf,
  histogramOf,
  historyKey,
  historyWindowStart,
  observationsOf,
} from './duration-history';
import { kaplanMeier, MIN_OBSERVATIONS_FOR_HISTORY } from './kaplan-meier';

// The real 2026 calendar (State Council, via the maintained data package): 春节 Feb 15–23 off with
// Sat Feb 14 and Sat Feb 28 worked.
const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
const exceptions: CalendarException[] = [
  ...Object.keys(data.holidays).map((date) => ({ date, kind: 'holiday' as const })),
  ...Object.keys(data.workdays).map((date) => ({ date, kind: 'workday' as const })),
];
const calendar = new WorkingCalendar(exceptions);

describe('duration history: observations from milestones', () => {
  it('the window starts the same day three years before (29 Feb → 28 Feb)', () => {
    expect(historyWindowStart('2026-12-07')).toBe('2023-12-07');
    expect(historyWindowStart('2028-02-29')).toBe('2025-02-28');
  });

  it('a decided milestone is an event: working days after acceptance up to the decision, across 春节', () => {
    // Accepted Thu Feb 12; working days after it: Fri 13 (1), Sat 14 调休 (2), [15–23 off], Tue 24 (3), Wed 25 (4).
    expect(
      durationObservationOf(
        calendar,
        { acceptedOn: '2026-02-12', decidedOn: '2026-02-25', suspendedWorkingDays: 0 },
        '2026-12-07',
      ),
    ).toEqual({ days: 4, finished: true });
  });

  it('suspended working days are netted out', () => {
    // Mon Mar 2 → Fri Mar 13: 9 working days, 3 of them suspended.
    expect(
      durationObservationOf(
        calendar,
        { acceptedOn: '2026-03-02', decidedOn: '2026-03-13', suspendedWorkingDays: 3 },
        '2026-12-07',
      ),
    ).toEqual({ days: 6, finished: true });
  });

  it('an open milestone, or one decided after asOf, is censored at asOf', () => {
    const open = { acceptedOn: '2026-11-30', decidedOn: null, suspendedWorkingDays: 0 };
    expect(durationObservationOf(calendar, open, '2026-12-07')).toEqual({ days: 5, finished: false });
    const later = { ...open, decidedOn: '2026-12-10' };
    expect(durationObservationOf(calendar, later, '2026-12-07')).toEqual({ days: 5, finished: false });
  });

  it('a withdrawn milestone (终止办理) is censored at its termination day', () => {
    expect(
      durationObservationOf(
        calendar,
        { acceptedOn: '2026-03-02', decidedOn: '2026-03-13', suspendedWorkingDays: 0, withdrawn: true },
        '2026-12-07',
      ),
    ).toEqual({ days: 9, finished: false });
  });

  it('acceptances before the window or after asOf are left out; the first day of the window counts', () => {
    const at = (acceptedOn: string) =>
      durationObservationOf(calendar, { acceptedOn, decidedOn: null, suspendedWorkingDays: 0 }, '2026-12-07');
    expect(at('2023-12-06')).toBeNull();
    expect(at('2023-12-07')).not.toBeNull();
    expect(at('2026-12-08')).toBeNull();
  });

  it('a histogram stands for the same observations and the same Kaplan–Meier curve', () => {
    const observations = [
      { days: 3, finished: true },
      { days: 5, finished: false },
      { days: 3, finished: false },
      { days: 8, finished: true },
      { days: 3, finished: true },
    ];
    const histogram = histogramOf(observations);
    expect(histogram).toEqual([
      { days: 3, events: 2, censored: 1 },
      { days: 5, events: 0, censored: 1 },
      { days: 8, events: 1, censored: 0 },
    ]);
    expect(kaplanMeier(observationsOf(histogram))).toEqual(kaplanMeier(observations));
  });

  it('models: the history with enough observations, the promised days otherwise or with none', () => {
    const rich = [{ days: 4, events: MIN_OBSERVATIONS_FOR_HISTORY, censored: 0 }];
    const poor = [{ days: 4, events: MIN_OBSERVATIONS_FOR_HISTORY - 1, censored: 0 }];
    const models = new DurationModels(
      new Map([
        [historyKey('PLAN', '7'), rich],
        [historyKey('FIRE', '7'), poor],
      ]),
      new Map([
        ['PLAN', 10],
        ['FIRE', 15],
      ]),
    );
    expect(models.modelFor('PLAN', '7').curve?.observations).toBe(MIN_OBSERVATIONS_FOR_HISTORY);
    expect(models.modelFor('PLAN', '7').promisedDays).toBe(10);
    expect(models.modelFor('FIRE', '7')).toEqual({ promisedDays: 15, curve: null });
    expect(models.modelFor('LAND', '9', 20)).toEqual({ promisedDays: 20, curve: null });
    expect([...models.all().keys()].sort()).toEqual([historyKey('FIRE', '7'), historyKey('PLAN', '7')]);
  });
});
