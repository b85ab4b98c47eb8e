import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import {
  COMPACT_MAX_WIDTH,
  NARROW_MAX_WIDTH,
  screenClassOf,
  useCompactScreen,
  useNarrowScreen,
} from './useNarrowScreen';

/** A window whose width the test sets: matchMedia answers `(max-width: N px)` queries from it. */
function fakeWindow(initialWidth: number) {
  let width = initialWidth;
  const lists: Array<{ max: number; listeners: Set<(event: MediaQueryListEvent) => void> }> = [];
  vi.stubGlobal('matchMedia', (query: string) => {
    const max = Number(/max-width:\s*(\d+)px/.exec(query)?.[1]);
    const entry = { max, listeners: new Set<(event: MediaQueryListEvent) => void>() };
    lists.push(entry);
    return {
      get matches() {
        return width <= max;
      },
      media: query,
      addEventListener: (_type: string, listener: (event: MediaQueryListEvent) => void) =>
        entry.listeners.add(listener),
      removeEventListener: (_type: string, listener: (event: MediaQueryListEvent) => void) =>
        entry.listeners.delete(listener),
    };
  });
  return {
    resize(next: number) {
      width = next;
      for (const entry of lists)
        for (const listener of entry.listeners)
          listener({ matches: width <= entry.max } as MediaQueryListEvent);
    },
    listenerCount: () => lists.reduce((sum, entry) => sum + entry.listeners.size, 0),
  };
}

function mountProbe() {
  let state = { narrow: false, compact: false };
  const wrapper = mount(
    defineComponent({
      setup() {
        const narrow = useNarrowScreen();
        const compact = useCompactScreen();
        return () => {
          state = { narrow: narrow.value, compact: compact.value };
          return h('div');
        };
      },
    }),
  );
  return { wrapper, state: () => state };
}

afterEach(() => vi.unstubAllGlobals());

describe('screen size classes', () => {
  it('a phone below 768 px, an office PC (1366) compact, 1440 px and more wide', () => {
    expect(screenClassOf(390)).toBe('phone');
    expect(screenClassOf(NARROW_MAX_WIDTH)).toBe('phone');
    expect(screenClassOf(768)).toBe('compact');
    expect(screenClassOf(1366)).toBe('compact');
    expect(screenClassOf(COMPACT_MAX_WIDTH)).toBe('compact');
    expect(screenClassOf(1440)).toBe('wide');
    expect(screenClassOf(1920)).toBe('wide');
  });

  it('follows the window as it changes size, and stops listening when the component goes', async () => {
    const screen = fakeWindow(390);
    const { wrapper, state } = mountProbe();
    expect(state()).toEqual({ narrow: true, compact: true });
    screen.resize(1366);
    await nextTick();
    expect(state()).toEqual({ narrow: false, compact: true });
    screen.resize(1920);
    await nextTick();
    expect(state()).toEqual({ narrow: false, compact: false });
    expect(screen.listenerCount()).toBe(2);
    wrapper.unmount();
    expect(screen.listenerCount()).toBe(0);
  });

  it('is wide where there is no matchMedia (server, old webviews)', () => {
    vi.stubGlobal('matchMedia', undefined);
    const { wrapper, state } = mountProbe();
    expect(state()).toEqual({ narrow: false, compact: false });
    wrapper.unmount();
  });
});
