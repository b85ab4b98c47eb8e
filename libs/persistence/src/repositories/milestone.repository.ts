import {
  type AccessScope,
  AlertKind,
  MilestoneState,
  OPEN_MILESTONE_STATES,
  UserEventType,
  VERIFICATION_EVENTS,
  type VerificationOutcome,
} from '@luodi/domain';
import type { DataSource, EntityManager } from 'typeorm';
import {
  countThenPage,
  isRowId,
  lockRowById,
  type PageRequest,
  whereContains,
  withRawStrings,
} from './query-helpers';
import { MilestoneEventEntity } from '../entities/milestone-event.entity';
import { MilestoneEntity } from '../entities/milestone.entity';
import { SqlLiterals } from '../sql-literals';
import { sqlValue, sqlValues } from '../sql-values';

export interface MilestoneListFilter {
  projectId?: string;
  departmentId?: string;
  state?: string;
  light?: string;
  open?: boolean;
  /** Search: in the project's name, code or project code (项目代码) and the approval item's name. */
  q?: string;
  /** The project's source (签约来源), as the cockpit's approval figures filter it. */
  source?: string;
  /** 按期办结率's 办结 N 件: decided in this year (Asia/Shanghai) by `asOf`. */
  decidedYear?: number;
  /** 逾期未办: undecided at `asOf` with a deadline day before `asOf`'s day. */
  overdue?: boolean;
  /** The business date and instant `decidedYear` and `overdue` are counted at. */
  asOf?: { date: string; moment: Date };
}

export interface MilestoneRow extends MilestoneEntity {
  itemName: string;
  departmentName: string;
  projectCode: string;
  projectName: string;
  contractAmount: string;
  /** 容缺受理: the accept event's cure deadline, and the moment of the cure (null: still missing). */
  cureDeadline: string | null;
  curedAt: Date | null;
  /** 告知承诺制: the approve event's verify-by date, and the verification that followed. */
  verifyBy: string | null;
  verification: VerificationOutcome | null;
}

const ACCEPT = sqlValue(UserEventType.accept);
const CURE = sqlValue(UserEventType.cure);
const APPROVE = sqlValue(UserEventType.approve);
const VERIFICATIONS = sqlValues(VERIFICATION_EVENTS);
/** The 容缺 / 告知承诺 facts of milestone `m`, read from its events (indexed by milestone). */
const CURE_AND_PROMISE_COLUMNS = [
  `(SELECT e.cure_deadline FROM milestone_event e WHERE e.milestone_id = m.id AND e.type = ${ACCEPT} AND e.cure_deadline IS NOT NULL ORDER BY e.at DESC, e.id DESC LIMIT 1) AS cureDeadline`,
  `(SELECT MIN(e.at) FROM milestone_event e WHERE e.milestone_id = m.id AND e.type = ${CURE}) AS curedAt`,
  `(SELECT e.verify_by FROM milestone_event e WHERE e.milestone_id = m.id AND e.type = ${APPROVE} AND e.by_promise = 1 ORDER BY e.at DESC, e.id DESC LIMIT 1) AS verifyBy`,
  `(SELECT e.type FROM milestone_event e WHERE e.milestone_id = m.id AND e.type IN ${VERIFICATIONS} ORDER BY e.at, e.id LIMIT 1) AS verification`,
];

function cureAndPromiseOf(raw: Record<string, unknown>) {
  const curedAt = raw['curedAt'];
  return {
    cureDeadline: (raw['cureDeadline'] as string | null) ?? null,
    curedAt: curedAt === null || curedAt === undefined ? null : new Date(curedAt as string | Date),
    verifyBy: (raw['verifyBy'] as string | null) ?? null,
    verification: (raw['verification'] as VerificationOutcome | null) ?? null,
  };
}

/** A milestone's event as its clock reads it. */
export type ClockEventRow = Pick<
  MilestoneEventEntity,
  | 'id'
  | 'milestoneId'
  | 'type'
  | 'at'
  | 'days'
  | 'reason'
  | 'missingMaterials'
  | 'cureDeadline'
  | 'byPromise'
  | 'verifyBy'
  | 'recordedAt'
>;

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

/** What a milestone's clock is computed from, with its derived columns as stored. */
export interface MilestoneClockRow extends MilestoneDerived {
  id: string;
  itemCode: string;
  contractAmount: string;
}

const OPEN_STATES = sqlValues(OPEN_MILESTONE_STATES);

/** The id and derived columns, in the order writeDerivedMany writes them. */
const DERIVED_COLUMNS = [
  'id',
  'state',
  'submitted_at',
  'accepted_on',
  'acceptance_deemed',
  'deadline',
  'light',
  'extension_days',
  'decided_at',
  'decided_on_time',
  'next_change_at',
];
const DEEMED_APPROVED = sqlValue(MilestoneState.deemed_approved);

/**
 * The date ranges `[from, until)` (until null: no end) of the years from `fromYear` on that are not in
 * `skipYears`, as `YYYY-MM-DD` days: e.g. from 2026 without 2026 → [['2027-01-01', null]].
 */
export function yearRangesOutside(
  fromYear: number,
  skipYears: ReadonlySet<number>,
): Array<[string, string | null]> {
  const day = (year: number) => `${String(year).padStart(4, '0')}-01-01`;
  const skipped = [...skipYears].filter((year) => year >= fromYear).sort((a, b) => a - b);
  const ranges: Array<[string, string | null]> = [];
  let start = fromYear;
  for (const year of skipped) {
    if (year > start) ranges.push([day(start), day(year)]);
    start = Math.max(start, year + 1);
  }
  ranges.push([day(start), null]);
  return ranges;
}

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
        ...CURE_AND_PROMISE_COLUMNS,
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
    return withRawStrings(result, [
      'itemName',
      'departmentName',
      'projectCode',
      'projectName',
      'contractAmount',
    ]).map((row, index) => Object.assign(row, cureAndPromiseOf(result.raw[index]!)));
  }

  async list(
    filter: MilestoneListFilter,
    scope: AccessScope,
    page: PageRequest | null,
  ): Promise<{ items: MilestoneRow[]; total: number }> {
    const query = this.query(scope);
    if (filter.projectId) query.andWhere('m.project_id = :projectId', { projectId: filter.projectId });
    if (filter.departmentId)
      query.andWhere('m.department_id = :departmentId', { departmentId: filter.departmentId });
    if (filter.state) query.andWhere('m.state = :state', { state: filter.state });
    if (filter.light) query.andWhere('m.light = :light', { light: filter.light });
    if (filter.open) query.andWhere(`m.state IN ${OPEN_STATES}`);
    whereContains(query, filter.q, ['p.name', 'p.code', 'p.project_code', 'i.name']);
    if (filter.source) query.andWhere('p.source = :source', { source: filter.source });
    const asOf = filter.asOf ?? { date: '9999-12-31', moment: new Date(8.64e15) };
    if (filter.decidedYear !== undefined)
      query.andWhere(
        'm.decided_at >= :decidedFrom AND m.decided_at < :decidedUntil AND m.decided_at <= :asOfMoment',
        {
          decidedFrom: new Date(`${filter.decidedYear}-01-01T00:00:00+08:00`),
          decidedUntil: new Date(`${filter.decidedYear + 1}-01-01T00:00:00+08:00`),
          asOfMoment: asOf.moment,
        },
      );
    if (filter.overdue)
      query.andWhere(
        'm.deadline IS NOT NULL AND m.deadline < :asOfDate AND (m.decided_at IS NULL OR m.decided_at > :asOfMoment)',
        { asOfDate: asOf.date, asOfMoment: asOf.moment },
      );
    // Most urgent first: open ones by deadline (earliest first), then the rest.
    query
      .orderBy(`CASE WHEN m.state IN ${OPEN_STATES} THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('m.deadline IS NULL', 'ASC')
      .addOrderBy('m.deadline', 'ASC')
      .addOrderBy('m.id', 'ASC');
    const total = await countThenPage(query, page);
    return { items: MilestoneRepository.rows(await query.getRawAndEntities()), total };
  }

  /**
   * The open milestones' deadlines from the year `fromYear` on, by year: how many, and the first (the
   * calendar source's question: which years hold deadlines that an unknown holiday arrangement may
   * move). Years in `skipYears` (confirmed ones, whose deadlines cannot move) are not read at all: the
   * index is read over the other years' date ranges only.
   */
  async openDeadlineYears(
    fromYear: number,
    skipYears: ReadonlySet<number> = new Set(),
  ): Promise<Array<{ year: number; openDeadlines: number; firstDeadline: string }>> {
    const ranges = yearRangesOutside(fromYear, skipYears);
    const rows = (await this.dataSource.query(
      `SELECT YEAR(m.deadline) AS year, COUNT(*) AS n, MIN(m.deadline) AS first
         FROM milestone m
        WHERE m.decided_at IS NULL AND m.state IN ${OPEN_STATES}
          AND (${ranges.map(([, until]) => (until === null ? 'm.deadline >= ?' : '(m.deadline >= ? AND m.deadline < ?)')).join(' OR ')})
        GROUP BY YEAR(m.deadline)`,
      ranges.flatMap(([from, until]) => (until === null ? [from] : [from, until])),
    )) as Array<{ year: number | string; n: number | string; first: string | Date }>;
    return rows.map((row) => ({
      year: Number(row.year),
      openDeadlines: Number(row.n),
      firstDeadline: typeof row.first === 'string' ? row.first.slice(0, 10) : String(row.first),
    }));
  }

  async findVisible(id: string, scope: AccessScope): Promise<MilestoneRow | null> {
    if (!isRowId(id)) return null;
    const [row] = MilestoneRepository.rows(
      await this.query(scope).andWhere('m.id = :id', { id }).getRawAndEntities(),
    );
    return row ?? null;
  }

  findByProjectAndItem(
    projectId: string,
    itemCode: string,
    manager?: EntityManager,
  ): Promise<MilestoneEntity | null> {
    return (manager ?? this.dataSource.manager)
      .getRepository(MilestoneEntity)
      .findOneBy({ projectId, itemCode });
  }

  /** Create a milestone (audited by the subscriber); inside a transaction, pass its manager. */
  create(data: Partial<MilestoneEntity>, manager?: EntityManager): Promise<MilestoneEntity> {
    const repository = (manager ?? this.dataSource.manager).getRepository(MilestoneEntity);
    return repository.save(repository.create(data));
  }

  /** Remove a milestone (audited by the subscriber), inside the caller's transaction. */
  async remove(milestone: MilestoneEntity, manager: EntityManager): Promise<void> {
    await manager.getRepository(MilestoneEntity).remove(milestone);
  }

  async lockById(id: string, manager: EntityManager): Promise<MilestoneEntity | null> {
    return lockRowById(manager, MilestoneEntity, 'm', id);
  }

  events(milestoneId: string, manager?: EntityManager): Promise<MilestoneEventEntity[]> {
    return (manager ?? this.dataSource.manager)
      .getRepository(MilestoneEventEntity)
      .find({ where: { milestoneId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** The events of many milestones, by milestone (inside a transaction, pass its manager). */
  async eventsOf(
    milestoneIds: string[],
    manager?: EntityManager,
  ): Promise<Map<string, MilestoneEventEntity[]>> {
    const map = new Map<string, MilestoneEventEntity[]>(milestoneIds.map((id) => [id, []]));
    if (milestoneIds.length === 0) return map;
    const rows = await (manager ?? this.dataSource.manager)
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

  /** The ids among `ids` that exist, locked (`FOR UPDATE`, in id order) until the end of the transaction. */
  async lockByIds(ids: readonly string[], manager: EntityManager): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = (await manager.query(
      `SELECT id FROM milestone WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY id FOR UPDATE`,
      [...ids],
    )) as Array<{ id: string | number }>;
    return rows.map((row) => String(row.id));
  }

  /**
   * Write many recomputed clocks in one statement (an UPDATE joined with the new values, written as
   * literals: see sqlRowList; derived data, not an audited change). The `id IN` keeps it on the
   * primary key: without it MariaDB may scan the whole table against the (unindexed) derived table.
   */
  async writeDerivedMany(
    rows: ReadonlyArray<{ id: string; derived: MilestoneDerived }>,
    manager: EntityManager,
  ): Promise<void> {
    if (rows.length === 0) return;
    const literals = new SqlLiterals();
    const selects = rows.map(({ id, derived }, index) => {
      const values = [
        id,
        derived.state,
        derived.submittedAt,
        derived.acceptedOn,
        derived.acceptanceDeemed ? 1 : 0,
        derived.deadline,
        derived.light,
        derived.extensionDays,
        derived.decidedAt,
        derived.decidedOnTime === null || derived.decidedOnTime === undefined
          ? null
          : derived.decidedOnTime
            ? 1
            : 0,
        derived.nextChangeAt,
      ];
      // The first row names the columns.
      if (index === 0)
        return `SELECT ${values.map((value, column) => `${literals.literal(value)} AS ${DERIVED_COLUMNS[column]}`).join(', ')}`;
      return `SELECT ${literals.list(values)}`;
    });
    await manager.query(
      `UPDATE milestone m JOIN (${selects.join(' UNION ALL ')}) v ON v.id = m.id
          SET m.state = v.state, m.submitted_at = v.submitted_at, m.accepted_on = v.accepted_on,
              m.acceptance_deemed = v.acceptance_deemed, m.deadline = v.deadline, m.light = v.light,
              m.extension_days = v.extension_days, m.decided_at = v.decided_at,
              m.decided_on_time = v.decided_on_time, m.next_change_at = v.next_change_at
        WHERE m.id IN (${literals.list(rows.map((row) => row.id))})`,
    );
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

  /**
   * What the clock of each of the milestones `ids` is computed from (item, project amount) and its
   * derived columns as stored, as plain rows (a check reads tens of thousands: no entities).
   */
  async clockRows(ids: readonly string[]): Promise<MilestoneClockRow[]> {
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.item_code AS itemCode, p.contract_amount AS contractAmount, m.state,
              m.submitted_at AS submittedAt, m.accepted_on AS acceptedOn, m.acceptance_deemed AS acceptanceDeemed,
              m.deadline, m.light, m.extension_days AS extensionDays, m.decided_at AS decidedAt,
              m.decided_on_time AS decidedOnTime, m.next_change_at AS nextChangeAt
         FROM milestone m INNER JOIN project p ON p.id = m.project_id
        WHERE m.id IN (?)`,
      [[...ids]],
    )) as Array<MilestoneClockRow & { acceptanceDeemed: unknown; decidedOnTime: unknown }>;
    for (const row of rows) {
      row.id = String(row.id);
      row.contractAmount = String(row.contractAmount);
      row.acceptanceDeemed = Boolean(Number(row.acceptanceDeemed));
      row.decidedOnTime = row.decidedOnTime === null ? null : Boolean(Number(row.decidedOnTime));
      row.extensionDays = Number(row.extensionDays);
    }
    return rows;
  }

  /**
   * The events the clocks of the milestones `ids` are folded from, by milestone, in order (at, id), as
   * plain rows (inside a transaction, pass its manager).
   */
  async clockEventsOf(
    ids: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, ClockEventRow[]>> {
    const map = new Map<string, ClockEventRow[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return map;
    const rows = (await (manager ?? this.dataSource.manager).query(
      `SELECT id, milestone_id AS milestoneId, type, at, days, reason, missing_materials AS missingMaterials,
              cure_deadline AS cureDeadline, by_promise AS byPromise, verify_by AS verifyBy, recorded_at AS recordedAt
         FROM milestone_event WHERE milestone_id IN (?) ORDER BY at, id`,
      [[...ids]],
    )) as Array<ClockEventRow & { byPromise: unknown }>;
    for (const row of rows) {
      row.id = String(row.id);
      row.milestoneId = String(row.milestoneId);
      row.byPromise = Boolean(Number(row.byPromise));
      map.get(row.milestoneId)?.push(row);
    }
    return map;
  }

  /** The ids of the events of the milestones `ids`, by milestone, in order (at, id). */
  async eventIdsOf(ids: readonly string[], manager: EntityManager): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return map;
    const rows = (await manager.query(
      'SELECT id, milestone_id AS milestoneId FROM milestone_event WHERE milestone_id IN (?) ORDER BY at, id',
      [[...ids]],
    )) as Array<{ id: string; milestoneId: string }>;
    for (const row of rows) map.get(String(row.milestoneId))?.push(String(row.id));
    return map;
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
      cureDeadline: string | null;
      curedAt: Date | null;
      verifyBy: string | null;
      verified: boolean;
    }>
  > {
    // Besides the lights: open 容缺 acceptances still missing materials, and 告知承诺 approvals not
    // verified yet (the rule compares their dates with today). The candidates come from indexes (the
    // lights, the state, the few events with a cure deadline or by promise, the given ids), so that
    // the conditions are evaluated on them only, never on every milestone.
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.project_id AS projectId, m.department_id AS departmentId, m.state, m.light, m.deadline, m.decided_at AS decidedAt,
              ${CURE_AND_PROMISE_COLUMNS.join(', ')}
         FROM (SELECT id FROM milestone WHERE light IN ('yellow', 'red') AND decided_at IS NULL
               UNION SELECT id FROM milestone WHERE state = ${DEEMED_APPROVED}
               UNION SELECT milestone_id FROM milestone_event WHERE cure_deadline IS NOT NULL AND type = ${ACCEPT}
               UNION SELECT milestone_id FROM milestone_event WHERE by_promise = 1 AND type = ${APPROVE}
               ${extraIds.length ? 'UNION SELECT id FROM milestone WHERE id IN (?)' : ''}) candidate
        INNER JOIN milestone m ON m.id = candidate.id
        WHERE (m.decided_at IS NULL AND m.light IN ('yellow', 'red'))
           OR (m.state = ${DEEMED_APPROVED} AND NOT EXISTS
                (SELECT 1 FROM alert a WHERE a.subject_type = 'milestone' AND a.subject_id = m.id AND a.kind = ${sqlValue(AlertKind.deemed_approval)}))
           OR (m.decided_at IS NULL AND EXISTS
                (SELECT 1 FROM milestone_event e WHERE e.milestone_id = m.id AND e.type = ${ACCEPT} AND e.cure_deadline IS NOT NULL)
                AND NOT EXISTS (SELECT 1 FROM milestone_event e WHERE e.milestone_id = m.id AND e.type = ${CURE}))
           OR (m.state = ${sqlValue(MilestoneState.approved)} AND EXISTS
                (SELECT 1 FROM milestone_event e WHERE e.milestone_id = m.id AND e.type = ${APPROVE} AND e.by_promise = 1)
                AND NOT EXISTS (SELECT 1 FROM milestone_event e WHERE e.milestone_id = m.id AND e.type IN ${VERIFICATIONS}))
           ${extraIds.length ? 'OR m.id IN (?)' : ''}`,
      extraIds.length ? [extraIds, extraIds] : [],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => {
      const { verification, ...cure } = cureAndPromiseOf(row);
      return {
        id: String(row['id']),
        projectId: String(row['projectId']),
        departmentId: String(row['departmentId']),
        state: String(row['state']),
        light: (row['light'] as 'green' | 'yellow' | 'red' | null) ?? null,
        deadline: (row['deadline'] as string | null) ?? null,
        decidedAt: (row['decidedAt'] as Date | null) ?? null,
        ...cure,
        verified: verification !== null,
      };
    });
  }
}
