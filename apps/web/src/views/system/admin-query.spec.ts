import { describe, expect, it } from 'vitest';
import { auditUrl, catalogMatches, catalogUrl, deliveryUrl } from './admin-query';

describe('the admin lists in the address', () => {
  it('round-trips the filters of the audit log, failed deliveries and the catalog', () => {
    const cases = [
      [auditUrl, { entityType: 'project', entityId: '7' }],
      [deliveryUrl, { status: 'sent' }],
      [catalogUrl, { q: '用地', departmentId: '3' }],
    ] as const;
    for (const [url, filters] of cases) {
      const read = (url.read as (query: Record<string, string>) => object)(
        (url.write as (value: object) => Record<string, string>)(filters),
      );
      expect(read).toEqual(filters);
    }
    expect(deliveryUrl.write({ status: 'failed' })).toEqual({});
    expect(deliveryUrl.read({ status: 'lost' })).toEqual({ status: 'failed' });
  });

  it('matches a catalog item by code or name and by department', () => {
    const item = { code: 'LAND_PLAN', name: '建设用地规划许可证', departmentId: '3' };
    expect(catalogMatches(item, { q: 'land', departmentId: '' })).toBe(true);
    expect(catalogMatches(item, { q: '规划', departmentId: '3' })).toBe(true);
    expect(catalogMatches(item, { q: '', departmentId: '5' })).toBe(false);
  });
});
