import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import type { LocationQuery } from 'vue-router';
import { routerAt } from '../testing/router';
import type { ListDrillTag } from '../utils/list-drill';
import { useAddressDrill, type AddressDrill } from './useAddressDrill';

const read = (query: LocationQuery) => ({
  year: query.year as string | undefined,
  source: query.source as string | undefined,
});
const describeDrill = (drill: ReturnType<typeof read>): ListDrillTag[] => [
  ...(drill.year ? [{ keys: ['year'], text: `${drill.year}年` }] : []),
  ...(drill.source ? [{ keys: ['source'], text: `来源 ${drill.source}` }] : []),
];

async function drillAt(address: string) {
  const router = await routerAt(address);
  let state: AddressDrill<ReturnType<typeof read>> | undefined;
  mount(
    defineComponent({
      setup() {
        state = useAddressDrill(read, describeDrill, ['year', 'source']);
        return () => h('div');
      },
    }),
    { global: { plugins: [router] } },
  );
  return { router, state: state! };
}

describe('useAddressDrill', () => {
  it('reads the drill-down from the address and describes it as tags', async () => {
    const { state } = await drillAt('/approvals?year=2026&source=沪洽会&q=园');
    expect(state.drill.value).toEqual({ year: '2026', source: '沪洽会' });
    expect(state.tags.value.map((tag) => tag.text)).toEqual(['2026年', '来源 沪洽会']);
  });

  it('closing a tag removes its keys, clearing removes all the drill-down keeps the rest', async () => {
    const { router, state } = await drillAt('/approvals?year=2026&source=沪洽会&q=园');
    state.remove(state.tags.value[0]!);
    await router.isReady();
    await new Promise((resolve) => setTimeout(resolve));
    expect(router.currentRoute.value.query).toEqual({ source: '沪洽会', q: '园' });
    expect(state.tags.value.map((tag) => tag.text)).toEqual(['来源 沪洽会']);
    state.clear();
    await new Promise((resolve) => setTimeout(resolve));
    expect(router.currentRoute.value.query).toEqual({ q: '园' });
    expect(state.tags.value).toEqual([]);
  });
});
