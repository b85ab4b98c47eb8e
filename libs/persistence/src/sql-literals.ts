import { escape } from 'mysql2';

/** The connections' time zone (data-source.ts): moments are written and read as UTC. */
export const CONNECTION_TIME_ZONE = 'Z';

/**
 * Rows as SQL literals, `(v,v,…),(v,v,…)`, each value escaped exactly as the driver escapes a
 * parameter (mysql2's `escape`, moments in the connections' time zone), so that the text is the one
 * the driver would have built from `(?,?,…)` placeholders. For the bulk writes of a check: the driver
 * formats a statement's parameters by scanning its text placeholder by placeholder, which at tens of
 * thousands of values costs more than the database; here each value is escaped once in one pass, and
 * a moment shared by many rows (a check's `now`) once for all of them.
 */
export function sqlRowList(rows: ReadonlyArray<readonly unknown[]>): string {
  const literals = new SqlLiterals();
  const parts = new Array<string>(rows.length);
  for (let index = 0; index < rows.length; index += 1) parts[index] = `(${literals.list(rows[index]!)})`;
  return parts.join(',');
}

/** Values as SQL literals, `v,v,…` (escaped as sqlRowList escapes them), one builder per statement. */
export class SqlLiterals {
  private readonly moments = new Map<number, string>();

  list(values: readonly unknown[]): string {
    let text = '';
    for (let index = 0; index < values.length; index += 1) {
      if (index > 0) text += ',';
      text += this.literal(values[index]);
    }
    return text;
  }

  literal(value: unknown): string {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
      return String(value);
    }
    if (value instanceof Date) {
      const time = value.getTime();
      let text = this.moments.get(time);
      if (text === undefined) {
        text = escape(value, false, CONNECTION_TIME_ZONE);
        this.moments.set(time, text);
      }
      return text;
    }
    return escape(value as string, false, CONNECTION_TIME_ZONE);
  }
}
