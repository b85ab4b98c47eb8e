import { vi } from 'vitest';

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
