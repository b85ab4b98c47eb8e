import { type AccessScope, AlertStatus, NoticeSource } from '@luodi/domain';
import type { DataSource, EntityManager } from 'typeorm';
import {
  countThenPage,
  insertEntities,
  insertRows,
  isRowId,
  lockRowById,
  type PageRequest,
  whereContains,
} from './query-helpers';
import { AlertEventEntity } from '../entities/alert-event.entity';
import { AlertEntity } from '../entities/alert.entity';
import { sqlValue } from '../sql-values';

export interface AlertListFilter {
  status?: string;
  kind?: string;
  level?: number;
  departmentId?: string;
  /** Search: in the project's name or code and (a milestone's alert) the approval item's name. */
  q?: string;
}

export interface AlertRow extends AlertEntity {
  /** null for a district-wide alert (a calendar year), which has neither project nor department. */
  projectCode: string | null;
  projectName: string | null;
  departmentName: string | null;
  /** A milestone's alert: its approval item, the milestone's deadline now and whether it is decided. */
  itemCode: string | null;
  itemName: string | null;
  milestoneDeadline: string | null;
  milestoneDecided: boolean;
  /** The latest supervision notice (督办函) issued from this alert, if any. */
  noticeId: string | null;
  noticeNumber: string | null;
}

/** The latest notice issued from the alert `a` (its `column`). */
const latestNotice = (column: string) =>
  `(SELECT n.${column} FROM notice n WHERE n.source_type = ${sqlValue(NoticeSource.alert)} AND n.source_id = a.id ORDER BY n.id DESC LIMIT 1)`;

/** An alert as a check reads it (plain row): what it compares and what its upsert writes back. */
export type CheckedAlert = Pick<
  AlertEntity,
  | 'id'
  | 'kind'
  | 'subjectType'
  | 'subjectId'
  | 'projectId'
  | 'departmentId'
  | 'level'
  | 'round'
  | 'status'
  | 'acknowledgedLevel'
  | 'acknowledgedAt'
  | 'acknowledgedBy'
  | 'ackNote'
  | 'detail'
  | 'raisedAt'
  | 'levelSince'
  | 'resolvedAt'
>;

/** The alerts of a subject type's subjects (`?` the type, `(?)` the ids), as CheckedAlert rows. */
const CHECKED_ALERTS = `SELECT id, kind, subject_type AS subjectType, subject_id AS subjectId, project_id AS projectId,
       department_id AS departmentId, level, round, status, acknowledged_level AS acknowledgedLevel,
       acknowledged_at AS acknowledgedAt, acknowledged_by AS acknowledgedBy, ack_note AS ackNote, detail,
       raised_at AS raisedAt, level_since AS levelSince, resolved_at AS resolvedAt
  FROM alert WHERE subject_type = ? AND subject_id IN (?)`;

/** Columns of a new alert written by a check, with their entity properties. */
const NEW_ALERT_COLUMNS: ReadonlyArray<readonly [string, keyof AlertEntity]> = [
  ['kind', 'kind'],
  ['subject_type', 'subjectType'],
  ['subject_id', 'subjectId'],
  ['project_id', 'projectId'],
  ['department_id', 'departmentId'],
  ['level', 'level'],
  ['round', 'round'],
  ['status', 'status'],
  ['detail', 'detail'],
  ['raised_at', 'raisedAt'],
  ['level_since', 'levelSince'],
];

/** What a check changes on an existing alert (raise again, escalate, new facts). */
const CHECK_UPDATED_COLUMNS = [
  'level',
  'round',
  'status',
  'acknowledged_level',
  'acknowledged_at',
  'acknowledged_by',
  'ack_note',
  'detail',
  'level_since',
  'resolved_at',
];

const UPSERT_ALERT_COLUMNS: ReadonlyArray<readonly [string, keyof AlertEntity]> = [
  ['id', 'id'],
  ...NEW_ALERT_COLUMNS.filter(([column]) => !CHECK_UPDATED_COLUMNS.includes(column)),
  ['level', 'level'],
  ['round', 'round'],
  ['status', 'status'],
  ['acknowledged_level', 'acknowledgedLevel'],
  ['acknowledged_at', 'acknowledgedAt'],
  ['acknowledged_by', 'acknowledgedBy'],
  ['ack_note', 'ackNote'],
  ['detail', 'detail'],
  ['level_since', 'levelSince'],
  ['resolved_at', 'resolvedAt'],
];

/** All SQL on `alert` and `alert_event`. */
export class AlertRepository {
  constructor(private readonly dataSource: DataSource) {}

  private query(scope: AccessScope) {
    const query = this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      // A district-wide alert (a calendar year) has neither project nor department.
      .leftJoin('project', 'p', 'p.id = a.project_id')
      .leftJoin('department', 'd', 'd.id = a.department_id')
      .leftJoin('milestone', 'm', "a.subject_type = 'milestone' AND m.id = a.subject_id")
      .leftJoin('approval_item', 'i', 'i.code = m.item_code')
      .addSelect(['p.code AS projectCode', 'p.name AS projectName', 'd.name AS departmentName'])
      .addSelect(['m.item_code AS itemCode', 'i.name AS itemName', 'm.deadline AS milestoneDeadline'])
      .addSelect('m.decided_at IS NOT NULL', 'milestoneDecided')
      .addSelect(latestNotice('id'), 'noticeId')
      .addSelect(latestNotice('number'), 'noticeNumber');
    // A department user reaches only its own department's alerts.
    if (scope.kind === 'department')
      query.andWhere('a.department_id = :scopeDepartment', { scopeDepartment: scope.departmentId });
    return query;
  }

  private static rows(result: { entities: AlertEntity[]; raw: Array<Record<string, unknown>> }): AlertRow[] {
    return result.entities.map((entity, index) => {
      const raw = result.raw[index]!;
      const text = (name: string) => (raw[name] == null ? null : String(raw[name]));
      return Object.assign(entity, {
        projectCode: text('projectCode'),
        projectName: text('projectName'),
        departmentName: text('departmentName'),
        itemCode: text('itemCode'),
        itemName: text('itemName'),
        // DATE columns are read as strings (dateStrings).
        milestoneDeadline: text('milestoneDeadline'),
        milestoneDecided: Number(raw['milestoneDecided'] ?? 0) === 1,
        noticeId: text('noticeId'),
        noticeNumber: text('noticeNumber'),
      });
    });
  }

  async list(
    filter: AlertListFilter,
    scope: AccessScope,
    page: PageRequest,
  ): Promise<{ items: AlertRow[]; total: number }> {
    const query = this.query(scope);
    if (filter.status === 'unresolved') query.andWhere("a.status IN ('open', 'acknowledged')");
    else if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.level) query.andWhere('a.level = :level', { level: filter.level });
    if (filter.departmentId)
      query.andWhere('a.department_id = :departmentId', { departmentId: filter.departmentId });
    whereContains(query, filter.q, [
      'p.name',
      'p.code',
      `EXISTS (SELECT 1 FROM milestone qm INNER JOIN approval_item qi ON qi.code = qm.item_code
                WHERE a.subject_type = 'milestone' AND qm.id = a.subject_id AND qi.name LIKE :q)`,
    ]);
    // Unacknowledged first, then the highest level, then the newest.
    query
      .orderBy("CASE a.status WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END", 'ASC')
      .addOrderBy('a.level', 'DESC')
      .addOrderBy('a.level_since', 'DESC')
      .addOrderBy('a.id', 'DESC');
    const total = await countThenPage(query, page);
    return { items: AlertRepository.rows(await query.getRawAndEntities()), total };
  }

  async findVisible(id: string, scope: AccessScope): Promise<AlertRow | null> {
    if (!isRowId(id)) return null;
    const [row] = AlertRepository.rows(
      await this.query(scope).andWhere('a.id = :id', { id }).getRawAndEntities(),
    );
    return row ?? null;
  }

  events(alertId: string): Promise<Array<AlertEventEntity & { actorUsername: string | null }>> {
    return this.dataSource.query(
      `SELECT e.id, e.alert_id AS alertId, e.type, e.level, e.at, e.actor_user_id AS actorUserId, e.note, u.username AS actorUsername
         FROM alert_event e LEFT JOIN app_user u ON u.id = e.actor_user_id
        WHERE e.alert_id = ? ORDER BY e.id`,
      [alertId],
    );
  }

  /**
   * Every alert of the given subjects (any kind, any status), as plain rows with what a check compares
   * and rewrites, locked until the end of the manager's transaction, in id order. Read through the
   * unique key's prefix (subject_type, subject_id). Checks read them in a READ COMMITTED transaction
   * (no gap locks): a (subject, kind) another check inserts meanwhile fails the caller's insert with a
   * duplicate key, and the caller runs again.
   */
  async lockBySubjects(
    subjectType: string,
    subjectIds: readonly string[],
    manager: EntityManager,
  ): Promise<CheckedAlert[]> {
    if (subjectIds.length === 0) return [];
    return (await manager.query(`${CHECKED_ALERTS} ORDER BY id FOR UPDATE`, [
      subjectType,
      [...subjectIds],
    ])) as CheckedAlert[];
  }

  /** Every alert of the given subjects, read without locks (what a check expects to find). */
  async ofSubjects(subjectType: string, subjectIds: readonly string[]): Promise<CheckedAlert[]> {
    if (subjectIds.length === 0) return [];
    return (await this.dataSource.query(`${CHECKED_ALERTS} ORDER BY id`, [
      subjectType,
      [...subjectIds],
    ])) as CheckedAlert[];
  }

  /** The ids of the given subjects' alerts by `subjectId:kind` (the rows a check has just inserted). */
  async idsBySubjectKind(
    subjectType: string,
    subjectIds: readonly string[],
    manager: EntityManager,
  ): Promise<Map<string, string>> {
    if (subjectIds.length === 0) return new Map();
    const rows = (await manager.query(
      'SELECT id, subject_id AS subjectId, kind FROM alert WHERE subject_type = ? AND subject_id IN (?)',
      [subjectType, [...subjectIds]],
    )) as Array<{ id: string; subjectId: string; kind: string }>;
    return new Map(rows.map((row) => [`${row.subjectId}:${row.kind}`, String(row.id)]));
  }

  /** The unresolved alerts among `ids`, locked until the end of the manager's transaction. */
  lockUnresolvedByIds(ids: readonly string[], manager: EntityManager): Promise<AlertEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where("a.id IN (:...ids) AND a.status <> 'resolved'", { ids: [...ids] })
      .orderBy('a.id', 'ASC')
      .getMany();
  }

  /**
   * New alerts in one multi-row INSERT. A plain insert on purpose: a (subject, kind) that another
   * check inserted meanwhile fails the statement (duplicate key) and the caller's transaction runs again.
   */
  async insertMany(alerts: ReadonlyArray<Partial<AlertEntity>>, manager: EntityManager): Promise<void> {
    await insertEntities(manager, 'alert', NEW_ALERT_COLUMNS, alerts);
  }

  /**
   * Changed alerts (complete rows, read under their lock) in one multi-row INSERT … ON DUPLICATE KEY
   * UPDATE on the unique (subject_type, subject_id, kind): the check's columns take the new values;
   * the rest (answers, raise time) stay.
   */
  async upsertMany(alerts: ReadonlyArray<Partial<AlertEntity>>, manager: EntityManager): Promise<void> {
    await insertEntities(manager, 'alert', UPSERT_ALERT_COLUMNS, alerts, {
      onDuplicateUpdate: CHECK_UPDATED_COLUMNS,
    });
  }

  /** Resolve the given (locked) alerts at `at`. */
  async resolveMany(ids: readonly string[], at: Date, manager: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(
      `UPDATE alert SET status = ${sqlValue(AlertStatus.resolved)}, resolved_at = ? WHERE id IN (?)`,
      [at, [...ids]],
    );
  }

  /** Events of many alerts in one multi-row INSERT. */
  async addEvents(events: ReadonlyArray<Partial<AlertEventEntity>>, manager: EntityManager): Promise<void> {
    await insertRows(
      manager,
      'alert_event',
      ['alert_id', 'type', 'level', 'at'],
      events.map((event) => [event.alertId, event.type, event.level, event.at]),
    );
  }

  lockById(id: string, manager: EntityManager): Promise<AlertEntity | null> {
    return lockRowById(manager, AlertEntity, 'a', id);
  }

  async update(id: string, patch: Partial<AlertEntity>, manager: EntityManager): Promise<void> {
    await manager.getRepository(AlertEntity).update({ id }, patch);
  }

  async addEvent(event: Partial<AlertEventEntity>, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(AlertEventEntity)
      .values(event)
      .updateEntity(false)
      .callListeners(false)
      .execute();
  }

  /** Subjects of the alerts not resolved yet (what a check must look at again). */
  async unresolvedSubjects(): Promise<Array<{ subjectType: string; subjectId: string }>> {
    const rows = (await this.dataSource.query(
      "SELECT DISTINCT subject_type AS subjectType, subject_id AS subjectId FROM alert WHERE status <> 'resolved'",
    )) as Array<{ subjectType: string; subjectId: string }>;
    return rows.map((row) => ({ subjectType: row.subjectType, subjectId: String(row.subjectId) }));
  }

  /**
   * Hours from an alert reaching its level to its acknowledgement (negative ones count as 0), per
   * department, for a year: counted per department and value (the hours are whole seconds / 3600 at
   * the server's division precision, so few distinct values).
   */
  async ackHours(year: number): Promise<Array<{ departmentId: string; hours: number; count: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT department_id AS departmentId, TIMESTAMPDIFF(SECOND, level_since, acknowledged_at) / 3600 AS hours,
              COUNT(*) AS n
         FROM alert WHERE acknowledged_at >= ? AND acknowledged_at < ?
        GROUP BY department_id, hours`,
      [new Date(`${year}-01-01T00:00:00+08:00`), new Date(`${year + 1}-01-01T00:00:00+08:00`)],
    )) as Array<{ departmentId: string | number; hours: string; n: string | number }>;
    return rows.map((row) => ({
      departmentId: String(row.departmentId),
      hours: Math.max(0, Number(row.hours)),
      count: Number(row.n),
    }));
  }

  /** Alerts not resolved (open or acknowledged) now, by level — covered by (status, level, department_id). */
  async unresolvedByLevel(departmentId?: string): Promise<Map<number, number>> {
    const rows = (await this.dataSource.query(
      `SELECT a.level AS level, COUNT(*) AS n FROM alert a
        WHERE a.status IN ('open', 'acknowledged')${departmentId ? ' AND a.department_id = ?' : ''}
        GROUP BY a.level`,
      departmentId ? [departmentId] : [],
    )) as Array<{ level: number | string; n: number | string }>;
    return new Map(rows.map((row) => [Number(row.level), Number(row.n)]));
  }
}
