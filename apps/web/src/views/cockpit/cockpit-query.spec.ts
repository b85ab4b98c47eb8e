import { describe, expect, it } from 'vitest';
import {
  chartFileName,
  futureAsOf,
  isCalendarDate,
  listPath,
  reportMonthOf,
  stateFromQuery,
  stateToFilters,
  stateToQuery,
} from './cockpit-query';

const TODAY = '2026-11-25';

describe('cockpit filters in the address', () => {
  it('defaults to this year, today, every source and department; the defaults stay out of the URL', () => {
    const state = stateFromQuery({}, TODAY);
    expect(state).toEqual({ year: 2026, asOf: TODAY, source: '', departmentId: '' });
    expect(stateToQuery(state, TODAY)).toEqual({});
    // As of today means "now": the API gets no asOf.
    expect(stateToFilters(state, TODAY)).toEqual({ year: 2026 });
  });

  it('reads and writes every filter, so a shared address shows the same view', () => {
    const query = { year: '2025', asOf: '2025-12-31', source: '沪洽会', departmentId: '7' };
    const state = stateFromQuery(query, TODAY);
    expect(state).toEqual({ year: 2025, asOf: '2025-12-31', source: '沪洽会', departmentId: '7' });
    expect(stateToQuery(state, TODAY)).toEqual(query);
    expect(stateToFilters(state, TODAY)).toEqual({
      year: 2025,
      asOf: '2025-12-31',
      source: '沪洽会',
      departmentId: '7',
    });
    expect(stateFromQuery(stateToQuery(state, TODAY) as Record<string, string>, TODAY)).toEqual(state);
  });

  it('falls back to the default for a malformed or future value, and takes the first of repeated ones', () => {
    expect(stateFromQuery({ year: '20x6', asOf: '2026-02-30' }, TODAY)).toMatchObject({
      year: 2026,
      asOf: TODAY,
    });
    expect(stateFromQuery({ asOf: '2026-11-26' }, TODAY).asOf).toBe(TODAY);
    expect(stateFromQuery({ source: ['港洽会', '沪洽会'] }, TODAY).source).toBe('港洽会');
  });

  it('names a future as-of date of the address (which the page reports, not silently replaces)', () => {
    expect(futureAsOf({ asOf: '2026-11-26' }, TODAY)).toBe('2026-11-26');
    expect(futureAsOf({ asOf: ['2030-01-01', '2020-01-01'] }, TODAY)).toBe('2030-01-01');
    expect(futureAsOf({ asOf: TODAY }, TODAY)).toBeNull();
    expect(futureAsOf({ asOf: '2026-11-24' }, TODAY)).toBeNull();
    expect(futureAsOf({ asOf: '2026-13-01' }, TODAY)).toBeNull();
    expect(futureAsOf({}, TODAY)).toBeNull();
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-1-01')).toBe(false);
  });
});

describe('cockpit helpers', () => {
  it('maps each drill list to its page', () => {
    expect(listPath('projects')).toBe('/projects');
    expect(listPath('approvals')).toBe('/approvals');
    expect(listPath('alerts')).toBe('/alerts');
    expect(listPath('key-works')).toBe('/key-works');
  });

  it('names the PNG after the chart and year, and the report month after the as-of date', () => {
    expect(chartFileName('funnel', 2026)).toBe('funnel-2026.png');
    expect(reportMonthOf(stateFromQuery({ asOf: '2026-03-31' }, TODAY))).toBe('2026-03');
  });
});
