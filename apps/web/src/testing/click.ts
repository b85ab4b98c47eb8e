import { flushPromises } from '@vue/test-utils';

/** Anything that finds an element by selector: a mounted wrapper, or the document body's wrapper. */
interface Finder {
  get: (selector: string) => { trigger: (event: 'click') => Promise<unknown> };
}

/** Clicks the element with that test id and lets what it started settle. */
export async function clickSettled(within: Finder, testId: string): Promise<void> {
  await within.get(`[data-testid="${testId}"]`).trigger('click');
  await flushPromises();
}
