import type { FormItemRule } from 'element-plus';

type Translate = (key: string, named: Record<string, unknown>) => string;

/**
 * The "«field» is required" rule of a form field, its message naming the field by its label key.
 * `whitespace` also refuses a value of blanks; without `trigger` the rule runs on every trigger.
 */
export function requiredRule(
  t: Translate,
  labelKey: string,
  options: { trigger?: 'blur' | 'change'; whitespace?: boolean } = {},
): FormItemRule {
  const rule: FormItemRule = { required: true, message: t('common.required', { field: t(labelKey, {}) }) };
  if (options.whitespace) rule.whitespace = true;
  if (options.trigger) rule.trigger = options.trigger;
  return rule;
}
