import chineseDays from 'chinese-days/dist/chinese-days.json';
import { describe, expect, it } from 'vitest';
import { ALERT_KINDS } from '../alerts/alert-rules';
import { type CalendarException, WorkingCalendar } from '../calendar/working-calendar';
import { type ForecastSnapshot, forecastAccuracy, workingDaysApart } from './forecast-accuracy';
import {
  keyWorkStartMonth,
  monthEnd,
  plannedStartOf,
  START_AT_RISK_KIND,
  startAtRiskCondition,
} from './start-at-risk';
import type { StartForecast } from './start-forecast';

const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
const exceptions: CalendarException[] = [
  ...Object.keys(data.holidays).map((date) => ({ date, kind: 'holiday' as const })),
  ...Object.keys(data.workdays).map((date) => ({ date, kind: 'workday' as const })),
];
const calendar = new WorkingCalendar(exceptions);

const binding = {
  code: 'EIA',
  departmentId: 'dept-eco',
  stage: 2,
  startOn: '2026-09-21',
  finishOn: '2026-10-12',
  remainingDays: 10,
};
function forecast(overrides: Partial<StartForecast> = {}): StartForecast {
  return {
    startableNow: false,
    startableSince: null,
    constructRejected: false,
    promiseBound: '2026-10-20',
    p50: '2026-10-26',
    p80: '2026-11-05',
    bindingPath: [binding],
    binding,
    ...overrides,
  };
}
const facts = (plannedStartDate: string | null, f = forecast()) => ({
  projectId: 'p-1',
  leadDepartmentId: 'dept-lead',
  plannedStartDate,
  forecast: f,
});

describe('startAtRiskCondition', () => {
  it('is an alert kind of the domain list (raised by the checks’ project source)', () => {
    expect((ALERT_KINDS as readonly string[]).includes(START_AT_RISK_KIND)).toBe(true);
  });

  it('level 1 when P80 is after the planned start, naming the binding item and department', () => {
    expect(startAtRiskCondition(facts('2026-11-01'))).toEqual({
      kind: 'start_at_risk',
      subjectType: 'project',
      subjectId: 'p-1',
      departmentId: 'dept-eco',
      projectId: 'p-1',
      level: 1,
      detail: {
        plannedStart: '2026-11-01',
        plannedMonth: null,
        promiseBound: '2026-10-20',
        p50: '2026-10-26',
        p80: '2026-11-05',
        bindingItem: 'EIA',
        bindingDepartmentId: 'dept-eco',
      },
    });
  });

  it('level 2 when even the promise-bound date is after it', () => {
    expect(startAtRiskCondition(facts('2026-10-19'))?.level).toBe(2);
  });

  it('none on or before P80, without a planned start, or when startable now', () => {
    expect(startAtRiskCondition(facts('2026-11-05'))).toBeNull();
    expect(startAtRiskCondition(facts(null))).toBeNull();
    const startable = forecast({
      startableNow: true,
      startableSince: '2026-09-01',
      bindingPath: [],
      binding: null,
    });
    expect(startAtRiskCondition(facts('2026-01-01', startable))).toBeNull();
  });

  it("uses a key work's planned start month (its last day) and the lead department without a binding item", () => {
    const condition = startAtRiskCondition({
      ...facts(null, forecast({ binding: null, bindingPath: [] })),
      plannedStartMonth: '2026-10',
    });
    expect(condition).toMatchObject({
      level: 1,
      departmentId: 'dept-lead',
      detail: { plannedStart: '2026-10-31', plannedMonth: '2026-10' },
    });
    expect(startAtRiskCondition({ ...facts(null), plannedStartMonth: '2026-11' })).toBeNull();
  });

  it('a P80 on the last day of the planned month is within it; the day after is at risk', () => {
    // facts' forecast: promise-bound 2026-10-20, P80 2026-11-05.
    const p80On = (p80: string) => forecast({ p80, p50: '2026-10-26' });
    expect(
      startAtRiskCondition({ ...facts(null, p80On('2026-10-31')), plannedStartMonth: '2026-10' }),
    ).toBeNull();
    expect(
      startAtRiskCondition({ ...facts(null, p80On('2026-11-01')), plannedStartMonth: '2026-10' })?.level,
    ).toBe(1);
  });

  it('the planned start date wins over the key work month', () => {
    expect(startAtRiskCondition({ ...facts('2026-11-30'), plannedStartMonth: '2026-10' })).toBeNull();
  });
});

describe('plannedStartOf', () => {
  it('is the plannedStartDate when set, else the last day of the key work month, else null', () => {
    expect(plannedStartOf('2026-09-10', '2026-08')).toEqual({ by: '2026-09-10', month: null });
    expect(plannedStartOf(null, '2026-09')).toEqual({ by: '2026-09-30', month: '2026-09' });
    expect(plannedStartOf(null, '2028-02')).toEqual({ by: '2028-02-29', month: '2028-02' });
    expect(plannedStartOf(null, null)).toBeNull();
    expect(plannedStartOf(undefined)).toBeNull();
  });

  it('monthEnd and keyWorkStartMonth', () => {
    expect(monthEnd('2026-12')).toBe('2026-12-31');
    expect(monthEnd('2027-02')).toBe('2027-02-28');
    expect(keyWorkStartMonth(2026, 9)).toBe('2026-09');
    expect(keyWorkStartMonth(2026, 12)).toBe('2026-12');
    expect(keyWorkStartMonth(2026, null)).toBeNull();
    expect(keyWorkStartMonth(2026, 13)).toBeNull();
  });
});

describe('forecastAccuracy', () => {
  const snapshot = (
    projectId: string,
    departmentId: string,
    snapshotDate: string,
    p50: string,
    p80: string,
  ): ForecastSnapshot => ({
    projectId,
    departmentId,
    snapshotDate,
    p50,
    p80,
  });

  it('counts errors in working days on the real calendar (国庆 in between)', () => {
    // Sep 30 → Oct 12: Oct 8, 9, Sat 10 调休, 12 = 4 working days, whichever way round.
    expect(workingDaysApart(calendar, '2026-09-30', '2026-10-12')).toBe(4);
    expect(workingDaysApart(calendar, '2026-10-12', '2026-09-30')).toBe(4);
  });

  it('gives mean absolute P50 error and the share started by P80, per department and overall', () => {
    const snapshots = [
      // p-1 started Oct 12: error 4 (P50 Sep 30), on or before P80 (Oct 12) → yes.
      snapshot('p-1', 'dept-a', '2026-08-31', '2026-09-30', '2026-10-12'),
      // …and its next snapshot: error 0, by P80.
      snapshot('p-1', 'dept-a', '2026-09-30', '2026-10-12', '2026-10-16'),
      // p-2 started Oct 16: P50 Oct 19 → error 1 (Oct 19); P80 Oct 15 → after it.
      snapshot('p-2', 'dept-b', '2026-09-30', '2026-10-19', '2026-10-15'),
      // p-3 has not started: left out; so is a snapshot taken after p-1's start.
      snapshot('p-3', 'dept-b', '2026-09-30', '2026-10-19', '2026-10-30'),
      snapshot('p-1', 'dept-a', '2026-10-31', '2026-10-12', '2026-10-12'),
    ];
    const started = new Map([
      ['p-1', '2026-10-12'],
      ['p-2', '2026-10-16'],
    ]);
    expect(forecastAccuracy(calendar, snapshots, started)).toEqual({
      overall: { snapshots: 3, meanAbsoluteErrorDays: 5 / 3, shareByP80: 2 / 3 },
      byDepartment: [
        { departmentId: 'dept-a', snapshots: 2, meanAbsoluteErrorDays: 2, shareByP80: 1 },
        { departmentId: 'dept-b', snapshots: 1, meanAbsoluteErrorDays: 1, shareByP80: 0 },
      ],
    });
    expect(forecastAccuracy(calendar, [], started)).toEqual({
      overall: { snapshots: 0, meanAbsoluteErrorDays: null, shareByP80: null },
      byDepartment: [],
    });
  });
});
