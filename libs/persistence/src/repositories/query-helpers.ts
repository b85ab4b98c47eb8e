import type { DeepPartial, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { sqlRowList } from '../sql-literals';

/** A page of a list: 1-based page number and its size. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** `text` with LIKE's wildcards (`%`, `_`) and the escape character taken literally. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (match) => `\\${match}`);

/**
 * A list's search box (`q`): the rows where one of the SQL expressions contains the trimmed text (any
 * of them — an `EXISTS (…)` too, written with `:q`); nothing when the text is blank.
 */
export function whereContains<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  q: string | undefined,
  matches: readonly string[],
): void {
  const text = q?.trim();
  if (!text) return;
  const expressions = matches.map((match) => (match.includes(':q') ? match : `${match} LIKE :q`));
  query.andWhere(`(${expressions.join(' OR ')})`, { q: `%${escapeLike(text)}%` });
}

/** Whether `id` can be a row id (BIGINT UNSIGNED, in digits): anything else names no row. */
export const isRowId = (id: string): boolean => /^\d{1,19}$/.test(id);

/** The row with this id, locked (`FOR UPDATE`) until the end of the manager's transaction (null: none). */
export function lockRowById<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  alias: string,
  id: string,
): Promise<E | null> {
  if (!isRowId(id)) return Promise.resolve(null);
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

/** The names in a space-separated list (`'id code dueDate'` → `'id' | 'code' | 'dueDate'`). */
type Names<S extends string> = S extends `${infer Name} ${infer Rest}` ? Name | Names<Rest> : S;

/**
 * The columns of a raw SQL row named in `names` (space-separated, each the column's alias), each as a
 * string — how ids (BIGINT), amounts (DECIMAL), dates and texts are answered.
 */
export function stringColumns<S extends string>(
  row: Record<string, unknown>,
  names: S,
): Record<Names<S>, string> {
  return Object.fromEntries(names.split(' ').map((name) => [name, String(row[name])])) as Record<
    Names<S>,
    string
  >;
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
 * A multi-row INSERT (`INSERT [IGNORE] INTO table (columns) VALUES (…), (…)
 * [ON DUPLICATE KEY UPDATE c = VALUES(c), …]`), `rowsPerStatement` rows a statement (default 2 000):
 * for the bulk writes of a check, where building thousands of entities through the query builder, or
 * having the driver format tens of thousands of placeholders, costs more than the database. Table and
 * column names are the code's own (checked); values are escaped as the driver escapes parameters
 * (sqlRowList). Returns the affected rows (an upsert counts 2 for an updated row).
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
  const update = options.onDuplicateUpdate?.length
    ? ` ON DUPLICATE KEY UPDATE ${options.onDuplicateUpdate.map((name) => `\`${name}\` = VALUES(\`${name}\`)`).join(', ')}`
    : '';
  const head = `INSERT${options.ignore ? ' IGNORE' : ''} INTO \`${table}\` (${columns.map((name) => `\`${name}\``).join(', ')}) VALUES `;
  const size = options.rowsPerStatement ?? 2000;
  let affected = 0;
  for (let start = 0; start < rows.length; start += size) {
    const result = (await manager.query(head + sqlRowList(rows.slice(start, start + size)) + update)) as {
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

/**
 * Create an entity of `target` from `data` and save it in `manager`'s work (entity listeners run, so
 * audited entities are audited); returns the saved entity with its generated columns.
 */
export function saveNew<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  data: Partial<E>,
): Promise<E> {
  const repository = manager.getRepository(target);
  return repository.save(repository.create(data as DeepPartial<E>));
}

/**
 * The conditions of a list's filter: each `[sql, value]` whose value is given (truthy), its one `?`
 * taking the value. `parts` are the conditions, `sql` them each preceded by ` AND ` (to follow a
 * WHERE of the caller), `params` their values in order.
 */
export function filterConditions(conditions: ReadonlyArray<readonly [string, unknown]>): {
  parts: string[];
  sql: string;
  params: unknown[];
} {
  const given = conditions.filter(([, value]) => Boolean(value));
  const parts = given.map(([sql]) => sql);
  return {
    parts,
    sql: parts.map((part) => ` AND ${part}`).join(''),
    params: given.map(([, value]) => value),
  };
}
