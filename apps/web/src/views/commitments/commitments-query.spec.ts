import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import { commitmentDrillTags, commitmentQueryFrom } from './commitments-query';

const t = createAppI18n().global.t as unknown as (key: string, named?: Record<string, unknown>) => string;

describe('the 履约 list query', () => {
  it('reads the cockpit drill from the address, leaving out what is not well-formed', () => {
    // Every narrowing of the cockpit, well-formed: read as it stands.
    const drill = {
      filter: 'per_mu',
      year: '2026',
      asOf: '2026-12-07',
      source: '沪洽会',
      leadDepartmentId: '7',
      indicator: 'tax_per_mu',
      from: '10',
      to: '20',
    };
    expect(commitmentQueryFrom({ ...drill })).toEqual(drill);
    expect(
      commitmentQueryFrom({
        filter: 'everything',
        year: '26',
        asOf: 'today',
        leadDepartmentId: 'x',
        from: '1',
      }),
    ).toEqual({});
    // The bucket is only read with the per-mu figure.
    expect(commitmentQueryFrom({ filter: 'idle_land', indicator: 'tax_per_mu', from: '1' })).toEqual({
      filter: 'idle_land',
    });
  });

  it('names every narrowing in a closable tag', () => {
    const tags = commitmentDrillTags(
      { filter: 'per_mu', indicator: 'output_per_mu', from: '10', year: '2026', leadDepartmentId: '7' },
      t,
      () => '自然资源局',
    );
    expect(tags.map((tag) => tag.text)).toEqual(['亩均产值 10–∞ 万元/亩', '2026 年', '自然资源局']);
    expect(commitmentDrillTags({ filter: 'idle_land' }, t, String)[0]!.text).toBe('供而未建');
  });
});
