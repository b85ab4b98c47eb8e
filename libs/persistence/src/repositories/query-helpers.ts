import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** A page of a list: 1-based page number and its size. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** The row with this id, locked (`FOR UPDATE`) until the end of the manager's transaction. */
export function lockRowById<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  alias: string,
  id: string,
): Promise<E | null> {
  return manager
    .getRepository(entity)
    .createQueryBuilder(alias)
    .setLock('pessimistic_write')
    .where(`${alias}.id = :id`, { id })
    .getOne();
}

/** Counts the rows of the query, then limits it to the page (every row when `page` is null); returns the count. */
export async function countThenPage<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  page: PageRequest | null,
): Promise<number> {
  const total = await query.getCount();
  if (page) query.offset((page.page - 1) * page.pageSize).limit(page.pageSize);
  return total;
}

/** The entities of a `getRawAndEntities` result, each with the named raw columns of its row added as strings. */
export function withRawStrings<E extends object, K extends string>(
  result: { entities: E[]; raw: Array<Record<string, unknown>> },
  names: readonly K[],
): Array<E & Record<K, string>> {
  return result.entities.map((entity, index) =>
    Object.assign(
      entity,
      Object.fromEntries(names.map((name) => [name, String(result.raw[index]![name])])) as Record<K, string>,
    ),
  );
}

const SQL_NAME = /^[a-z_]+$/;

/**
 * A multi-row INSERT in plain SQL (`INSERT [IGNORE] INTO table (columns) VALUES (…), (…)
 * [ON DUPLICATE KEY UPDATE c = VALUES(c), …]`), `rowsPerStatement` rows a statement: for the bulk
 * writes of a check, where building thousands of entities through the query builder costs more than
 * the database. Table and column names are the code's own (checked), values are placeholders.
 * Returns the affected rows (an upsert counts 2 for an updated row).
 */
export async function insertRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  options: { ignore?: boolean; onDuplicateUpdate?: readonly string[]; rowsPerStatement?: number } = {},
): Promise<number> {
  const names = [table, ...columns, ...(options.onDuplicateUpdate ?? [])];
  const bad = names.find((name) => !SQL_NAME.test(name));
  if (bad !== undefined) throw new Error(`not an SQL name: ${JSON.stringify(bad)}`);
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const update = options.onDuplicateUpdate?.length
    ? ` ON DUPLICATE KEY UPDATE ${options.onDuplicateUpdate.map((name) => `\`${name}\` = VALUES(\`${name}\`)`).join(', ')}`
    : '';
  const head = `INSERT${options.ignore ? ' IGNORE' : ''} INTO \`${table}\` (${columns.map((name) => `\`${name}\``).join(', ')}) VALUES `;
  const size = options.rowsPerStatement ?? 1000;
  let affected = 0;
  for (let start = 0; start < rows.length; start += size) {
    const slice = rows.slice(start, start + size);
    const result = (await manager.query(head + slice.map(() => tuple).join(',') + update, slice.flat())) as {
      affectedRows?: number;
    };
    affected += Number(result.affectedRows ?? 0);
  }
  return affected;
}

/** `insertRows` of entities, given the columns with the entity property each takes (missing: NULL). */
export function insertEntities<E extends object>(
  manager: EntityManager,
  table: string,
  columns: ReadonlyArray<readonly [string, keyof E]>,
  entities: ReadonlyArray<Partial<E>>,
  options: { ignore?: boolean; onDuplicateUpdate?: readonly string[]; rowsPerStatement?: number } = {},
): Promise<number> {
  return insertRows(
    manager,
    table,
    columns.map(([column]) => column),
    entities.map((entity) => columns.map(([, property]) => entity[property] ?? null)),
    options,
  );
}
