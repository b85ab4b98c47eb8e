import { ref } from 'vue';
import { errorMessage } from '../utils/errors';

/**
 * An inline form's save state: `saving` while the request runs, `error` holding the failure's
 * message (or a rule's message set by the caller). `save` clears the error, runs the action and
 * keeps its error; it answers whether the action succeeded.
 */
export function useSaving() {
  const saving = ref(false);
  const error = ref<string | null>(null);

  async function save(action: () => Promise<void>): Promise<boolean> {
    saving.value = true;
    error.value = null;
    try {
      await action();
      return true;
    } catch (caught) {
      error.value = errorMessage(caught);
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { saving, error, save };
}
