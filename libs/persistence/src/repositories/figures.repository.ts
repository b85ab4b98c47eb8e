import type { DataSource } from 'typeorm';

export interface FigureFilter {
  year: number;
  /** Business date (Asia/Shanghai) of `asOf`: stage and fund dates are compared with it. */
  asOfDate: string;
  /** The instant of `asOf`: report entry times are compared with it. */
  asOfMoment: Date;
  source?: string;
  leadDepartmentId?: string;
}

export interface ProjectFigures {
  negotiatingCount: number;
  signedCount: number;
  contractAmount: string;
  registeredCount: number;
  startedCount: number;
  fundsArrived: string;
}

export interface KeyWorkFigures {
  count: number;
  plannedStartCount: number;
  plannedStartedCount: number;
  annualPlanInvestment: string;
  completedInvestment: string;
}

function projectFilters(filter: FigureFilter, alias = 'p'): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.source) {
    parts.push(`${alias}.source = ?`);
    params.push(filter.source);
  }
  if (filter.leadDepartmentId) {
    parts.push(`${alias}.lead_department_id = ?`);
    params.push(filter.leadDepartmentId);
  }
  return { sql: parts.map((part) => ` AND ${part}`).join(''), params };
}

/**
 * The figures of domain §6, each one aggregate query on indexed columns (signed_at, talks_started_at,
 * key_work.year, fund_arrival(project_id, at)) — nothing is loaded into memory.
 */
export class FiguresRepository {
  constructor(private readonly dataSource: DataSource) {}

  async projectFigures(filter: FigureFilter): Promise<ProjectFigures> {
    const extra = projectFilters(filter);
    const yearStart = `${filter.year}-01-01`;
    const signedUntil = filter.asOfDate < `${filter.year}-12-31` ? filter.asOfDate : `${filter.year}-12-31`;
    const [signed] = (await this.dataSource.query(
      `SELECT COUNT(*) AS signedCount,
              COALESCE(SUM(p.contract_amount), 0.00) AS contractAmount,
              COALESCE(SUM(p.registered_at IS NOT NULL AND p.registered_at <= ?), 0) AS registeredCount,
              COALESCE(SUM(p.started_at IS NOT NULL AND p.started_at <= ?), 0) AS startedCount
         FROM project p
        WHERE p.signed_at >= ? AND p.signed_at <= ?${extra.sql}`,
      [filter.asOfDate, filter.asOfDate, yearStart, signedUntil, ...extra.params],
    )) as Array<Record<string, string>>;
    const [funds] = (await this.dataSource.query(
      `SELECT COALESCE(SUM(f.amount), 0.00) AS fundsArrived
         FROM project p JOIN fund_arrival f ON f.project_id = p.id
        WHERE p.signed_at >= ? AND p.signed_at <= ? AND f.at <= ?${extra.sql}`,
      [yearStart, signedUntil, filter.asOfDate, ...extra.params],
    )) as Array<Record<string, string>>;
    const [negotiating] = (await this.dataSource.query(
      `SELECT COUNT(*) AS negotiatingCount
         FROM project p
        WHERE p.talks_started_at <= ?
          AND (p.signed_at IS NULL OR p.signed_at > ?)
          AND (p.terminated_at IS NULL OR p.terminated_at > ?)${extra.sql}`,
      [filter.asOfDate, filter.asOfDate, filter.asOfDate, ...extra.params],
    )) as Array<Record<string, string>>;
    return {
      negotiatingCount: Number(negotiating?.['negotiatingCount'] ?? 0),
      signedCount: Number(signed?.['signedCount'] ?? 0),
      contractAmount: String(signed?.['contractAmount'] ?? '0.00'),
      registeredCount: Number(signed?.['registeredCount'] ?? 0),
      startedCount: Number(signed?.['startedCount'] ?? 0),
      fundsArrived: String(funds?.['fundsArrived'] ?? '0.00'),
    };
  }

  async keyWorkFigures(filter: FigureFilter): Promise<KeyWorkFigures> {
    const extra = projectFilters(filter);
    const [row] = (await this.dataSource.query(
      `SELECT COUNT(*) AS count,
              COALESCE(SUM(k.planned_start_month IS NOT NULL), 0) AS plannedStartCount,
              COALESCE(SUM(k.planned_start_month IS NOT NULL AND p.started_at IS NOT NULL AND p.started_at <= ?), 0) AS plannedStartedCount,
              COALESCE(SUM(k.annual_plan_investment), 0.00) AS annualPlanInvestment
         FROM key_work k JOIN project p ON p.id = k.project_id
        WHERE k.year = ?${extra.sql}`,
      [filter.asOfDate, filter.year, ...extra.params],
    )) as Array<Record<string, string>>;
    const [completed] = (await this.dataSource.query(
      `SELECT COALESCE(SUM(r.completed_investment), 0.00) AS completedInvestment
         FROM key_work k
         JOIN project p ON p.id = k.project_id
         JOIN key_work_report r ON r.key_work_id = k.id
        WHERE k.year = ? AND r.reported_at <= ?${extra.sql}`,
      [filter.year, filter.asOfMoment, ...extra.params],
    )) as Array<Record<string, string>>;
    return {
      count: Number(row?.['count'] ?? 0),
      plannedStartCount: Number(row?.['plannedStartCount'] ?? 0),
      plannedStartedCount: Number(row?.['plannedStartedCount'] ?? 0),
      annualPlanInvestment: String(row?.['annualPlanInvestment'] ?? '0.00'),
      completedInvestment: String(completed?.['completedInvestment'] ?? '0.00'),
    };
  }
}
