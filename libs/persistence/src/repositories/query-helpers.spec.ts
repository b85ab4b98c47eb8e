import { describe, expect, it } from 'vitest';
import { filterConditions } from './query-helpers';

describe('filterConditions', () => {
  it('keeps the conditions whose value is given, in order, each taking its value', () => {
    const conditions = filterConditions([
      ['p.source = ?', '沪洽会'],
      ['p.lead_department_id = ?', undefined],
      ['m.department_id = ?', '7'],
      ['p.industry = ?', ''],
    ]);
    expect(conditions).toEqual({
      parts: ['p.source = ?', 'm.department_id = ?'],
      sql: ' AND p.source = ? AND m.department_id = ?',
      params: ['沪洽会', '7'],
    });
  });

  it('is empty when no value is given', () => {
    expect(filterConditions([['entity_type = ?', undefined]])).toEqual({ parts: [], sql: '', params: [] });
  });
});
