import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Below this width lists become cards and dialogs go full-screen (phones, 浙政钉 webviews). */
export const NARROW_MAX_WIDTH = 767;
/** Up to this width (the common 1366×768 office PC included) the side menu shows icons only. */
export const COMPACT_MAX_WIDTH = 1439;

/** The window's size class: `phone` (< 768 px: drawer menu, cards, full-screen dialogs), `compact` (icon menu), `wide`. */
export type ScreenClass = 'phone' | 'compact' | 'wide';

export function screenClassOf(width: number): ScreenClass {
  if (width <= NARROW_MAX_WIDTH) return 'phone';
  if (width <= COMPACT_MAX_WIDTH) return 'compact';
  return 'wide';
}

/**
 * True while the media query matches, following changes (false where there is no `matchMedia`, e.g.
 * tests). Listens until the calling component unmounts.
 */
export function useMediaQuery(query: string): Ref<boolean> {
  const matches = ref(false);
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return matches;
  const list = window.matchMedia(query);
  matches.value = list.matches;
  const onChange = (event: MediaQueryListEvent) => (matches.value = event.matches);
  list.addEventListener?.('change', onChange);
  onBeforeUnmount(() => list.removeEventListener?.('change', onChange));
  return matches;
}

/** True while the window is narrower than 768 px: lists show cards, dialogs go full-screen. */
export function useNarrowScreen(): Ref<boolean> {
  return useMediaQuery(`(max-width: ${NARROW_MAX_WIDTH}px)`);
}

/** True while the window is narrower than 1440 px (phones included): the side menu shows icons only. */
export function useCompactScreen(): Ref<boolean> {
  return useMediaQuery(`(max-width: ${COMPACT_MAX_WIDTH}px)`);
}
