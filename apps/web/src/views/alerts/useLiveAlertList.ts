import { computed, onMounted, ref, shallowRef, watch } from 'vue';
import { alertsApi, type Alert, type AlertFilters } from '../../api/alerts';
import { useQueuedLoad, type PagedState } from '../../composables/usePagedList';
import { useEventStream } from '../../live/event-stream';

/**
 * A live, paged list of alerts: loads on mount, again from page 1 when a filter changes and again on
 * every stream message (and a reconnect); `onLoaded` runs after each successful load. `list` is the table's state
 * (`PagedTable :list`): the spinner shows only while there are no rows yet, so a live reload does not flash.
 */
export function useLiveAlertList(filters: object, query: () => AlertFilters, onLoaded?: () => void) {
  const stream = useEventStream();
  const page = ref(1);
  const pageSize = ref(20);
  const rows = shallowRef<Alert[]>([]);
  const total = ref(0);
  const { loading, error, load } = useQueuedLoad(async () => {
    const answer = await alertsApi.list(query(), page.value, pageSize.value);
    rows.value = answer.items;
    total.value = answer.total;
    onLoaded?.();
  });

  onMounted(() => void load());
  watch(
    () => Object.values(filters),
    () => {
      page.value = 1;
      void load();
    },
  );
  // Live: every stream message (and a reconnect) reloads the list, without a page reload.
  watch(stream.changeSeq, () => void load());

  const list: PagedState = {
    rows,
    total,
    page,
    pageSize,
    loading: computed(() => loading.value && !rows.value.length),
    error,
  };
  return { list, total, load };
}
