import type { NumberSeries } from '@luodi/domain';
import type { EntityManager } from 'typeorm';

/**
 * The next number of a series in a year, inside the caller's transaction: one INSERT … ON DUPLICATE
 * KEY UPDATE takes it and locks the counter row (as FOR UPDATE would) until the transaction ends, so
 * two issues at the same moment queue on the row and get consecutive numbers; a rolled-back one
 * gives its number back (no gaps).
 */
export async function nextNumber(
  manager: EntityManager,
  series: NumberSeries,
  year: number,
): Promise<number> {
  await manager.query(
    `INSERT INTO number_sequence (series, year, last_number) VALUES (?, ?, LAST_INSERT_ID(1))
     ON DUPLICATE KEY UPDATE last_number = LAST_INSERT_ID(last_number + 1)`,
    [series, year],
  );
  const [row] = (await manager.query('SELECT LAST_INSERT_ID() AS n')) as Array<{ n: string | number }>;
  return Number(row!.n);
}
