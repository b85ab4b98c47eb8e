import { type AccessScope, AlertKind, MilestoneState, OPEN_MILESTONE_STATES } from '@luodi/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { MilestoneEventEntity } from '../entities/milestone-event.entity';
import { MilestoneEntity } from '../entities/milestone.entity';
import { sqlValue, sqlValues } from '../sql-values';

export interface MilestoneListFilter {
  projectId?: string;
  departmentId?: string;
  state?: string;
  light?: string;
  open?: boolean;
}

export interface MilestoneRow extends MilestoneEntity {
  itemName: string;
  departmentName: string;
  projectCode: string;
  projectName: string;
  contractAmount: string;
}

/** The derived columns written back after the clock is recomputed. */
export type MilestoneDerived = Pick<
  MilestoneEntity,
  | 'state'
  | 'submittedAt'
  | 'acceptedOn'
  | 'acceptanceDeemed'
  | 'deadline'
  | 'light'
  | 'extensionDays'
  | 'decidedAt'
  | 'decidedOnTime'
  | 'nextChangeAt'
>;

export interface DepartmentScoreRow {
  departmentId: string;
  departmentName: string;
  handled: number;
  onTime: number;
  deemed: number;
  overdueOpen: number;
}

/**
 * Filters of the approval figures: the projects' signing event (as for the project figures) and the
 * department handling the milestones (for approvals, "department" is the one that decides).
 */
export interface ApprovalFigureFilter {
  source?: string;
  departmentId?: string;
}

function approvalFilter(filter: ApprovalFigureFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.source) {
    parts.push('p.source = ?');
    params.push(filter.source);
  }
  if (filter.departmentId) {
    parts.push('m.department_id = ?');
    params.push(filter.departmentId);
  }
  return { sql: parts.map((part) => ` AND ${part}`).join(''), params };
}

/** The project is joined only when its source filters the milestones (the milestone index covers the rest). */
const projectJoin = (filter: ApprovalFigureFilter) =>
  filter.source ? ' JOIN project p ON p.id = m.project_id' : '';

const OPEN_STATES = sqlValues(OPEN_MILESTONE_STATES);
const DEEMED_APPROVED = sqlValue(MilestoneState.deemed_approved);

/** All SQL on `milestone` and `milestone_event`. */
export class MilestoneRepository {
  constructor(private readonly dataSource: DataSource) {}

  private query(scope: AccessScope) {
    const query = this.dataSource
      .getRepository(MilestoneEntity)
      .createQueryBuilder('m')
      .innerJoin('m.item', 'i')
      .innerJoin('m.department', 'd')
      .innerJoin('m.project', 'p')
      .addSelect([
        'i.name AS itemName',
        'd.name AS departmentName',
        'p.code AS projectCode',
        'p.name AS projectName',
        'p.contract_amount AS contractAmount',
      ]);
    // A department user reaches only its own department's milestones.
    if (scope.kind === 'department')
      query.andWhere('m.department_id = :scopeDepartment', { scopeDepartment: scope.departmentId });
    return query;
  }

  private static rows(result: {
    entities: MilestoneEntity[];
    raw: Array<Record<string, unknown>>;
  }): MilestoneRow[] {
    return result.entities.map((entity, index) =>
      Object.assign(entity, {
        itemName: String(result.raw[index]!['itemName']),
        departmentName: String(result.raw[index]!['departmentName']),
        projectCode: String(result.raw[index]!['projectCode']),
        projectName: String(result.raw[index]!['projectName']),
        contractAmount: String(result.raw[index]!['contractAmount']),
      }),
    );
  }

  async list(
    filter: MilestoneListFilter,
    scope: AccessScope,
    page: { page: number; pageSize: number } | null,
  ): Promise<{ items: MilestoneRow[]; total: number }> {
    const query = this.query(scope);
    if (filter.projectId) query.andWhere('m.project_id = :projectId', { projectId: filter.projectId });
    if (filter.departmentId)
      query.andWhere('m.department_id = :departmentId', { departmentId: filter.departmentId });
    if (filter.state) query.andWhere('m.state = :state', { state: filter.state });
    if (filter.light) query.andWhere('m.light = :light', { light: filter.light });
    if (filter.open) query.andWhere(`m.state IN ${OPEN_STATES}`);
    // Most urgent first: open ones by deadline (earliest first), then the rest.
    query
      .orderBy(`CASE WHEN m.state IN ${OPEN_STATES} THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('m.deadline IS NULL', 'ASC')
      .addOrderBy('m.deadline', 'ASC')
      .addOrderBy('m.id', 'ASC');
    const total = await query.getCount();
    if (page) query.offset((page.page - 1) * page.pageSize).limit(page.pageSize);
    return { items: MilestoneRepository.rows(await query.getRawAndEntities()), total };
  }

  async findVisible(id: string, scope: AccessScope): Promise<MilestoneRow | null> {
    if (!/^\d{1,19}$/.test(id)) return null;
    const [row] = MilestoneRepository.rows(
      await this.query(scope).andWhere('m.id = :id', { id }).getRawAndEntities(),
    );
    return row ?? null;
  }

  findByProjectAndItem(projectId: string, itemCode: string): Promise<MilestoneEntity | null> {
    return this.dataSource.getRepository(MilestoneEntity).findOneBy({ projectId, itemCode });
  }

  create(data: Partial<MilestoneEntity>): Promise<MilestoneEntity> {
    const repository = this.dataSource.getRepository(MilestoneEntity);
    return repository.save(repository.create(data));
  }

  async lockById(id: string, manager: EntityManager): Promise<MilestoneEntity | null> {
    return manager
      .getRepository(MilestoneEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :id', { id })
      .getOne();
  }

  events(milestoneId: string, manager?: EntityManager): Promise<MilestoneEventEntity[]> {
    return (manager ?? this.dataSource.manager)
      .getRepository(MilestoneEventEntity)
      .find({ where: { milestoneId }, order: { at: 'ASC', id: 'ASC' } });
  }

  async eventsOf(milestoneIds: string[]): Promise<Map<string, MilestoneEventEntity[]>> {
    const map = new Map<string, MilestoneEventEntity[]>(milestoneIds.map((id) => [id, []]));
    if (milestoneIds.length === 0) return map;
    const rows = await this.dataSource
      .getRepository(MilestoneEventEntity)
      .createQueryBuilder('e')
      .where('e.milestone_id IN (:...ids)', { ids: milestoneIds })
      .orderBy('e.at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
    for (const row of rows) map.get(row.milestoneId)?.push(row);
    return map;
  }

  async addEvent(
    event: Partial<MilestoneEventEntity>,
    manager: EntityManager,
  ): Promise<MilestoneEventEntity> {
    const repository = manager.getRepository(MilestoneEventEntity);
    return repository.save(repository.create(event));
  }

  /** An event the system records (not audited row by row: the caller audits it). */
  async insertSystemEvent(event: Partial<MilestoneEventEntity>, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(MilestoneEventEntity)
      .values(event)
      .updateEntity(false)
      .callListeners(false)
      .execute();
  }

  /** Write the recomputed clock (a plain UPDATE: derived data, not an audited change). */
  async writeDerived(id: string, derived: MilestoneDerived, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager)
      .createQueryBuilder()
      .update(MilestoneEntity)
      .set(derived)
      .where('id = :id', { id })
      .callListeners(false)
      .execute();
  }

  /** Ids of milestones whose clock may have changed by `now` (indexed on next_change_at). */
  async dueIds(now: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      'SELECT id FROM milestone WHERE next_change_at IS NOT NULL AND next_change_at <= ? ORDER BY next_change_at LIMIT ?',
      [now, limit],
    )) as Array<{ id: string }>;
    return rows.map((row) => String(row.id));
  }

  /**
   * Ids of every milestone a calendar or settings change may alter: the undecided ones, and those shown
   * as 超时默认 whose deemed approval was not applied (recorded) yet — in id order from `afterId`.
   */
  async openIds(afterId: string, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT m.id FROM milestone m
        WHERE (m.state IN ${OPEN_STATES}
               OR (m.state = ${DEEMED_APPROVED}
                   AND NOT EXISTS (SELECT 1 FROM milestone_event e WHERE e.milestone_id = m.id AND e.type = 'deemed_approve')))
          AND m.id > ? ORDER BY m.id LIMIT ?`,
      [afterId, limit],
    )) as Array<{ id: string }>;
    return rows.map((row) => String(row.id));
  }

  /** Rows with what the clock needs: item limits and the project's amount. */
  async forClock(ids: string[]): Promise<MilestoneRow[]> {
    if (ids.length === 0) return [];
    return MilestoneRepository.rows(
      await this.query({ kind: 'all' }).andWhere('m.id IN (:...ids)', { ids }).getRawAndEntities(),
    );
  }

  /**
   * What the stall check looks at (indexed on light and state): undecided yellow or red milestones,
   * milestones deemed approved without their deemed_approval alert yet, and the given ids.
   */
  async alertFacts(extraIds: string[]): Promise<
    Array<{
      id: string;
      projectId: string;
      departmentId: string;
      state: string;
      light: 'green' | 'yellow' | 'red' | null;
      deadline: string | null;
      decidedAt: Date | null;
    }>
  > {
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.project_id AS projectId, m.department_id AS departmentId, m.state, m.light, m.deadline, m.decided_at AS decidedAt
         FROM milestone m
        WHERE (m.decided_at IS NULL AND m.light IN ('yellow', 'red'))
           OR (m.state = ${DEEMED_APPROVED} AND NOT EXISTS
                (SELECT 1 FROM alert a WHERE a.subject_type = 'milestone' AND a.subject_id = m.id AND a.kind = ${sqlValue(AlertKind.deemed_approval)}))
           ${extraIds.length ? `OR m.id IN (${extraIds.map(() => '?').join(',')})` : ''}`,
      extraIds,
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      id: String(row['id']),
      projectId: String(row['projectId']),
      departmentId: String(row['departmentId']),
      state: String(row['state']),
      light: (row['light'] as 'green' | 'yellow' | 'red' | null) ?? null,
      deadline: (row['deadline'] as string | null) ?? null,
      decidedAt: (row['decidedAt'] as Date | null) ?? null,
    }));
  }

  /** 按期办结率 parts for a year: decided in Y (by asOf), and those on time (deemed never on time). */
  async decidedInYear(
    year: number,
    asOf: Date,
    filter: ApprovalFigureFilter = {},
  ): Promise<{ decided: number; onTime: number }> {
    const extra = approvalFilter(filter);
    const [row] = (await this.dataSource.query(
      `SELECT COUNT(*) AS decided, COALESCE(SUM(m.decided_on_time = 1 AND m.state <> ${DEEMED_APPROVED}), 0) AS onTime
         FROM milestone m${projectJoin(filter)}
        WHERE m.decided_at >= ? AND m.decided_at < ? AND m.decided_at <= ?${extra.sql}`,
      [
        new Date(`${year}-01-01T00:00:00+08:00`),
        new Date(`${year + 1}-01-01T00:00:00+08:00`),
        asOf,
        ...extra.params,
      ],
    )) as Array<{ decided: string; onTime: string }>;
    return { decided: Number(row?.decided ?? 0), onTime: Number(row?.onTime ?? 0) };
  }

  /** 逾期未办: undecided at asOf with a deadline day before asOf's day. */
  async overdueOpen(asOfDate: string, asOf: Date, filter: ApprovalFigureFilter = {}): Promise<number> {
    const extra = approvalFilter(filter);
    const [row] = (await this.dataSource.query(
      `SELECT COUNT(*) AS n FROM milestone m${projectJoin(filter)}
        WHERE m.deadline IS NOT NULL AND m.deadline < ?
          AND (m.decided_at IS NULL OR m.decided_at > ?)${extra.sql}`,
      [asOfDate, asOf, ...extra.params],
    )) as Array<{ n: string }>;
    return Number(row?.n ?? 0);
  }

  /**
   * Per department holding any milestone (a loose scan of the department index): handled (decided in
   * the year), on time, deemed, and open with a deadline day before `today`. Two aggregates on
   * milestone alone, both index-only on
   * (decided_at, deadline, department_id, item_code, accepted_on, decided_on_time, state): a range on
   * decided_at for the year, and ref on decided_at IS NULL then a range on deadline for the overdue.
   */
  async departmentScores(year: number, today: string): Promise<DepartmentScoreRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT d.id AS departmentId, d.name AS departmentName,
              COALESCE(y.handled, 0) AS handled, COALESCE(y.onTime, 0) AS onTime,
              COALESCE(y.deemed, 0) AS deemed, COALESCE(o.overdueOpen, 0) AS overdueOpen
         FROM (SELECT m.department_id AS departmentId FROM milestone m GROUP BY m.department_id) h
         JOIN department d ON d.id = h.departmentId
         LEFT JOIN (SELECT m.department_id AS departmentId, COUNT(*) AS handled,
                           SUM(m.decided_on_time = 1 AND m.state <> ${DEEMED_APPROVED}) AS onTime,
                           SUM(m.state = ${DEEMED_APPROVED}) AS deemed
                      FROM milestone m
                     WHERE m.decided_at >= ? AND m.decided_at < ?
                     GROUP BY m.department_id) y ON y.departmentId = d.id
         LEFT JOIN (SELECT m.department_id AS departmentId, COUNT(*) AS overdueOpen
                      FROM milestone m
                     WHERE m.decided_at IS NULL AND m.deadline < ?
                     GROUP BY m.department_id) o ON o.departmentId = d.id`,
      [new Date(`${year}-01-01T00:00:00+08:00`), new Date(`${year + 1}-01-01T00:00:00+08:00`), today],
    )) as Array<Record<string, string | number>>;
    return rows.map((row) => ({
      departmentId: String(row['departmentId']),
      departmentName: String(row['departmentName']),
      handled: Number(row['handled']),
      onTime: Number(row['onTime']),
      deemed: Number(row['deemed']),
      overdueOpen: Number(row['overdueOpen']),
    }));
  }

  /**
   * The milestones decided in the year with an acceptance day (for the median processing time),
   * counted per department, acceptance day and decision day (Asia/Shanghai — UTC+8, no DST — of
   * decided_at, stored in UTC). Index-only on the (decided_at, …, department_id, …, accepted_on) index.
   */
  async decisionDaysInYear(
    year: number,
  ): Promise<Array<{ departmentId: string; acceptedOn: string; decidedOn: string; count: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT m.department_id AS departmentId, m.accepted_on AS acceptedOn,
              DATE(m.decided_at + INTERVAL 8 HOUR) AS decidedOn, COUNT(*) AS n
         FROM milestone m
        WHERE m.decided_at >= ? AND m.decided_at < ? AND m.accepted_on IS NOT NULL
        GROUP BY m.department_id, m.accepted_on, decidedOn`,
      [new Date(`${year}-01-01T00:00:00+08:00`), new Date(`${year + 1}-01-01T00:00:00+08:00`)],
    )) as Array<{ departmentId: string | number; acceptedOn: string; decidedOn: string; n: string | number }>;
    return rows.map((row) => ({
      departmentId: String(row.departmentId),
      acceptedOn: String(row.acceptedOn),
      decidedOn: String(row.decidedOn),
      count: Number(row.n),
    }));
  }

  /**
   * The lights at asOf of the milestones with a deadline undecided at asOf (accepted by then, decided
   * after it or not at all), per deciding department: red = deadline day before asOfDate; yellow =
   * deadline day from asOfDate up to the yellow threshold of its yellow days (item override, else
   * `defaultYellowDays`) — thresholds computed from the calendar by the caller, one per distinct
   * number of days. One aggregate over the (decided_at, deadline, department_id, item_code) index.
   */
  async lightsByDepartment(
    asOfDate: string,
    asOf: Date,
    defaultYellowDays: number,
    yellowThresholds: ReadonlyMap<number, string>,
    filter: ApprovalFigureFilter = {},
  ): Promise<
    Array<{ departmentId: string; departmentName: string; red: number; yellow: number; total: number }>
  > {
    const extra = approvalFilter(filter);
    const cases = [...yellowThresholds.entries()];
    // Aggregated on milestone alone first (a range on the covering index), per department and item;
    // then each item's yellow count is the one of its threshold.
    const yellowColumns = cases.map(
      (_, index) => `, COALESCE(SUM(m.deadline >= ? AND m.deadline <= ?), 0) AS y${index}`,
    );
    const yellowPick = cases.length
      ? `CASE COALESCE(i.yellow_days, ?) ${cases.map((_, index) => `WHEN ? THEN g.y${index}`).join(' ')} ELSE 0 END`
      : '0';
    const rows = (await this.dataSource.query(
      `SELECT g.departmentId, d.name AS departmentName,
              SUM(g.red) AS red, SUM(${yellowPick}) AS yellow, SUM(g.total) AS total
         FROM (SELECT m.department_id AS departmentId, m.item_code AS itemCode,
                      COALESCE(SUM(m.deadline < ?), 0) AS red${yellowColumns.join('')},
                      COUNT(*) AS total
                 FROM milestone m${projectJoin(filter)}
                WHERE m.deadline IS NOT NULL AND m.accepted_on <= ?
                  AND (m.decided_at IS NULL OR m.decided_at > ?)${extra.sql}
                GROUP BY m.department_id, m.item_code) g
         JOIN approval_item i ON i.code = g.itemCode
         JOIN department d ON d.id = g.departmentId
        GROUP BY g.departmentId, d.name`,
      [
        ...(cases.length ? [defaultYellowDays, ...cases.map(([days]) => days)] : []),
        asOfDate,
        ...cases.flatMap(([, day]) => [asOfDate, day]),
        asOfDate,
        asOf,
        ...extra.params,
      ],
    )) as Array<Record<string, string | number>>;
    return rows.map((row) => ({
      departmentId: String(row['departmentId']),
      departmentName: String(row['departmentName']),
      red: Number(row['red']),
      yellow: Number(row['yellow']),
      total: Number(row['total']),
    }));
  }
}
