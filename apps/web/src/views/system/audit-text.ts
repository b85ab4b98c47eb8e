import { AUDIT_ACTION_LABELS, isAuditAction } from '@luodi/domain';
import { showValue } from '../../utils/show-value';

/** An audit action in words (zh-CN or English); an action this build does not know stays as stored. */
export function auditActionLabel(action: string, locale: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action][locale === 'en' ? 'en' : 'zh-CN'] : action;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The fields an audit entry changed, one line each: 「字段」旧值 → 新值 (`∅` for none), in the order the
 * fields first appear; unchanged fields are left out. A state that is not an object (a count, a text)
 * is one line without a field name.
 */
export function auditChanges(before: unknown, after: unknown): string[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (before === after || (before == null && after == null)) return [];
    return [`${showValue(before)} → ${showValue(after)}`];
  }
  const old = isRecord(before) ? before : {};
  const next = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(old), ...Object.keys(next)])];
  return fields
    .filter((field) => JSON.stringify(old[field] ?? null) !== JSON.stringify(next[field] ?? null))
    .map((field) => `「${field}」${showValue(old[field])} → ${showValue(next[field])}`);
}
