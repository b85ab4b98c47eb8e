import { MilestoneState, OPEN_MILESTONE_STATES } from '@luodi/domain';
import { describe, expect, it } from 'vitest';
import { sqlValue, sqlValues } from './sql-values';

describe('domain values in SQL text', () => {
  it('quotes list values as the SQL that spelt them before', () => {
    expect(sqlValue(MilestoneState.deemed_approved)).toBe("'deemed_approved'");
    expect(sqlValues(OPEN_MILESTONE_STATES)).toBe(
      "('planned','submitted','supplement_requested','accepted','suspended')",
    );
  });

  it('refuses anything that is not a list value', () => {
    expect(() => sqlValue("x' OR '1'='1")).toThrow(/not a value-list value/);
    expect(() => sqlValues([])).toThrow(/empty/);
  });
});
