import { type AccessScope, NumberSeries, ProblemStatus, UNFINISHED_PROBLEM_STATUSES } from '@luodi/domain';
import type { Problem } from '@luodi/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { ProblemEventEntity } from '../entities/problem-event.entity';
import { ProblemCoDepartmentEntity, ProblemEntity } from '../entities/problem.entity';
import { sqlValue, sqlValues } from '../sql-values';
import { nextNumber } from './number-sequence';
import { isRowId, lockRowById, type PageRequest, saveNew, stringColumns } from './query-helpers';

export interface ProblemListFilter {
  category?: string;
  ownerDepartmentId?: string;
  status?: string;
  /** Past due and not resolved/closed as of `today`. */
  overdue?: boolean;
  /** Not closed (销号). */
  open?: boolean;
  subjectType?: string;
  subjectId?: string;
  projectId?: string;
  /** Closed (销号) on a day in [from, to]. */
  closedFrom?: string;
  closedTo?: string;
}

/** A problem with the names the list and the detail show (the contract's, less what the service adds). */
export type ProblemRow = Omit<Problem, 'overdue' | 'overdueWorkingDays' | 'actions'>;

const UNFINISHED = sqlValues(UNFINISHED_PROBLEM_STATUSES);

/** A department reaches problems its department owns or co-owns. */
const scopeSql = (scope: AccessScope): { sql: string; params: unknown[] } =>
  scope.kind === 'all'
    ? { sql: '', params: [] }
    : {
        sql: ' AND (q.owner_department_id = ? OR EXISTS (SELECT 1 FROM problem_co_department sc WHERE sc.problem_id = q.id AND sc.department_id = ?))',
        params: [scope.departmentId, scope.departmentId],
      };

const SELECT = `SELECT q.id, q.code, q.subject_type AS subjectType, q.subject_id AS subjectId, q.project_id AS projectId,
        p.code AS projectCode, p.name AS projectName, k.year AS keyWorkYear, q.category, q.description,
        q.raised_by AS raisedBy, u.display_name AS raisedByName, q.raised_at AS raisedAt,
        q.owner_department_id AS ownerDepartmentId, d.name AS ownerDepartmentName, q.lead_official AS leadOfficial,
        q.due_date AS dueDate, q.status, q.supervised, q.resolved_on AS resolvedOn, q.closed_on AS closedOn
   FROM problem q
   JOIN project p ON p.id = q.project_id
   JOIN department d ON d.id = q.owner_department_id
   JOIN app_user u ON u.id = q.raised_by
   LEFT JOIN key_work k ON q.subject_type = 'key_work' AND k.id = q.subject_id`;

/** All SQL on `problem`, `problem_co_department`, `problem_event` (and the problem number series). */
export class ProblemRepository {
  constructor(private readonly dataSource: DataSource) {}

  private where(filter: ProblemListFilter, scope: AccessScope, today: string) {
    const clauses: string[] = ['1 = 1'];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      clauses.push(sql);
      params.push(...values);
    };
    if (filter.category) add('q.category = ?', filter.category);
    if (filter.ownerDepartmentId) add('q.owner_department_id = ?', filter.ownerDepartmentId);
    if (filter.status) add('q.status = ?', filter.status);
    if (filter.overdue === true) add(`q.status IN ${UNFINISHED} AND q.due_date < ?`, today);
    if (filter.overdue === false) add(`NOT (q.status IN ${UNFINISHED} AND q.due_date < ?)`, today);
    if (filter.open) add(`q.status <> ${sqlValue(ProblemStatus.closed)}`);
    if (filter.subjectType) add('q.subject_type = ?', filter.subjectType);
    if (filter.subjectId) add('q.subject_id = ?', filter.subjectId);
    if (filter.projectId) add('q.project_id = ?', filter.projectId);
    if (filter.closedFrom) add('q.closed_on >= ?', filter.closedFrom);
    if (filter.closedTo) add('q.closed_on <= ?', filter.closedTo);
    const scoped = scopeSql(scope);
    return { sql: clauses.join(' AND ') + scoped.sql, params: [...params, ...scoped.params] };
  }

  private async withCoDepartments(rows: Array<Record<string, unknown>>, manager?: EntityManager) {
    const ids = rows.map((row) => String(row['id']));
    const co = new Map<string, Array<{ id: string; name: string }>>(ids.map((id) => [id, []]));
    if (ids.length) {
      const found = (await (manager ?? this.dataSource.manager).query(
        `SELECT c.problem_id AS problemId, d.id, d.name FROM problem_co_department c JOIN department d ON d.id = c.department_id
          WHERE c.problem_id IN (${ids.map(() => '?').join(',')}) ORDER BY d.id`,
        ids,
      )) as Array<{ problemId: string; id: string; name: string }>;
      for (const row of found) co.get(String(row.problemId))?.push({ id: String(row.id), name: row.name });
    }
    return rows.map((row): ProblemRow => ({
      id: String(row['id']),
      code: String(row['code']),
      subjectType: row['subjectType'] as ProblemRow['subjectType'],
      ...stringColumns(row, 'subjectId projectId projectCode projectName'),
      keyWorkYear: row['keyWorkYear'] === null ? null : Number(row['keyWorkYear']),
      ...stringColumns(
        row,
        'description raisedBy raisedByName raisedAt ownerDepartmentId ownerDepartmentName',
      ),
      category: row['category'] as ProblemRow['category'],
      coDepartments: co.get(String(row['id'])) ?? [],
      leadOfficial: (row['leadOfficial'] as string | null) ?? null,
      dueDate: String(row['dueDate']),
      status: row['status'] as ProblemStatus,
      supervised: Boolean(Number(row['supervised'])),
      resolvedOn: (row['resolvedOn'] as string | null) ?? null,
      closedOn: (row['closedOn'] as string | null) ?? null,
    }));
  }

  /** The filtered list, overdue first then by due date; every row when `page` is null. */
  async list(
    filter: ProblemListFilter,
    scope: AccessScope,
    today: string,
    page: PageRequest | null,
  ): Promise<{ items: ProblemRow[]; total: number }> {
    const where = this.where(filter, scope, today);
    const [{ n }] = (await this.dataSource.query(
      `SELECT COUNT(*) AS n FROM problem q WHERE ${where.sql}`,
      where.params,
    )) as [{ n: string }];
    const limit = page
      ? ` LIMIT ${Number(page.pageSize)} OFFSET ${(Number(page.page) - 1) * Number(page.pageSize)}`
      : '';
    const rows = (await this.dataSource.query(
      `${SELECT} WHERE ${where.sql}
        ORDER BY CASE WHEN q.status IN ${UNFINISHED} THEN 0 ELSE 1 END, q.due_date, q.id${limit}`,
      where.params,
    )) as Array<Record<string, unknown>>;
    return { items: await this.withCoDepartments(rows), total: Number(n) };
  }

  async findVisible(id: string, scope: AccessScope, manager?: EntityManager): Promise<ProblemRow | null> {
    if (!isRowId(id)) return null;
    const scoped = scopeSql(scope);
    const rows = (await (manager ?? this.dataSource.manager).query(`${SELECT} WHERE q.id = ?${scoped.sql}`, [
      id,
      ...scoped.params,
    ])) as Array<Record<string, unknown>>;
    const [row] = await this.withCoDepartments(rows, manager);
    return row ?? null;
  }

  lockById(id: string, manager: EntityManager): Promise<ProblemEntity | null> {
    return lockRowById(manager, ProblemEntity, 'q', id);
  }

  /** The next WT-YYYY-NNNN number of `year`, inside the caller's transaction (gap-free, see nextNumber). */
  nextCodeNumber(year: number, manager: EntityManager): Promise<number> {
    return nextNumber(manager, NumberSeries.problem, year);
  }

  async create(
    data: Partial<ProblemEntity>,
    coDepartmentIds: readonly string[],
    manager: EntityManager,
  ): Promise<ProblemEntity> {
    const saved = await saveNew(manager, ProblemEntity, data);
    await this.setCoDepartments(saved.id, coDepartmentIds, manager);
    return saved;
  }

  /** Replace the co-owners (配合单位) of a problem. */
  async setCoDepartments(
    problemId: string,
    departmentIds: readonly string[],
    manager: EntityManager,
  ): Promise<void> {
    const repository = manager.getRepository(ProblemCoDepartmentEntity);
    const existing = await repository.findBy({ problemId });
    const wanted = new Set(departmentIds);
    const gone = existing.filter((row) => !wanted.has(String(row.departmentId)));
    if (gone.length) await repository.remove(gone);
    const have = new Set(existing.map((row) => String(row.departmentId)));
    for (const departmentId of wanted) {
      if (!have.has(departmentId))
        await saveNew(manager, ProblemCoDepartmentEntity, { problemId, departmentId });
    }
  }

  /** Save changed columns of a locked problem (audited before → after). */
  async update(
    entity: ProblemEntity,
    changes: Partial<ProblemEntity>,
    manager: EntityManager,
  ): Promise<void> {
    Object.assign(entity, changes);
    await manager.getRepository(ProblemEntity).save(entity);
  }

  async addEvent(event: Partial<ProblemEventEntity>, manager: EntityManager): Promise<void> {
    await saveNew(manager, ProblemEventEntity, event);
  }

  events(problemId: string): Promise<ProblemEventEntity[]> {
    return this.dataSource
      .getRepository(ProblemEventEntity)
      .find({ where: { problemId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** What the problem_overdue check looks at: unfinished problems past their due date, and `extraIds`. */
  async alertFacts(today: string, extraIds: readonly string[]) {
    const rows = (await this.dataSource.query(
      `SELECT q.id, q.code, q.project_id AS projectId, q.owner_department_id AS ownerDepartmentId, q.status,
              q.due_date AS dueDate, q.supervised
         FROM problem q
        WHERE (q.status IN ${UNFINISHED} AND q.due_date < ?)
           ${extraIds.length ? `OR q.id IN (${extraIds.map(() => '?').join(',')})` : ''}`,
      [today, ...extraIds],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      ...stringColumns(row, 'id code projectId ownerDepartmentId status dueDate'),
      supervised: Boolean(Number(row['supervised'])),
    }));
  }

  // --- figures (dispatch.md §4) ------------------------------------------------------------------------

  /**
   * Open (not closed) and overdue problems by category and owner as of `asOf`, and the problems closed
   * in `year` up to `asOf`: how many, how many by their due date, and (raised, closed) day pairs with
   * their counts for the median. `departmentId`: one owner department only.
   */
  async figures(year: number, asOf: string, departmentId?: string) {
    const owner = departmentId ? ' AND q.owner_department_id = ?' : '';
    const ownerParams = departmentId ? [departmentId] : [];
    const open = (await this.dataSource.query(
      `SELECT q.category, q.owner_department_id AS departmentId, d.name AS departmentName,
              COUNT(*) AS open, SUM(q.status IN ${UNFINISHED} AND q.due_date < ?) AS overdue
         FROM problem q JOIN department d ON d.id = q.owner_department_id
        WHERE q.status <> ${sqlValue(ProblemStatus.closed)} AND q.raised_at <= ?${owner}
        GROUP BY q.category, q.owner_department_id, d.name`,
      [asOf, asOf, ...ownerParams],
    )) as Array<Record<string, unknown>>;
    const closed = (await this.dataSource.query(
      `SELECT q.raised_at AS raisedAt, q.closed_on AS closedOn, SUM(q.closed_on <= q.due_date) AS onTime, COUNT(*) AS n
         FROM problem q
        WHERE q.closed_on >= ? AND q.closed_on <= ?${owner}
        GROUP BY q.raised_at, q.closed_on`,
      [`${year}-01-01`, asOf, ...ownerParams],
    )) as Array<Record<string, unknown>>;
    return {
      open: open.map((row) => ({
        ...stringColumns(row, 'category departmentId departmentName'),
        open: Number(row['open']),
        overdue: Number(row['overdue']),
      })),
      closed: closed.map((row) => ({
        raisedAt: String(row['raisedAt']),
        closedOn: String(row['closedOn']),
        onTime: Number(row['onTime']),
        count: Number(row['n']),
      })),
    };
  }

  /** Per owner department: problems closed in `year`, and of those closed by their due date (问题按期办结率). */
  async closedOnTimeByOwner(year: number): Promise<Map<string, { closed: number; onTime: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT owner_department_id AS departmentId, COUNT(*) AS closed, SUM(closed_on <= due_date) AS onTime
         FROM problem WHERE closed_on >= ? AND closed_on <= ? GROUP BY owner_department_id`,
      [`${year}-01-01`, `${year}-12-31`],
    )) as Array<Record<string, unknown>>;
    return new Map(
      rows.map((row) => [
        String(row['departmentId']),
        { closed: Number(row['closed']), onTime: Number(row['onTime']) },
      ]),
    );
  }
}
