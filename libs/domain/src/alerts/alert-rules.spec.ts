import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/working-calendar';
import {
  keyWorkConditions,
  milestoneConditions,
  projectConditions,
  recipientsOf,
  targetLevel,
} from './alert-rules';

const calendar = new WorkingCalendar([{ date: '2026-10-01', kind: 'holiday' }]);
const milestone = {
  id: '1',
  projectId: '9',
  departmentId: '3',
  state: 'accepted',
  deadline: '2026-11-16',
  decidedAt: null,
};

describe('milestone conditions', () => {
  it('raise due on yellow, overdue on red, deemed approval when 超时默认 applied, nothing when decided', () => {
    expect(milestoneConditions({ ...milestone, light: 'green' })).toEqual([]);
    expect(milestoneConditions({ ...milestone, light: 'yellow' })[0]).toMatchObject({
      kind: 'milestone_due',
      level: 1,
    });
    expect(milestoneConditions({ ...milestone, light: 'red' })[0]).toMatchObject({
      kind: 'milestone_overdue',
      level: 2,
    });
    expect(
      milestoneConditions({ ...milestone, state: 'deemed_approved', light: null, decidedAt: new Date() })[0],
    ).toMatchObject({
      kind: 'deemed_approval',
    });
    expect(
      milestoneConditions({ ...milestone, state: 'approved', light: null, decidedAt: new Date() }),
    ).toEqual([]);
  });
});

describe('project conditions', () => {
  const settings = { notRegisteredDays: 90, notStartedDays: 180 };
  const signed = {
    id: '9',
    leadDepartmentId: '3',
    stage: 'signed',
    signedAt: '2026-01-01',
    registeredAt: null,
    startedAt: null,
  };
  it('raise not_registered at the boundary and not before, level 2 thirty days later', () => {
    expect(projectConditions(signed, '2026-03-31', settings)).toEqual([]);
    expect(projectConditions(signed, '2026-04-01', settings)[0]).toMatchObject({
      kind: 'not_registered',
      level: 1,
    });
    expect(projectConditions(signed, '2026-05-01', settings)[0]).toMatchObject({ level: 2 });
  });
  it('raise not_started 180 days after registering; nothing for a terminated project', () => {
    const registered = { ...signed, stage: 'registered', registeredAt: '2026-01-10' };
    expect(projectConditions(registered, '2026-07-08', settings)).toEqual([]);
    expect(projectConditions(registered, '2026-07-09', settings)[0]).toMatchObject({
      kind: 'not_started',
      level: 1,
    });
    expect(projectConditions({ ...registered, stage: 'terminated' }, '2026-12-01', settings)).toEqual([]);
  });
});

describe('key work conditions', () => {
  const keyWork = {
    id: '5',
    projectId: '9',
    departmentId: '3',
    year: 2026,
    annualPlanInvestment: '1200.00',
    plannedStartMonth: null,
    startedAt: '2025-05-01',
  };
  it('measures investment behind 序时进度 in points: none at 10, yellow above 10, red above 30', () => {
    const reports = (total: string) => new Map([['2026-01', total]]);
    expect(
      keyWorkConditions({ ...keyWork, reports: reports('700.00') }, '2026-08-15', 7 / 12, []).map(
        (c) => c.kind,
      ),
    ).toEqual([]);
    expect(
      keyWorkConditions({ ...keyWork, reports: reports('500.00') }, '2026-08-15', 7 / 12, [])[0],
    ).toMatchObject({
      kind: 'investment_behind',
      level: 1,
    });
    expect(
      keyWorkConditions({ ...keyWork, reports: reports('100.00') }, '2026-08-15', 7 / 12, [])[0],
    ).toMatchObject({ level: 2 });
  });
  it('raises report_missing for due months without a report, and not_started after the planned month', () => {
    const conditions = keyWorkConditions(
      { ...keyWork, plannedStartMonth: 6, startedAt: null, reports: new Map([['2026-06', '100.00']]) },
      '2026-08-15',
      0,
      ['2026-05', '2026-06', '2026-07'],
    );
    expect(conditions.find((c) => c.kind === 'report_missing')?.detail).toEqual({ months: ['2026-07'] });
    expect(conditions.find((c) => c.kind === 'not_started')).toMatchObject({ level: 2 });
  });
});

describe('escalation', () => {
  const overdue = milestoneConditions({ ...milestone, deadline: '2026-11-16', light: 'red' })[0]!;
  it('rises to 3 after 1 working day unacknowledged at level 2', () => {
    const existing = {
      level: 2 as const,
      acknowledgedLevel: null,
      levelSinceDay: '2026-11-17',
      resolved: false,
    };
    expect(targetLevel(overdue, existing, calendar, '2026-11-17')).toBe(2);
    expect(targetLevel(overdue, existing, calendar, '2026-11-18')).toBe(3);
    expect(targetLevel(overdue, { ...existing, acknowledgedLevel: 2 }, calendar, '2026-11-18')).toBe(2);
  });
  it('rises to 3 when a milestone is 3 working days overdue, acknowledged or not', () => {
    const acknowledged = {
      level: 2 as const,
      acknowledgedLevel: 2 as const,
      levelSinceDay: '2026-11-17',
      resolved: false,
    };
    expect(targetLevel(overdue, acknowledged, calendar, '2026-11-18')).toBe(2);
    expect(targetLevel(overdue, acknowledged, calendar, '2026-11-19')).toBe(3);
  });
  it('never falls while open, and starts over after resolution', () => {
    const due = milestoneConditions({ ...milestone, light: 'yellow' })[0]!;
    expect(
      targetLevel(
        due,
        { level: 3, acknowledgedLevel: null, levelSinceDay: '2026-11-01', resolved: false },
        calendar,
        '2026-11-18',
      ),
    ).toBe(3);
    expect(
      targetLevel(
        due,
        { level: 3, acknowledgedLevel: null, levelSinceDay: '2026-11-01', resolved: true },
        calendar,
        '2026-11-18',
      ),
    ).toBe(1);
  });
  it('tells the department, and at 3 the bureau and leadership too', () => {
    expect(recipientsOf(2, '3')).toEqual(['department:3']);
    expect(recipientsOf(3, '3')).toEqual(['department:3', 'bureau', 'leadership']);
  });
});
