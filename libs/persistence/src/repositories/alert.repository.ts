import type { AccessScope } from '@luodi/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { countThenPage, lockRowById, type PageRequest, withRawStrings } from './query-helpers';
import { AlertEventEntity } from '../entities/alert-event.entity';
import { AlertEntity } from '../entities/alert.entity';

export interface AlertListFilter {
  status?: string;
  kind?: string;
  level?: number;
  departmentId?: string;
}

export interface AlertRow extends AlertEntity {
  projectCode: string;
  projectName: string;
  departmentName: string;
  /** A milestone's alert: its approval item, the milestone's deadline now and whether it is decided. */
  itemCode: string | null;
  itemName: string | null;
  milestoneDeadline: string | null;
  milestoneDecided: boolean;
}

/** All SQL on `alert` and `alert_event`. */
export class AlertRepository {
  constructor(private readonly dataSource: DataSource) {}

  private query(scope: AccessScope) {
    const query = this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .innerJoin('project', 'p', 'p.id = a.project_id')
      .innerJoin('department', 'd', 'd.id = a.department_id')
      .leftJoin('milestone', 'm', "a.subject_type = 'milestone' AND m.id = a.subject_id")
      .leftJoin('approval_item', 'i', 'i.code = m.item_code')
      .addSelect(['p.code AS projectCode', 'p.name AS projectName', 'd.name AS departmentName'])
      .addSelect(['m.item_code AS itemCode', 'i.name AS itemName', 'm.deadline AS milestoneDeadline'])
      .addSelect('m.decided_at IS NOT NULL', 'milestoneDecided');
    // A department user reaches only its own department's alerts.
    if (scope.kind === 'department')
      query.andWhere('a.department_id = :scopeDepartment', { scopeDepartment: scope.departmentId });
    return query;
  }

  private static rows(result: { entities: AlertEntity[]; raw: Array<Record<string, unknown>> }): AlertRow[] {
    return withRawStrings(result, ['projectCode', 'projectName', 'departmentName']).map((row, index) => {
      const raw = result.raw[index]!;
      const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
      return Object.assign(row, {
        itemCode: text(raw['itemCode']),
        itemName: text(raw['itemName']),
        // DATE columns are read as strings (dateStrings).
        milestoneDeadline: text(raw['milestoneDeadline']),
        milestoneDecided: Number(raw['milestoneDecided'] ?? 0) === 1,
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
    if (!/^\d{1,19}$/.test(id)) return null;
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

  lockBySubject(
    subjectType: string,
    subjectId: string,
    kind: string,
    manager: EntityManager,
  ): Promise<AlertEntity | null> {
    return manager
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.subject_type = :subjectType AND a.subject_id = :subjectId AND a.kind = :kind', {
        subjectType,
        subjectId,
        kind,
      })
      .getOne();
  }

  lockById(id: string, manager: EntityManager): Promise<AlertEntity | null> {
    return lockRowById(manager, AlertEntity, 'a', id);
  }

  async insert(alert: Partial<AlertEntity>, manager: EntityManager): Promise<AlertEntity> {
    const repository = manager.getRepository(AlertEntity);
    return repository.save(repository.create(alert));
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

  /** Unresolved alerts of the given subjects. */
  async unresolvedOf(subjectType: string, subjectIds: string[]): Promise<AlertEntity[]> {
    if (subjectIds.length === 0) return [];
    return this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .where("a.status <> 'resolved' AND a.subject_type = :subjectType AND a.subject_id IN (:...ids)", {
        subjectType,
        ids: subjectIds,
      })
      .getMany();
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
