import type { DOMWrapper, VueWrapper } from '@vue/test-utils';
import { expect, vi } from 'vitest';

/**
 * Make `matchMedia` answer like a phone (every `max-width` query matches) until
 * `vi.unstubAllGlobals()`: lists render as cards, dialogs full-screen.
 */
export function stubPhoneScreen(): void {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: query.includes('max-width'),
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));
}

/** The cards of a list on a phone, after checking it shows them in place of the table. */
export function listCards(wrapper: Pick<VueWrapper, 'find' | 'findAll'>): DOMWrapper<Element>[] {
  expect(wrapper.find('.el-table').exists()).toBe(false);
  return wrapper.findAll('[data-testid="list-card"]');
}
