import type { AccessScope } from '@luodi/domain';
import type { KeyWorkRow as KeyWorkView } from '@luodi/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { KeyWorkReportEntity } from '../entities/key-work-report.entity';
import { KeyWorkEntity } from '../entities/key-work.entity';
import { filterConditions, isRowId, saveNew, stringColumns } from './query-helpers';

/** A key work with its project's names and its reports' sums (the contract's, less the rates the service adds). */
export type KeyWorkRow = Omit<KeyWorkView, 'completionRate' | 'scheduleRate' | 'missingReports'>;

/** The same department scope as projects: the projects a department leads or holds a milestone on. */
const scopeSql = (scope: AccessScope): { sql: string; params: unknown[] } =>
  scope.kind === 'all'
    ? { sql: '', params: [] }
    : {
        sql: ' AND (p.lead_department_id = ? OR EXISTS (SELECT 1 FROM milestone sm WHERE sm.project_id = p.id AND sm.department_id = ?))',
        params: [scope.departmentId, scope.departmentId],
      };

/**
 * The cockpit's narrowing of the key-work list, the same as its figures: the project's source and lead
 * department, and `plannedStart` for the new starts (计划新开工: a planned start month is set).
 */
export interface KeyWorkListFilter {
  source?: string;
  leadDepartmentId?: string;
  plannedStart?: boolean;
}

function keyWorkFilterSql(filter: KeyWorkListFilter): { sql: string; params: unknown[] } {
  const { sql, params } = filterConditions([
    ['p.source = ?', filter.source],
    ['p.lead_department_id = ?', filter.leadDepartmentId],
  ]);
  return { sql: filter.plannedStart ? `${sql} AND k.planned_start_month IS NOT NULL` : sql, params };
}

/** All SQL on `key_work` and `key_work_report`. */
export class KeyWorkRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    year: number,
    scope: AccessScope,
    keyWorkId?: string,
    filter: KeyWorkListFilter = {},
  ): Promise<KeyWorkRow[]> {
    const scoped = scopeSql(scope);
    const narrowed = keyWorkFilterSql(filter);
    const rows = (await this.dataSource.query(
      `SELECT k.id, k.project_id AS projectId, p.code AS projectCode, p.name AS projectName,
              p.lead_department_id AS leadDepartmentId, d.name AS leadDepartmentName, p.stage, p.started_at AS startedAt,
              k.year, k.annual_plan_investment AS annualPlanInvestment, k.planned_start_month AS plannedStartMonth,
              COALESCE(SUM(r.completed_investment), 0.00) AS completedInvestment,
              COUNT(r.id) AS reportCount, MAX(r.month) AS lastReportedMonth
         FROM key_work k
         JOIN project p ON p.id = k.project_id
         JOIN department d ON d.id = p.lead_department_id
         LEFT JOIN key_work_report r ON r.key_work_id = k.id
        WHERE k.year = ?${scoped.sql}${narrowed.sql}${keyWorkId ? ' AND k.id = ?' : ''}
        GROUP BY k.id
        ORDER BY p.code`,
      [year, ...scoped.params, ...narrowed.params, ...(keyWorkId ? [keyWorkId] : [])],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      ...stringColumns(row, 'id projectId projectCode projectName leadDepartmentId leadDepartmentName'),
      stage: row['stage'] as KeyWorkRow['stage'],
      startedAt: (row['startedAt'] as string | null) ?? null,
      year: Number(row['year']),
      annualPlanInvestment: String(row['annualPlanInvestment']),
      plannedStartMonth: row['plannedStartMonth'] === null ? null : Number(row['plannedStartMonth']),
      completedInvestment: String(row['completedInvestment']),
      reportCount: Number(row['reportCount']),
      lastReportedMonth: (row['lastReportedMonth'] as string | null) ?? null,
    }));
  }

  /** A project's key-work planned start month (1–12) in `year`, or null (not a key work, no month). */
  async plannedStartMonth(projectId: string, year: number): Promise<number | null> {
    const row = await this.dataSource
      .getRepository(KeyWorkEntity)
      .findOne({ where: { projectId, year }, select: { id: true, plannedStartMonth: true } });
    return row?.plannedStartMonth ?? null;
  }

  async findVisible(id: string, scope: AccessScope): Promise<KeyWorkEntity | null> {
    if (!isRowId(id)) return null;
    const scoped = scopeSql(scope);
    const rows = (await this.dataSource.query(
      `SELECT k.id FROM key_work k JOIN project p ON p.id = k.project_id WHERE k.id = ?${scoped.sql}`,
      [id, ...scoped.params],
    )) as Array<{ id: string }>;
    return rows.length ? this.dataSource.getRepository(KeyWorkEntity).findOneBy({ id }) : null;
  }

  findByProjectAndYear(projectId: string, year: number): Promise<KeyWorkEntity | null> {
    return this.dataSource.getRepository(KeyWorkEntity).findOneBy({ projectId, year });
  }

  forProject(projectId: string): Promise<KeyWorkEntity[]> {
    return this.dataSource
      .getRepository(KeyWorkEntity)
      .find({ where: { projectId }, order: { year: 'DESC' } });
  }

  create(data: Partial<KeyWorkEntity>, manager?: EntityManager): Promise<KeyWorkEntity> {
    return saveNew(manager ?? this.dataSource.manager, KeyWorkEntity, data);
  }

  update(entity: KeyWorkEntity, patch: Partial<KeyWorkEntity>): Promise<KeyWorkEntity> {
    const repository = this.dataSource.getRepository(KeyWorkEntity);
    return repository.save(repository.merge(entity, patch));
  }

  reports(keyWorkId: string): Promise<KeyWorkReportEntity[]> {
    return this.dataSource
      .getRepository(KeyWorkReportEntity)
      .find({ where: { keyWorkId }, order: { month: 'ASC' } });
  }

  /** Reports of every key work of a year for one month (the 月度调度表). */
  async reportsForMonth(year: number, month: string): Promise<Map<string, KeyWorkReportEntity>> {
    const rows = await this.dataSource
      .getRepository(KeyWorkReportEntity)
      .createQueryBuilder('r')
      .innerJoin('r.keyWork', 'k')
      .where('k.year = :year AND r.month = :month', { year, month })
      .getMany();
    return new Map(rows.map((row) => [row.keyWorkId, row]));
  }

  /** Every report of the year's key works, in one query: (key work, month, amount). */
  async reportsForYear(
    year: number,
  ): Promise<Array<{ keyWorkId: string; month: string; completedInvestment: string }>> {
    const rows = (await this.dataSource.query(
      `SELECT r.key_work_id AS keyWorkId, r.month, r.completed_investment AS completedInvestment
         FROM key_work_report r JOIN key_work k ON k.id = r.key_work_id
        WHERE k.year = ?`,
      [year],
    )) as Array<{ keyWorkId: string; month: string; completedInvestment: string }>;
    return rows.map((row) => ({ ...row, keyWorkId: String(row.keyWorkId) }));
  }

  findReport(keyWorkId: string, month: string): Promise<KeyWorkReportEntity | null> {
    return this.dataSource.getRepository(KeyWorkReportEntity).findOneBy({ keyWorkId, month });
  }

  saveReport(report: Partial<KeyWorkReportEntity>, manager?: EntityManager): Promise<KeyWorkReportEntity> {
    return saveNew(manager ?? this.dataSource.manager, KeyWorkReportEntity, report);
  }

  updateReport(
    entity: KeyWorkReportEntity,
    patch: Partial<KeyWorkReportEntity>,
  ): Promise<KeyWorkReportEntity> {
    const repository = this.dataSource.getRepository(KeyWorkReportEntity);
    return repository.save(repository.merge(entity, patch));
  }
}
