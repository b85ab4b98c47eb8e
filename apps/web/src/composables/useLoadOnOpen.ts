import { ref, shallowRef, watch, type Ref } from 'vue';
import { errorMessage } from '../utils/errors';

/**
 * Loads one record each time a dialog opens (its `open` model turns true and an id is set):
 * clears the previous record and error, shows `loading` while the request runs, keeps the
 * error's message for the dialog's banner.
 */
export function useLoadOnOpen<T>(
  open: Ref<boolean>,
  id: () => string | null,
  load: (id: string) => Promise<T>,
) {
  const detail = shallowRef<T | null>(null);
  const loading = ref(false);
  const loadError = ref<string | null>(null);

  watch(open, async (value) => {
    const current = id();
    if (!value || !current) return;
    loading.value = true;
    loadError.value = null;
    detail.value = null;
    try {
      detail.value = await load(current);
    } catch (error) {
      loadError.value = errorMessage(error);
    } finally {
      loading.value = false;
    }
  });

  return { detail, loading, loadError };
}
