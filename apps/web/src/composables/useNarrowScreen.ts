import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Below this width lists become cards and dialogs go full-screen (phones, 浙政钉 webviews). */
export const NARROW_MAX_WIDTH = 767;

/** True while the window is narrower than 768 px (false where there is no `matchMedia`, e.g. tests). */
export function useNarrowScreen(): Ref<boolean> {
  const narrow = ref(false);
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return narrow;
  const query = window.matchMedia(`(max-width: ${NARROW_MAX_WIDTH}px)`);
  narrow.value = query.matches;
  const onChange = (event: MediaQueryListEvent) => (narrow.value = event.matches);
  query.addEventListener?.('change', onChange);
  onBeforeUnmount(() => query.removeEventListener?.('change', onChange));
  return narrow;
}
