import { describe, expect, it } from 'vitest';
import {
  approvalDrillFromQuery,
  approvalDrillTags,
  keyWorkDrillFromQuery,
  keyWorkDrillTags,
} from './list-drill';

const t = (key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ''}`;

describe('list drill-downs of the approvals and key works', () => {
  it('reads 办结 in a year at an as-of date, and describes it', () => {
    const drill = approvalDrillFromQuery({
      decidedYear: '2026',
      asOf: '2026-11-30',
      source: '沪洽会',
      x: '1',
    });
    expect(drill).toEqual({ decidedYear: '2026', asOf: '2026-11-30', source: '沪洽会' });
    expect(approvalDrillTags(drill, t).map((tag) => tag.text)).toEqual([
      'approvals.drill.decidedYearAsOf{"year":"2026","date":"2026-11-30"}',
      'approvals.drill.source{"value":"沪洽会"}',
    ]);
  });

  it('reads 逾期未办; leaves malformed values out', () => {
    expect(approvalDrillFromQuery({ overdue: 'true', asOf: 'soon', decidedYear: '26' })).toEqual({
      overdue: true,
    });
    expect(approvalDrillFromQuery({ asOf: '2026-11-30' })).toEqual({});
  });

  it('reads 计划新开工 with the cockpit source and department', () => {
    const drill = keyWorkDrillFromQuery({ plannedStart: 'true', leadDepartmentId: '3' });
    expect(drill).toEqual({ plannedStart: true, leadDepartmentId: '3' });
    expect(keyWorkDrillTags(drill, t, () => '发改局').map((tag) => tag.text)).toEqual([
      'keyWorks.drill.plannedStart',
      'projects.drill.department{"value":"发改局"}',
    ]);
  });
});
