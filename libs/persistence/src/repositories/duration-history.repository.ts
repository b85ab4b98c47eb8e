import { type MilestoneState, UserEventType } from '@luodi/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { sqlValue } from '../sql-values';

/** A milestone accepted inside a history window, as stored by the clock refresh. */
export interface HistoryCandidate {
  id: string;
  itemCode: string;
  departmentId: string;
  acceptedOn: string;
  decidedAt: Date | null;
  contractAmount: string;
  state: MilestoneState;
  /** It has a suspend event: its suspended working days come from folding its events. */
  everSuspended: boolean;
}

/** One stored item × department history. */
export interface DurationHistoryRow {
  asOf: string;
  itemCode: string;
  departmentId: string;
  finished: number;
  censored: number;
  /** [days, events, censored] rows, ordered by days. */
  histogram: Array<[number, number, number]>;
}

const SUSPEND = sqlValue(UserEventType.suspend);

/** Rows per INSERT statement. */
const INSERT_BATCH = 500;

/** All SQL on `duration_history` (and the read of the milestones it is computed from). */
export class DurationHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Milestones accepted on a day in [from, to], with the stored acceptance and decision. */
  async candidates(from: string, to: string): Promise<HistoryCandidate[]> {
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.item_code AS itemCode, m.department_id AS departmentId, m.accepted_on AS acceptedOn,
              m.decided_at AS decidedAt, m.state, p.contract_amount AS contractAmount,
              EXISTS (SELECT 1 FROM milestone_event e WHERE e.milestone_id = m.id AND e.type = ${SUSPEND}) AS everSuspended
         FROM milestone m JOIN project p ON p.id = m.project_id
        WHERE m.accepted_on >= ? AND m.accepted_on <= ?
        ORDER BY m.id`,
      [from, to],
    )) as Array<{
      id: string | number;
      itemCode: string;
      departmentId: string | number;
      acceptedOn: string;
      decidedAt: Date | null;
      contractAmount: string | number;
      state: MilestoneState;
      everSuspended: string | number;
    }>;
    return rows.map((row) => ({
      id: String(row.id),
      itemCode: row.itemCode,
      departmentId: String(row.departmentId),
      acceptedOn: row.acceptedOn,
      decidedAt: row.decidedAt,
      contractAmount: String(row.contractAmount),
      state: row.state,
      everSuspended: Number(row.everSuspended) === 1,
    }));
  }

  /**
   * Replace the history as of `asOf` (and drop every older one) by `rows`, inside the caller's
   * transaction: readers see the previous complete set until it commits.
   */
  async replace(
    asOf: string,
    rows: readonly Omit<DurationHistoryRow, 'asOf'>[],
    computedAt: Date,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query('DELETE FROM duration_history WHERE as_of <= ?', [asOf]);
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      const batch = rows.slice(start, start + INSERT_BATCH);
      await manager.query(
        `INSERT INTO duration_history (as_of, item_code, department_id, finished, censored, histogram, computed_at)
         VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        batch.flatMap((row) => [
          asOf,
          row.itemCode,
          row.departmentId,
          row.finished,
          row.censored,
          JSON.stringify(row.histogram),
          computedAt,
        ]),
      );
    }
  }

  /** The newest stored history as of `asOf` or before (empty when none was computed yet). */
  async latest(asOf: string): Promise<DurationHistoryRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT h.as_of AS asOf, h.item_code AS itemCode, h.department_id AS departmentId, h.finished, h.censored, h.histogram
         FROM duration_history h
        WHERE h.as_of = (SELECT MAX(as_of) FROM duration_history WHERE as_of <= ?)
        ORDER BY h.item_code, h.department_id`,
      [asOf],
    )) as Array<{
      asOf: string;
      itemCode: string;
      departmentId: string | number;
      finished: string | number;
      censored: string | number;
      histogram: string;
    }>;
    return rows.map((row) => ({
      asOf: row.asOf,
      itemCode: row.itemCode,
      departmentId: String(row.departmentId),
      finished: Number(row.finished),
      censored: Number(row.censored),
      histogram: JSON.parse(row.histogram) as Array<[number, number, number]>,
    }));
  }
}
