import type { FormItemRule } from 'element-plus';
import { todayInDistrict } from './datetime';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** A date a typed date may not precede: the other field's label key and its date (if any yet). */
export interface EarliestDate {
  labelKey: string;
  date: string | null | undefined;
}

/**
 * Why a typed date (`YYYY-MM-DD`) is refused, in words naming the field and the rule, or null when it
 * is acceptable. Date pickers do not use `disabled-date` for these rules: a picker silently puts the
 * previous value back when a disabled day is typed; a form says why and saves nothing instead.
 */
export function dateRefusal(
  t: Translate,
  labelKey: string,
  value: string | null | undefined,
  options: { earliest?: EarliestDate; today?: string } = {},
): string | null {
  if (!value) return null;
  const field = t(labelKey);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return t('dates.invalid', { field });
  const today = options.today ?? todayInDistrict();
  if (value > today) return t('dates.future', { field, today });
  const earliest = options.earliest;
  if (earliest?.date && value < earliest.date)
    return t('dates.before', { field, other: t(earliest.labelKey), date: earliest.date });
  return null;
}

/** The same as a form rule (checked on change and on submit). */
export function dateRule(
  t: Translate,
  labelKey: string,
  earliest?: () => EarliestDate | undefined,
): FormItemRule {
  return {
    validator: (_rule, value: string, callback) => {
      const refusal = dateRefusal(t, labelKey, value, { earliest: earliest?.() });
      callback(refusal ? new Error(refusal) : undefined);
    },
    trigger: 'change',
  };
}
