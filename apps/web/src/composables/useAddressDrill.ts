import { computed, type ComputedRef } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
import type { ListDrillTag } from '../utils/list-drill';
import { withoutKeys } from '../utils/project-drill';

/** A list's drill-down from a cockpit figure as it stands in the address, and its closable tags. */
export interface AddressDrill<Drill> {
  drill: ComputedRef<Drill>;
  tags: ComputedRef<ListDrillTag[]>;
  /** Closes a tag: its keys leave the address. */
  remove: (tag: ListDrillTag) => void;
  /** Closes every tag: all the drill-down's `keys` leave the address. */
  clear: () => void;
}

/**
 * The drill-down of a list opened from a cockpit figure (审批待办, 重点工程): `read` takes it from the
 * address, `describe` makes its tags for `DrillBar`; closing a tag or all of them rewrites the address
 * (the page reloads on the drill-down's change).
 */
export function useAddressDrill<Drill>(
  read: (query: LocationQuery) => Drill,
  describe: (drill: Drill) => ListDrillTag[],
  keys: readonly string[],
): AddressDrill<Drill> {
  const route = useRoute();
  const router = useRouter();
  const drill = computed(() => read(route.query));
  const tags = computed(() => describe(drill.value));
  const replaceWithout = (gone: readonly string[]) =>
    void router.replace({ query: withoutKeys(route.query, gone) });
  return {
    drill,
    tags,
    remove: (tag) => replaceWithout(tag.keys),
    clear: () => replaceWithout(keys),
  };
}
