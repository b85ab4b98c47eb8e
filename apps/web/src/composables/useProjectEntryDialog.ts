import type { FormRules } from 'element-plus';
import { computed, reactive, watch, type Ref } from 'vue';

export interface ProjectEntryDialogOptions<F extends object> {
  /** Names the test ids: `${name}-dialog` and `${name}-submit` (unless `submitTestId` says otherwise). */
  name: string;
  submitTestId?: string;
  title: () => string;
  /** The form as it is each time the dialog opens (empty, or the record being edited). */
  fill: () => F;
  rules?: (form: F) => FormRules;
  /** Saves; returns the success message, or false when nothing was saved (the dialog stays open). */
  save: (form: F) => Promise<string | false>;
}

/**
 * A project card's entry dialog (履约: 用地, 条款, 实绩, 复核): its form, refilled each time the dialog
 * opens, and `dialog`, the rest of `FormDialog`'s props (`<FormDialog v-model="open" v-bind="dialog">`).
 */
export function useProjectEntryDialog<F extends object>(
  open: Ref<boolean>,
  options: ProjectEntryDialogOptions<F>,
) {
  const form = reactive(options.fill()) as F;
  watch(open, (value) => {
    if (value) Object.assign(form, options.fill());
  });
  const dialog = computed(() => ({
    title: options.title(),
    testId: `${options.name}-dialog`,
    submitTestId: options.submitTestId ?? `${options.name}-submit`,
    model: form,
    rules: options.rules?.(form),
    action: () => options.save(form),
  }));
  return { form, dialog };
}
