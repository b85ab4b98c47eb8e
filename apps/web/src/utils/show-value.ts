/** A recorded state in one line (audit before/after): `∅` for nothing, JSON for anything not text. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
