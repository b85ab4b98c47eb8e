/**
 * Domain values written into SQL text: the value lists of libs/domain (`MilestoneState.approved`,
 * `OPEN_MILESTONE_STATES`) are named in SQL through these, never spelt as literals, so that a renamed or removed
 * value fails to compile here too. Only list values (lower-case letters and underscores) are accepted:
 * anything else is a programming error, never request input.
 */
const LIST_VALUE = /^[a-z_]+$/;

/** One value as a quoted SQL string: `'deemed_approved'`. */
export function sqlValue(value: string): string {
  if (!LIST_VALUE.test(value)) throw new Error(`not a value-list value: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

/** Values as a parenthesised SQL list for `IN`: `('planned','submitted')`. */
export function sqlValues(values: readonly string[]): string {
  if (!values.length) throw new Error('an empty value list has no SQL form');
  return `(${values.map(sqlValue).join(',')})`;
}
