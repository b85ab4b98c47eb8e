import { CONSTRUCT_ITEM_CODE, MilestoneState, ProjectStage } from '@luodi/domain';
import type { DataSource } from 'typeorm';
import { sqlValue, sqlValues } from '../sql-values';

/** One month-end forecast of a project, as written by the snapshot job. */
export interface ForecastSnapshotRow {
  projectId: string;
  snapshotDate: string;
  promiseBound: string;
  p50: string;
  p80: string;
  bindingMilestoneId: string | null;
  bindingItemCode: string | null;
  bindingDepartmentId: string | null;
  plannedStartDate: string | null;
}

/** A project whose start may be forecast at a month-end: on a route applied by then, not terminated. */
export interface SnapshotCandidate {
  id: string;
  plannedStartDate: string | null;
}

/** A kept snapshot of a project whose CONSTRUCT was approved (its actual start, as the forecast means it). */
export interface StartedSnapshot {
  projectId: string;
  snapshotDate: string;
  p50: string;
  p80: string;
  departmentId: string | null;
  departmentName: string | null;
  /** When CONSTRUCT was approved (a moment; its Asia/Shanghai business date is the start). */
  constructDecidedAt: Date;
}

/** Rows per INSERT statement. */
const INSERT_BATCH = 500;

const APPROVED = sqlValues([MilestoneState.approved, MilestoneState.deemed_approved]);

const dateText = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : value instanceof Date
      ? value.toISOString().slice(0, 10)
      : String(value).slice(0, 10);

/** All SQL on `forecast_snapshot` (and the reads of the projects and starts it is compared with). */
export class ForecastSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Projects on a route applied at or before `moment`, not terminated, in id order. */
  async candidates(moment: Date): Promise<SnapshotCandidate[]> {
    const rows = (await this.dataSource.query(
      `SELECT p.id, p.planned_start_date AS plannedStartDate
         FROM project p JOIN project_route r ON r.project_id = p.id
        WHERE r.applied_at <= ? AND p.stage <> ${sqlValue(ProjectStage.terminated)}
        ORDER BY p.id`,
      [moment],
    )) as Array<{ id: string | number; plannedStartDate: unknown }>;
    return rows.map((row) => ({ id: String(row.id), plannedStartDate: dateText(row.plannedStartDate) }));
  }

  /** How many snapshots are kept for a month-end (0: that month-end is missing). */
  async countOn(snapshotDate: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      'SELECT COUNT(*) AS n FROM forecast_snapshot WHERE snapshot_date = ?',
      [snapshotDate],
    )) as Array<{ n: string | number }>;
    return Number(row?.n ?? 0);
  }

  /**
   * Write snapshots, keeping any already there for the same project and month-end: INSERT … ON
   * DUPLICATE KEY UPDATE with a no-op update (not INSERT IGNORE, which would also turn other errors —
   * a bad date, a too-long code — into warnings). Returns how many rows were new.
   */
  async insertKeepingFirst(rows: readonly ForecastSnapshotRow[]): Promise<number> {
    let inserted = 0;
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      const batch = rows.slice(start, start + INSERT_BATCH);
      // How many are new (for the job's log): the batch less those kept already.
      const [kept] = (await this.dataSource.query(
        `SELECT COUNT(*) AS n FROM forecast_snapshot
          WHERE (project_id, snapshot_date) IN (${batch.map(() => '(?, ?)').join(', ')})`,
        batch.flatMap((row) => [row.projectId, row.snapshotDate]),
      )) as Array<{ n: string | number }>;
      await this.dataSource.query(
        `INSERT INTO forecast_snapshot (project_id, snapshot_date, promise_bound, p50, p80, binding_milestone_id,
                binding_item_code, binding_department_id, planned_start_date)
         VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE id = id`,
        batch.flatMap((row) => [
          row.projectId,
          row.snapshotDate,
          row.promiseBound,
          row.p50,
          row.p80,
          row.bindingMilestoneId,
          row.bindingItemCode,
          row.bindingDepartmentId,
          row.plannedStartDate,
        ]),
      );
      inserted += batch.length - Number(kept?.n ?? 0);
    }
    return inserted;
  }

  /**
   * The snapshots taken on or before `asOf` of projects whose CONSTRUCT was approved (or deemed
   * approved) by `until`, with the department they count under; only `departmentId`'s when given.
   */
  async ofStartedProjects(
    asOf: string,
    until: Date,
    departmentId: string | null,
  ): Promise<StartedSnapshot[]> {
    const rows = (await this.dataSource.query(
      `SELECT s.project_id AS projectId, s.snapshot_date AS snapshotDate, s.p50, s.p80,
              s.binding_department_id AS departmentId, d.name AS departmentName, m.decided_at AS decidedAt
         FROM forecast_snapshot s
         JOIN milestone m ON m.project_id = s.project_id AND m.item_code = ?
                         AND m.state IN ${APPROVED} AND m.decided_at <= ?
         LEFT JOIN department d ON d.id = s.binding_department_id
        WHERE s.snapshot_date <= ? ${departmentId === null ? '' : 'AND s.binding_department_id = ?'}
        ORDER BY s.project_id, s.snapshot_date`,
      [CONSTRUCT_ITEM_CODE, until, asOf, ...(departmentId === null ? [] : [departmentId])],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      projectId: String(row['projectId']),
      snapshotDate: dateText(row['snapshotDate'])!,
      p50: dateText(row['p50'])!,
      p80: dateText(row['p80'])!,
      departmentId: row['departmentId'] === null ? null : String(row['departmentId']),
      departmentName: (row['departmentName'] as string | null) ?? null,
      constructDecidedAt: row['decidedAt'] as Date,
    }));
  }
}
