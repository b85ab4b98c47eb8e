import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { useAddressFilters } from '../composables/usePagedList';
import { routerAt } from '../testing/router';
import { keyWorkMatches, keyWorkUrl, type KeyWorkFilters } from './key-works-query';

const row = (projectName: string, leadDepartmentName: string | null, missingReports: string[] = []) => ({
  projectName,
  projectCode: 'XM-1',
  leadDepartmentName,
  missingReports,
});

describe('重点工程 in the address', () => {
  it('reads and writes its search and "only missing" (anything else is the blank value)', () => {
    expect(keyWorkUrl.read({ q: ' 大道 ', missing: '1' })).toEqual({ q: '大道', missing: true });
    expect(keyWorkUrl.read({ missing: 'yes' })).toEqual({ q: '', missing: false });
    expect(keyWorkUrl.write({ q: '', missing: false })).toEqual({});
    const filters = { q: '交通局', missing: true };
    expect(keyWorkUrl.read(keyWorkUrl.write(filters) as Record<string, string>)).toEqual(filters);
  });

  it('matches a row by project or lead department, and by a missing report', () => {
    expect(keyWorkMatches(row('滨江大道', '交通局'), { q: '交通', missing: false })).toBe(true);
    expect(keyWorkMatches(row('滨江大道', null), { q: 'xm-1', missing: false })).toBe(true);
    expect(keyWorkMatches(row('滨江大道', '交通局'), { q: '', missing: true })).toBe(false);
    expect(keyWorkMatches(row('滨江大道', '交通局', ['2026-05']), { q: '', missing: true })).toBe(true);
  });

  it('keeps the year and the drill-down of the address when a filter changes; back restores the filters', async () => {
    const router = await routerAt('/key-works?year=2025&plannedStart=true&q=大道');
    let filters!: KeyWorkFilters;
    const Page = defineComponent({
      setup() {
        filters = useAddressFilters(keyWorkUrl);
        return () => h('div');
      },
    });
    const wrapper = mount(Page, { global: { plugins: [router] } });
    expect(filters).toEqual({ q: '大道', missing: false });

    filters.missing = true;
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({
      year: '2025',
      plannedStart: 'true',
      q: '大道',
      missing: '1',
    });
    // Typing a trailing space changes nothing in the address (and is not undone).
    filters.q = '大道 ';
    await flushPromises();
    expect(filters.q).toBe('大道 ');
    expect(router.currentRoute.value.query.q).toBe('大道');

    await router.replace('/key-works?year=2025');
    await flushPromises();
    expect(filters).toEqual({ q: '', missing: false });
    wrapper.unmount();
  });
});
