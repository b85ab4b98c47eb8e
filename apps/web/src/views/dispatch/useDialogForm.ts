import { reactive, watch, type Ref } from 'vue';

/**
 * A dialog's form, blank again on every opening (before FormDialog notes it as unchanged); `onOpen`
 * runs after that (e.g. to load the choices).
 */
export function useDialogForm<F extends object>(
  open: Ref<boolean>,
  blank: () => F,
  onOpen?: () => Promise<unknown>,
): F {
  const form = reactive(blank()) as F;
  watch(open, async (value) => {
    if (!value) return;
    Object.assign(form, blank());
    await onOpen?.();
  });
  return form;
}
