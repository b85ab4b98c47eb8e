import { confirmStep } from './confirm';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * Asks before the step the messages `confirm.<key>` describe (`.title`, `.message` with `values`,
 * `.confirm`), with the common 取消: true when confirmed (see `confirmStep`).
 */
export function confirmNamed(
  t: Translate,
  key: string,
  values: Record<string, unknown> = {},
): Promise<boolean> {
  return confirmStep({
    title: t(`confirm.${key}.title`),
    message: t(`confirm.${key}.message`, values),
    confirmText: t(`confirm.${key}.confirm`),
    cancelText: t('confirm.cancel'),
  });
}
