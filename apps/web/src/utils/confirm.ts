import { ElMessageBox } from 'element-plus';

export interface ConfirmTexts {
  /** What will happen, in plain words. */
  message: string;
  title: string;
  confirmText: string;
  cancelText: string;
}

/**
 * Ask before an irreversible step (ElMessageBox.confirm, warning): resolves true when confirmed, false
 * when cancelled or closed. A click outside does not count as an answer.
 */
export async function confirmStep(texts: ConfirmTexts): Promise<boolean> {
  try {
    await ElMessageBox.confirm(texts.message, texts.title, {
      type: 'warning',
      confirmButtonText: texts.confirmText,
      cancelButtonText: texts.cancelText,
      closeOnClickModal: false,
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Ask for the reason of a step (ElMessageBox.prompt, required, at most `maxLength` characters):
 * resolves the trimmed reason, or null when cancelled.
 */
export async function promptReason(
  texts: ConfirmTexts & { placeholder: string; requiredText: string },
  maxLength = 500,
): Promise<string | null> {
  try {
    const answer: { value?: unknown } = await ElMessageBox.prompt(texts.message, texts.title, {
      type: 'warning',
      confirmButtonText: texts.confirmText,
      cancelButtonText: texts.cancelText,
      closeOnClickModal: false,
      inputPlaceholder: texts.placeholder,
      inputValidator: (value: string) =>
        (!!value && value.trim().length > 0 && value.trim().length <= maxLength) || texts.requiredText,
    });
    return typeof answer.value === 'string' ? answer.value.trim() : null;
  } catch {
    return null;
  }
}
