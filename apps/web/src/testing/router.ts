import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';

/**
 * A router in memory for a page's spec, already at `address` (every path leads to an empty page): the
 * page reads its filters from `router.currentRoute` and writes them back with `router.replace`.
 */
export async function routerAt(address: string): Promise<Router> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)*', component: defineComponent({ render: () => null }) }],
  });
  await router.push(address);
  await router.isReady();
  return router;
}
