import { format, type SqlValue } from 'mysql2';
import { describe, expect, it } from 'vitest';
import { CONNECTION_TIME_ZONE, sqlRowList } from './sql-literals';

describe('rows as SQL literals', () => {
  const moment = new Date('2026-12-07T23:59:59.123Z');
  const rows: SqlValue[][] = [
    ['12', 3, null, undefined, moment, true, false, 0, -1.5],
    ['it\'s \\ a "test"\n\r\t\0\x1a', '预警：项目「甲」', '{"days":[1,2],"note":"a?b"}', moment, new Date(0)],
    ['?', '??', "' OR '1'='1", "\\'; DROP TABLE alert; --", 1e21, 2 ** 53, moment],
  ];

  it('is the text the driver builds from placeholders, value for value', () => {
    for (const row of rows) {
      const placeholders = `(${row.map(() => '?').join(',')})`;
      expect(sqlRowList([row])).toBe(format(placeholders, row, undefined, CONNECTION_TIME_ZONE));
    }
    const all = rows.map((row) => `(${row.map(() => '?').join(',')})`).join(',');
    expect(sqlRowList(rows)).toBe(format(all, rows.flat(), undefined, CONNECTION_TIME_ZONE));
  });

  it('writes moments in UTC, to the millisecond', () => {
    expect(sqlRowList([[moment]])).toBe("('2026-12-07 23:59:59.123')");
  });

  it('refuses numbers SQL cannot hold', () => {
    expect(() => sqlRowList([[Number.NaN]])).toThrow(/finite/);
    expect(() => sqlRowList([[Number.POSITIVE_INFINITY]])).toThrow(/finite/);
  });
});
