import { describe, expect, it } from 'vitest';
import {
  alertsDrill,
  drillOf,
  approvalsDrill,
  keyWorksDrill,
  kpiDrill,
  monthRange,
  projectsDrill,
  reachedProjectsDrill,
  signedProjectsDrill,
  type DrillContext,
} from './drill';

const context: DrillContext = { year: 2025, asOfDate: '2025-06-15' };
const filtered: DrillContext = { ...context, source: '沪洽会', departmentId: 'dept-1' };

describe('drill targets', () => {
  it('maps the cockpit source and department onto the project list', () => {
    expect(projectsDrill(filtered, { talksYear: 2025 })).toEqual({
      list: 'projects',
      query: { source: '沪洽会', leadDepartmentId: 'dept-1', talksYear: '2025' },
    });
    expect(projectsDrill(context)).toEqual({ list: 'projects', query: {} });
  });

  it('leaves out undefined and empty values, and lets extra values win', () => {
    expect(projectsDrill(filtered, { source: '港洽会', industry: undefined, q: '' }).query).toEqual({
      source: '港洽会',
      leadDepartmentId: 'dept-1',
    });
  });

  it('builds signed and reached-stage project lists of the year', () => {
    expect(signedProjectsDrill(context)).toEqual({ list: 'projects', query: { year: '2025' } });
    expect(reachedProjectsDrill(context, 'started')).toEqual({
      list: 'projects',
      query: { year: '2025', reached: 'started', asOf: '2025-06-15' },
    });
  });

  it('maps the department onto approvals and alerts, and as lead department onto key works', () => {
    expect(approvalsDrill(filtered, { light: 'red' })).toEqual({
      list: 'approvals',
      query: { departmentId: 'dept-1', light: 'red' },
    });
    expect(alertsDrill(filtered, { level: 3 })).toEqual({
      list: 'alerts',
      query: { departmentId: 'dept-1', level: '3' },
    });
    expect(keyWorksDrill(filtered)).toEqual({
      list: 'key-works',
      query: { year: '2025', source: '沪洽会', leadDepartmentId: 'dept-1' },
    });
  });
});

describe('kpiDrill', () => {
  it.each([
    ['signed', { list: 'projects', query: { year: '2025' } }],
    ['amount', { list: 'projects', query: { year: '2025' } }],
    ['funds', { list: 'projects', query: { year: '2025' } }],
    ['landing', { list: 'projects', query: { year: '2025', reached: 'registered', asOf: '2025-06-15' } }],
    ['start', { list: 'projects', query: { year: '2025', reached: 'started', asOf: '2025-06-15' } }],
    ['keyWorks', { list: 'key-works', query: { year: '2025' } }],
    ['keyWorkStart', { list: 'key-works', query: { year: '2025', plannedStart: 'true' } }],
    ['investment', { list: 'key-works', query: { year: '2025' } }],
    ['onTime', { list: 'approvals', query: { decidedYear: '2025', asOf: '2025-06-15' } }],
    ['overdue', { list: 'approvals', query: { overdue: 'true', asOf: '2025-06-15' } }],
    ['alerts', { list: 'alerts', query: { status: 'unresolved' } }],
  ] as const)('opens the list behind the %s card', (kind, target) => {
    expect(kpiDrill(kind, context)).toEqual(target);
  });

  it('narrows the alerts card to a level and keeps the cockpit filters', () => {
    expect(kpiDrill('alerts', context, 2)).toEqual({
      list: 'alerts',
      query: { level: '2', status: 'unresolved' },
    });
    expect(kpiDrill('start', filtered)).toEqual({
      list: 'projects',
      query: {
        year: '2025',
        reached: 'started',
        asOf: '2025-06-15',
        source: '沪洽会',
        leadDepartmentId: 'dept-1',
      },
    });
    expect(kpiDrill('overdue', filtered).query).toEqual({
      departmentId: 'dept-1',
      source: '沪洽会',
      overdue: 'true',
      asOf: '2025-06-15',
    });
  });
});

describe('monthRange', () => {
  it('gives the first and last day of a month, leap years included', () => {
    expect(monthRange('2025-06')).toEqual({ from: '2025-06-01', to: '2025-06-30' });
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2025-02')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(monthRange('2025-12')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
});

describe('drillOf', () => {
  it('reads the drill target of a clicked data item', () => {
    const target = { list: 'approvals', query: { departmentId: 'd1', light: 'red' } };
    expect(drillOf({ data: { value: 3, drill: target } })).toEqual(target);
  });

  it('is undefined for items without one, or with something else', () => {
    expect(drillOf({ data: { value: 3 } })).toBeUndefined();
    expect(drillOf({ data: 0.5 })).toBeUndefined();
    expect(drillOf({ data: { drill: { list: 'users', query: {} } } })).toBeUndefined();
    expect(drillOf({ data: { drill: { list: 'projects' } } })).toBeUndefined();
    expect(drillOf(null)).toBeUndefined();
  });
});
