import { onMounted, ref, watch, type WatchSource } from 'vue';
import { errorMessage } from '../utils/errors';

/**
 * A panel's load: `loading` while `fetch` runs, `error` holding the last failure (cleared by a
 * success; the rows already shown stay). Loads on mount and again whenever `source` changes.
 */
export function useLoader(fetch: () => Promise<void>, source?: WatchSource) {
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      await fetch();
      error.value = null;
    } catch (failure) {
      error.value = errorMessage(failure);
    } finally {
      loading.value = false;
    }
  }

  onMounted(load);
  if (source) watch(source, () => void load());
  return { loading, loadError: error, load };
}
