import { type AccessScope, ProjectStage } from '@luodi/domain';
import { sqlValue } from '../sql-values';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  countThenPage,
  escapeLike,
  isRowId,
  lockRowById,
  type PageRequest,
  whereContains,
  saveNew,
} from './query-helpers';
import { FundArrivalEntity } from '../entities/fund-arrival.entity';
import { ProjectStageEventEntity } from '../entities/project-stage-event.entity';
import { ProjectEntity } from '../entities/project.entity';

export interface ProjectListFilter {
  stage?: string;
  source?: string;
  industry?: string;
  leadDepartmentId?: string;
  /** Free text: name, investor, code or project code (项目代码). */
  q?: string;
  /** Signed in this year (by `signedUntil` when given: the as-of day of a drill-down). */
  signedYear?: number;
  /** Caps `signedYear` at this day (the as-of day of the figure drilled from). */
  signedUntil?: string;
  /** Reached this stage on or before `reachedBy` (its date field set and ≤ that day). */
  reached?: 'registered' | 'started' | 'operating' | 'full_production';
  reachedBy?: string;
  /** The funnel's talks cohort of a year: talks started in it by `talksBy`, or signed in it by then. */
  talksYear?: number;
  talksBy?: string;
  signedFrom?: string;
  signedTo?: string;
  startedFrom?: string;
  startedTo?: string;
  /**
   * Planned to start in [plannedStartFrom, plannedStartTo]: the project's plannedStartDate, or — without
   * one — the last day of a key work's planned start month (routes-and-forecast §3's planned start).
   */
  plannedStartFrom?: string;
  plannedStartTo?: string;
  /** Only these projects (the drill of a figure computed per project, e.g. 预计开工's month bars). */
  ids?: readonly string[];
  sort?: 'code' | 'name' | 'signedAt' | 'contractAmount' | 'stage' | 'updatedAt';
  order?: 'asc' | 'desc';
}

export interface ProjectRow extends ProjectEntity {
  leadDepartmentName: string;
}

const SORT_COLUMNS: Record<NonNullable<ProjectListFilter['sort']>, string> = {
  code: 'p.code',
  name: 'p.name',
  signedAt: 'p.signedAt',
  contractAmount: 'p.contractAmount',
  stage: 'p.stage',
  updatedAt: 'p.updatedAt',
};

const REACHED_COLUMNS: Record<NonNullable<ProjectListFilter['reached']>, string> = {
  registered: 'p.registered_at',
  started: 'p.started_at',
  operating: 'p.operating_at',
  full_production: 'p.full_production_at',
};

/**
 * The department scope of projects: a department user sees the projects its department leads and
 * those it holds a milestone on.
 */
export function applyProjectScope<T extends object>(
  query: SelectQueryBuilder<T>,
  scope: AccessScope,
  alias = 'p',
): SelectQueryBuilder<T> {
  if (scope.kind === 'all') return query;
  return query.andWhere(
    `(${alias}.lead_department_id = :scopeDepartmentId OR EXISTS (SELECT 1 FROM milestone sm WHERE sm.project_id = ${alias}.id AND sm.department_id = :scopeDepartmentId))`,
    { scopeDepartmentId: scope.departmentId },
  );
}

/** All SQL on `project`, `project_stage_event` and `fund_arrival`. */
export class ProjectRepository {
  constructor(private readonly dataSource: DataSource) {}

  private projects(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ProjectEntity);
  }

  /** Set a project's planned start date (the demo loader places its at-risk examples with it). */
  async setPlannedStartDate(id: string, plannedStartDate: string, manager?: EntityManager): Promise<void> {
    await this.projects(manager).update({ id }, { plannedStartDate });
  }

  private filtered(filter: ProjectListFilter, scope: AccessScope): SelectQueryBuilder<ProjectEntity> {
    const query = this.projects()
      .createQueryBuilder('p')
      .innerJoin('p.leadDepartment', 'd')
      .addSelect('d.name', 'leadDepartmentName');
    applyProjectScope(query, scope);
    if (filter.stage) query.andWhere('p.stage = :stage', { stage: filter.stage });
    if (filter.source) query.andWhere('p.source = :source', { source: filter.source });
    if (filter.industry) query.andWhere('p.industry = :industry', { industry: filter.industry });
    if (filter.leadDepartmentId)
      query.andWhere('p.lead_department_id = :lead', { lead: filter.leadDepartmentId });
    if (filter.signedYear) {
      const last = `${filter.signedYear}-12-31`;
      query.andWhere('p.signed_at BETWEEN :from AND :to', {
        from: `${filter.signedYear}-01-01`,
        to: filter.signedUntil && filter.signedUntil < last ? filter.signedUntil : last,
      });
    }
    if (filter.reached && filter.reachedBy) {
      const column = REACHED_COLUMNS[filter.reached];
      query.andWhere(`${column} IS NOT NULL AND ${column} <= :reachedBy`, { reachedBy: filter.reachedBy });
    }
    if (filter.talksYear && filter.talksBy) {
      const last = `${filter.talksYear}-12-31`;
      const talks = {
        talksFrom: `${filter.talksYear}-01-01`,
        talksTo: filter.talksBy < last ? filter.talksBy : last,
      };
      query.andWhere(
        '((p.talks_started_at >= :talksFrom AND p.talks_started_at <= :talksTo) OR (p.signed_at >= :talksFrom AND p.signed_at <= :talksTo))',
        talks,
      );
    }
    if (filter.signedFrom) query.andWhere('p.signed_at >= :signedFrom', { signedFrom: filter.signedFrom });
    if (filter.signedTo) query.andWhere('p.signed_at <= :signedTo', { signedTo: filter.signedTo });
    if (filter.startedFrom)
      query.andWhere('p.started_at >= :startedFrom', { startedFrom: filter.startedFrom });
    if (filter.startedTo) query.andWhere('p.started_at <= :startedTo', { startedTo: filter.startedTo });
    if (filter.plannedStartFrom || filter.plannedStartTo) {
      const range = (column: string) =>
        [
          filter.plannedStartFrom ? `${column} >= :plannedStartFrom` : null,
          filter.plannedStartTo ? `${column} <= :plannedStartTo` : null,
        ]
          .filter(Boolean)
          .join(' AND ');
      const monthEnd = 'LAST_DAY(MAKEDATE(pk.year, 1) + INTERVAL (pk.planned_start_month - 1) MONTH)';
      query.andWhere(
        `((p.planned_start_date IS NOT NULL AND ${range('p.planned_start_date')}) OR (p.planned_start_date IS NULL AND EXISTS (SELECT 1 FROM key_work pk WHERE pk.project_id = p.id AND pk.planned_start_month IS NOT NULL AND ${range(monthEnd)})))`,
        { plannedStartFrom: filter.plannedStartFrom, plannedStartTo: filter.plannedStartTo },
      );
    }
    if (filter.ids) {
      if (filter.ids.length === 0) query.andWhere('1 = 0');
      else query.andWhere('p.id IN (:...listIds)', { listIds: [...filter.ids] });
    }
    whereContains(query, filter.q, ['p.name', 'p.investor', 'p.code', 'p.projectCode']);
    return query;
  }

  async list(
    filter: ProjectListFilter,
    scope: AccessScope,
    page: PageRequest | null,
  ): Promise<{ items: ProjectRow[]; total: number }> {
    const query = this.filtered(filter, scope)
      .orderBy(
        SORT_COLUMNS[filter.sort ?? 'updatedAt'],
        (filter.order ?? 'desc').toUpperCase() as 'ASC' | 'DESC',
      )
      .addOrderBy('p.id', 'DESC');
    const total = await countThenPage(query, page);
    const { entities, raw } = await query.getRawAndEntities<{ leadDepartmentName: string }>();
    return {
      items: entities.map((entity, index) =>
        Object.assign(entity, { leadDepartmentName: raw[index]!.leadDepartmentName }),
      ),
      total,
    };
  }

  async findVisible(id: string, scope: AccessScope): Promise<ProjectRow | null> {
    if (!isRowId(id)) return null;
    const query = this.filtered({}, scope).andWhere('p.id = :id', { id });
    const { entities, raw } = await query.getRawAndEntities<{ leadDepartmentName: string }>();
    const entity = entities[0];
    return entity ? Object.assign(entity, { leadDepartmentName: raw[0]!.leadDepartmentName }) : null;
  }

  /** The row locked for the rest of the transaction (stage changes and fund entries serialise on it). */
  async lockById(id: string, manager: EntityManager): Promise<ProjectEntity | null> {
    if (!isRowId(id)) return null;
    return lockRowById(manager, ProjectEntity, 'p', id);
  }

  findByCode(code: string): Promise<ProjectEntity | null> {
    return this.projects().findOneBy({ code });
  }

  async existingCodes(codes: string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await this.projects()
      .createQueryBuilder('p')
      .select('p.code', 'code')
      .where('p.code IN (:...codes)', { codes })
      .getRawMany<{ code: string }>();
    return rows.map((row) => row.code);
  }

  /** The highest number of the `<prefix>NNN` codes stored (0 when none). */
  private async highestNumber(prefix: string, manager: EntityManager): Promise<number> {
    const [row] = (await manager.query(
      "SELECT MAX(CAST(SUBSTRING(code, ?) AS UNSIGNED)) AS last FROM project WHERE code LIKE ? AND SUBSTRING(code, ?) REGEXP '^[0-9]+$'",
      [prefix.length + 1, `${escapeLike(prefix)}%`, prefix.length + 1],
    )) as Array<{ last: string | null }>;
    return Number(row?.last ?? 0);
  }

  /**
   * The first free number of a batch (imports): after both the stored codes and the sequence. Inside
   * a transaction the sequence row is locked until it ends, so a single create waits for the batch
   * (and then skips past its codes, see allocateCode).
   */
  async nextCode(prefix: string, manager?: EntityManager): Promise<string> {
    const runner = manager ?? this.dataSource.manager;
    const [sequence] = (await runner.query(
      `SELECT last_number FROM project_code_sequence WHERE prefix = ?${manager ? ' FOR UPDATE' : ''}`,
      [prefix],
    )) as Array<{ last_number: string | number }>;
    const last = Math.max(Number(sequence?.last_number ?? 0), await this.highestNumber(prefix, runner));
    return `${prefix}${String(last + 1).padStart(3, '0')}`;
  }

  /**
   * A new code `<prefix>NNN` from the per-prefix sequence, inside the caller's transaction: one atomic
   * INSERT … ON DUPLICATE KEY UPDATE takes the next number (LAST_INSERT_ID keeps it for this
   * connection) and holds the sequence row until the transaction ends, so parallel creates get
   * distinct codes and a rolled-back create leaves no gap. A number already taken by a code given
   * elsewhere (by hand, an import, the demo data) moves the sequence past the highest stored code.
   */
  async allocateCode(prefix: string, manager: EntityManager): Promise<string> {
    for (let attempt = 1; ; attempt += 1) {
      await manager.query(
        `INSERT INTO project_code_sequence (prefix, last_number) VALUES (?, LAST_INSERT_ID(1))
         ON DUPLICATE KEY UPDATE last_number = LAST_INSERT_ID(last_number + 1)`,
        [prefix],
      );
      const [row] = (await manager.query('SELECT LAST_INSERT_ID() AS n')) as Array<{ n: string | number }>;
      const code = `${prefix}${String(Number(row!.n)).padStart(3, '0')}`;
      if (!(await this.projects(manager).existsBy({ code }))) return code;
      if (attempt >= 3) throw new Error(`no free project code after ${code}`);
      await manager.query(
        'UPDATE project_code_sequence SET last_number = GREATEST(last_number, ?) WHERE prefix = ?',
        [await this.highestNumber(prefix, manager), prefix],
      );
    }
  }

  /**
   * Take the lock rows (unique_claim) of values unique among live projects, inside the caller's
   * transaction, held until it ends: writers of the same value wait for each other, writers of other
   * values never. One statement, in a fixed order (kind, then value), so two transactions claiming
   * several values cannot take them crosswise. Run the transaction READ COMMITTED and look for a
   * holder (liveWithCreditCode, liveWithProjectCode) only after the claim: the plain read then sees
   * every project committed by an earlier holder of the claim, and takes no gap lock.
   */
  async claimUnique(
    claims: ReadonlyArray<{ kind: 'credit_code' | 'project_code'; value: string }>,
    manager: EntityManager,
  ): Promise<void> {
    if (claims.length === 0) return;
    const sorted = [
      ...new Map(claims.map((claim) => [`${claim.kind}\u0000${claim.value}`, claim])).values(),
    ].sort((a, b) =>
      a.kind === b.kind ? (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) : a.kind < b.kind ? -1 : 1,
    );
    for (let start = 0; start < sorted.length; start += 500) {
      const chunk = sorted.slice(start, start + 500);
      await manager.query(
        `INSERT INTO unique_claim (kind, value) VALUES ${chunk.map(() => '(?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE value = VALUES(value)`,
        chunk.flatMap((claim) => [claim.kind, claim.value]),
      );
    }
  }

  /**
   * The live (not terminated) projects other than `exceptId` with this credit code. A plain read (no
   * gap lock): call it after claimUnique, in a READ COMMITTED transaction.
   */
  async liveWithCreditCode(
    creditCode: string,
    exceptId: string | null,
    manager: EntityManager,
  ): Promise<Array<{ id: string; code: string }>> {
    const rows = (await manager.query(
      `SELECT id, code FROM project WHERE credit_code = ? AND stage <> ${sqlValue(ProjectStage.terminated)}`,
      [creditCode],
    )) as Array<{ id: string | number; code: string }>;
    return rows
      .filter((row) => String(row.id) !== exceptId)
      .map((row) => ({ id: String(row.id), code: row.code }));
  }

  /**
   * The live (not terminated) projects other than `exceptId` with this project code (项目代码), as
   * liveWithCreditCode (after claimUnique, READ COMMITTED).
   */
  async liveWithProjectCode(
    projectCode: string,
    exceptId: string | null,
    manager: EntityManager,
  ): Promise<Array<{ id: string; code: string }>> {
    const rows = (await manager.query(
      `SELECT id, code FROM project WHERE project_code = ? AND stage <> ${sqlValue(ProjectStage.terminated)}`,
      [projectCode],
    )) as Array<{ id: string | number; code: string }>;
    return rows
      .filter((row) => String(row.id) !== exceptId)
      .map((row) => ({ id: String(row.id), code: row.code }));
  }

  /** The project code (项目代码) of a project (null: none, or no such project), in the caller's transaction. */
  async projectCodeOf(id: string, manager: EntityManager): Promise<string | null> {
    const [row] = (await manager.query('SELECT project_code AS projectCode FROM project WHERE id = ?', [
      id,
    ])) as Array<{ projectCode: string | null }>;
    return row?.projectCode ?? null;
  }

  /** The live projects with these project codes (项目代码), by code. */
  async liveByProjectCodes(
    projectCodes: string[],
    manager?: EntityManager,
  ): Promise<Map<string, { id: string; code: string; name: string; contractAmount: string }>> {
    const found = new Map<string, { id: string; code: string; name: string; contractAmount: string }>();
    for (let start = 0; start < projectCodes.length; start += 500) {
      const chunk = projectCodes.slice(start, start + 500);
      const rows = (await (manager ?? this.dataSource.manager).query(
        `SELECT id, code, name, contract_amount AS contractAmount, project_code AS projectCode FROM project WHERE stage <> ${sqlValue(ProjectStage.terminated)} AND project_code IN (${chunk.map(() => '?').join(',')})`,
        chunk,
      )) as Array<{
        id: string | number;
        code: string;
        name: string;
        contractAmount: string | number;
        projectCode: string;
      }>;
      for (const row of rows)
        found.set(row.projectCode, {
          id: String(row.id),
          code: row.code,
          name: row.name,
          contractAmount: String(row.contractAmount),
        });
    }
    return found;
  }

  /**
   * What the idle-land check looks at: live projects with land supplied on or before
   * `suppliedBefore` and not started, and the given ids.
   */
  async idleLandFacts(
    suppliedBefore: string,
    extraIds: readonly string[],
  ): Promise<
    Array<{ id: string; leadDepartmentId: string; landSuppliedAt: string | null; startedAt: string | null }>
  > {
    const rows = (await this.dataSource.query(
      `SELECT id, lead_department_id AS leadDepartmentId, land_supplied_at AS landSuppliedAt,
              started_at AS startedAt, stage
         FROM project
        WHERE (land_supplied_at <= ? AND started_at IS NULL AND stage <> ${sqlValue(ProjectStage.terminated)})
           ${extraIds.length ? `OR id IN (${extraIds.map(() => '?').join(',')})` : ''}`,
      [suppliedBefore, ...extraIds],
    )) as Array<Record<string, unknown>>;
    return rows
      .filter((row) => row['stage'] !== ProjectStage.terminated)
      .map((row) => ({
        id: String(row['id']),
        leadDepartmentId: String(row['leadDepartmentId']),
        landSuppliedAt: (row['landSuppliedAt'] as string | null) ?? null,
        startedAt: (row['startedAt'] as string | null) ?? null,
      }));
  }

  /** Add a subsidy's amount to the project's total, inside the caller's transaction. */
  async addToSubsidiesPaid(id: string, amount: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE project SET subsidies_paid = subsidies_paid + ? WHERE id = ?', [amount, id]);
  }

  /** Add a fund arrival's amount to the project's total, inside the caller's transaction (one atomic update). */
  async addToFundsArrived(id: string, amount: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE project SET funds_arrived = funds_arrived + ? WHERE id = ?', [amount, id]);
  }

  create(data: Partial<ProjectEntity>, manager?: EntityManager): Promise<ProjectEntity> {
    return this.projects(manager).save(this.projects(manager).create(data));
  }

  /** Bulk insert (imports), inside the caller's transaction; returns the new ids by code. Not audited row by row: the caller records one audit entry for the batch. */
  async insertMany(
    rows: Array<Partial<ProjectEntity>>,
    manager: EntityManager,
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      await manager
        .createQueryBuilder()
        .insert()
        .into(ProjectEntity)
        .values(chunk)
        .updateEntity(false)
        .callListeners(false)
        .execute();
      const inserted = (await manager.query(
        `SELECT id, code FROM project WHERE code IN (${chunk.map(() => '?').join(',')})`,
        chunk.map((row) => row.code),
      )) as Array<{ id: string; code: string }>;
      for (const row of inserted) ids.set(row.code, String(row.id));
    }
    return ids;
  }

  update(
    entity: ProjectEntity,
    patch: Partial<ProjectEntity>,
    manager?: EntityManager,
  ): Promise<ProjectEntity> {
    return this.projects(manager).save(this.projects(manager).merge(entity, patch));
  }

  async addStageEvents(
    events: Array<Partial<ProjectStageEventEntity>>,
    manager: EntityManager,
  ): Promise<void> {
    for (const event of events) await saveNew(manager, ProjectStageEventEntity, event);
  }

  async insertStageEvents(
    events: Array<Partial<ProjectStageEventEntity>>,
    manager: EntityManager,
  ): Promise<void> {
    for (let start = 0; start < events.length; start += 1000) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ProjectStageEventEntity)
        .values(events.slice(start, start + 1000))
        .updateEntity(false)
        .callListeners(false)
        .execute();
    }
  }

  stageEvents(projectId: string): Promise<ProjectStageEventEntity[]> {
    return this.dataSource
      .getRepository(ProjectStageEventEntity)
      .find({ where: { projectId }, order: { at: 'ASC', id: 'ASC' } });
  }

  async addFund(fund: Partial<FundArrivalEntity>, manager: EntityManager): Promise<FundArrivalEntity> {
    return saveNew(manager, FundArrivalEntity, fund);
  }

  /** One funds entry of a project, and whether a reversal of it exists (read under the project's lock). */
  async fundEntry(
    projectId: string,
    fundId: string,
    manager: EntityManager,
  ): Promise<{ entry: FundArrivalEntity; reversed: boolean } | null> {
    if (!isRowId(fundId)) return null;
    const repository = manager.getRepository(FundArrivalEntity);
    const entry = await repository.findOneBy({ id: fundId, projectId });
    if (!entry) return null;
    const reversed = (await repository.countBy({ reversesId: fundId })) > 0;
    return { entry, reversed };
  }

  funds(projectId: string): Promise<FundArrivalEntity[]> {
    return this.dataSource
      .getRepository(FundArrivalEntity)
      .find({ where: { projectId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /**
   * What the stall check looks at (indexed on signed_at and registered_at): signed and not registered
   * since `signedBefore`, registered and not started since `registeredBefore`, and the given ids.
   */
  async stallFacts(
    signedBefore: string,
    registeredBefore: string,
    extraIds: string[],
  ): Promise<
    Array<{
      id: string;
      leadDepartmentId: string;
      stage: string;
      signedAt: string | null;
      registeredAt: string | null;
      startedAt: string | null;
    }>
  > {
    const rows = (await this.dataSource.query(
      `SELECT id, lead_department_id AS leadDepartmentId, stage, signed_at AS signedAt, registered_at AS registeredAt, started_at AS startedAt
         FROM project
        WHERE (signed_at <= ? AND registered_at IS NULL AND stage <> 'terminated')
           OR (registered_at <= ? AND started_at IS NULL AND stage <> 'terminated')
           ${extraIds.length ? `OR id IN (${extraIds.map(() => '?').join(',')})` : ''}`,
      [signedBefore, registeredBefore, ...extraIds],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      id: String(row['id']),
      leadDepartmentId: String(row['leadDepartmentId']),
      stage: String(row['stage']),
      signedAt: (row['signedAt'] as string | null) ?? null,
      registeredAt: (row['registeredAt'] as string | null) ?? null,
      startedAt: (row['startedAt'] as string | null) ?? null,
    }));
  }

  /**
   * The projects whose start may be forecast for the start_at_risk check (routes-and-forecast §3): not
   * started, not terminated, with an applied route and a planned start — the project's
   * `plannedStartDate`, or the planned start month of its key work of `keyWorkYear`
   * (`key_work.planned_start_month`); and those in `extraIds` (which may no longer qualify: evaluated
   * with no condition, their alerts resolve). In id order.
   */
  async forecastFacts(
    extraIds: readonly string[],
    keyWorkYear: number,
  ): Promise<
    Array<{
      id: string;
      leadDepartmentId: string;
      plannedStartDate: string | null;
      /** The key work's planned start month (1–12) in `keyWorkYear`, or null. */
      keyWorkStartMonth: number | null;
      startedAt: string | null;
      stage: string;
      routed: boolean;
    }>
  > {
    const rows = (await this.dataSource.query(
      `SELECT p.id, p.lead_department_id AS leadDepartmentId, p.planned_start_date AS plannedStartDate,
              kw.planned_start_month AS keyWorkStartMonth,
              p.started_at AS startedAt, p.stage, (r.project_id IS NOT NULL) AS routed
         FROM project p
         LEFT JOIN project_route r ON r.project_id = p.id
         LEFT JOIN key_work kw ON kw.project_id = p.id AND kw.year = ?
        WHERE (p.started_at IS NULL AND p.stage <> 'terminated' AND r.project_id IS NOT NULL
               AND (p.planned_start_date IS NOT NULL OR kw.planned_start_month IS NOT NULL))
           ${extraIds.length ? `OR p.id IN (${extraIds.map(() => '?').join(',')})` : ''}
        ORDER BY p.id`,
      [keyWorkYear, ...extraIds],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      id: String(row['id']),
      leadDepartmentId: String(row['leadDepartmentId']),
      plannedStartDate: dateText(row['plannedStartDate']),
      keyWorkStartMonth:
        row['keyWorkStartMonth'] === null || row['keyWorkStartMonth'] === undefined
          ? null
          : Number(row['keyWorkStartMonth']),
      startedAt: dateText(row['startedAt']),
      stage: String(row['stage']),
      routed: Number(row['routed']) === 1,
    }));
  }
}

/** A DATE column as read by a raw query (a string, or a Date with some drivers' settings). */
function dateText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}
