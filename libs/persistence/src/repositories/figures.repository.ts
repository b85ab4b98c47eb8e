import { fromCents, toCents } from '@luodi/domain';
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
              COALESCE(SUM(p.started_at IS NOT NULL AND p.started_at <= ?), 0) AS startedCount,
              COALESCE(SUM(p.funds_arrived), 0.00) AS fundsTotal
         FROM project p
        WHERE p.signed_at >= ? AND p.signed_at <= ?${extra.sql}`,
      [filter.asOfDate, filter.asOfDate, yearStart, signedUntil, ...extra.params],
    )) as Array<Record<string, string>>;
    // Funds by asOf = the projects' running totals (kept with every entry) minus what was entered after
    // asOf: for asOf today that is an empty range, for a past asOf only the later entries are read.
    const [later] = (await this.dataSource.query(
      `SELECT COALESCE(SUM(f.amount), 0.00) AS laterFunds
         FROM fund_arrival f JOIN project p ON p.id = f.project_id
        WHERE f.at > ? AND p.signed_at >= ? AND p.signed_at <= ?${extra.sql}`,
      [filter.asOfDate, yearStart, signedUntil, ...extra.params],
    )) as Array<Record<string, string>>;
    // In talks at asOf: not signed by then (never, or later) and not terminated by then; as two index
    // ranges on signed_at (IS NULL, and > asOf — empty for asOf today) instead of a scan of every project.
    const [negotiating] = (await this.dataSource.query(
      `SELECT (SELECT COUNT(*) FROM project p
                WHERE p.signed_at IS NULL AND p.talks_started_at <= ?
                  AND (p.terminated_at IS NULL OR p.terminated_at > ?)${extra.sql})
            + (SELECT COUNT(*) FROM project p
                WHERE p.signed_at > ? AND p.talks_started_at <= ?
                  AND (p.terminated_at IS NULL OR p.terminated_at > ?)${extra.sql}) AS negotiatingCount`,
      [
        filter.asOfDate,
        filter.asOfDate,
        ...extra.params,
        filter.asOfDate,
        filter.asOfDate,
        filter.asOfDate,
        ...extra.params,
      ],
    )) as Array<Record<string, string>>;
    return {
      negotiatingCount: Number(negotiating?.['negotiatingCount'] ?? 0),
      signedCount: Number(signed?.['signedCount'] ?? 0),
      contractAmount: String(signed?.['contractAmount'] ?? '0.00'),
      registeredCount: Number(signed?.['registeredCount'] ?? 0),
      startedCount: Number(signed?.['startedCount'] ?? 0),
      fundsArrived: fromCents(
        toCents(String(signed?.['fundsTotal'] ?? '0.00')) - toCents(String(later?.['laterFunds'] ?? '0.00')),
      ),
    };
  }

  /**
   * The pipeline funnel of Y (contract FunnelResponse): the talks cohort (talks started in Y by asOf,
   * or signed in Y by asOf — two ranges, on talks_started_at and on signed_at), then the signed cohort
   * and the stages it reached by asOf (range on signed_at).
   */
  async funnel(filter: FigureFilter): Promise<FunnelFigures> {
    const extra = projectFilters(filter);
    const window = yearWindow(filter);
    // talks ∪ signed, as two ranges on single indexes: talks in the window, plus signed in it with talks outside it.
    const [talks] = (await this.dataSource.query(
      `SELECT (SELECT COUNT(*) FROM project p
                WHERE p.talks_started_at >= ? AND p.talks_started_at <= ?${extra.sql})
            + (SELECT COUNT(*) FROM project p
                WHERE p.signed_at >= ? AND p.signed_at <= ?
                  AND (p.talks_started_at < ? OR p.talks_started_at > ?)${extra.sql}) AS n`,
      [
        window.from,
        window.to,
        ...extra.params,
        window.from,
        window.to,
        window.from,
        window.to,
        ...extra.params,
      ],
    )) as Array<Record<string, string>>;
    const [signed] = (await this.dataSource.query(
      `SELECT COUNT(*) AS signed,
              COALESCE(SUM(p.registered_at IS NOT NULL AND p.registered_at <= ?), 0) AS registered,
              COALESCE(SUM(p.started_at IS NOT NULL AND p.started_at <= ?), 0) AS started,
              COALESCE(SUM(p.operating_at IS NOT NULL AND p.operating_at <= ?), 0) AS operating
         FROM project p
        WHERE p.signed_at >= ? AND p.signed_at <= ?${extra.sql}`,
      [filter.asOfDate, filter.asOfDate, filter.asOfDate, window.from, window.to, ...extra.params],
    )) as Array<Record<string, string>>;
    return {
      talks: Number(talks?.['n'] ?? 0),
      signed: Number(signed?.['signed'] ?? 0),
      registered: Number(signed?.['registered'] ?? 0),
      started: Number(signed?.['started'] ?? 0),
      operating: Number(signed?.['operating'] ?? 0),
    };
  }

  /** The projects signed in Y grouped by source or industry, largest contract amount first. */
  async breakdown(by: 'source' | 'industry', filter: FigureFilter): Promise<BreakdownRow[]> {
    const extra = projectFilters(filter);
    const window = yearWindow(filter);
    const column = by === 'source' ? 'p.source' : 'p.industry';
    const rows = (await this.dataSource.query(
      `SELECT ${column} AS groupKey,
              COUNT(*) AS signedCount,
              COALESCE(SUM(p.contract_amount), 0.00) AS contractAmount,
              COALESCE(SUM(p.registered_at IS NOT NULL AND p.registered_at <= ?), 0) AS registeredCount,
              COALESCE(SUM(p.started_at IS NOT NULL AND p.started_at <= ?), 0) AS startedCount
         FROM project p
        WHERE p.signed_at >= ? AND p.signed_at <= ?${extra.sql}
        GROUP BY ${column}
        ORDER BY contractAmount DESC, signedCount DESC, groupKey ASC`,
      [filter.asOfDate, filter.asOfDate, window.from, window.to, ...extra.params],
    )) as Array<Record<string, string | null>>;
    return rows.map((row) => ({
      key: String(row['groupKey'] ?? ''),
      signedCount: Number(row['signedCount']),
      contractAmount: String(row['contractAmount']),
      registeredCount: Number(row['registeredCount']),
      startedCount: Number(row['startedCount']),
    }));
  }

  /**
   * The month-by-month facts of Y at asOf: signings (range on signed_at), starts of any signing year
   * (range on started_at), and key-work investment reported by asOf (key_work.year, then the report key).
   */
  async trend(filter: FigureFilter): Promise<TrendFacts> {
    const extra = projectFilters(filter);
    const window = yearWindow(filter);
    const [signed, started, reported, plan] = (await Promise.all([
      this.dataSource.query(
        `SELECT MONTH(p.signed_at) AS month, COUNT(*) AS n, COALESCE(SUM(p.contract_amount), 0.00) AS amount
           FROM project p
          WHERE p.signed_at >= ? AND p.signed_at <= ?${extra.sql}
          GROUP BY MONTH(p.signed_at)`,
        [window.from, window.to, ...extra.params],
      ),
      this.dataSource.query(
        `SELECT MONTH(p.started_at) AS month, COUNT(*) AS n
           FROM project p
          WHERE p.started_at >= ? AND p.started_at <= ?${extra.sql}
          GROUP BY MONTH(p.started_at)`,
        [window.from, window.to, ...extra.params],
      ),
      this.dataSource.query(
        `SELECT r.month AS month, COALESCE(SUM(r.completed_investment), 0.00) AS amount
           FROM key_work k
           JOIN project p ON p.id = k.project_id
           JOIN key_work_report r ON r.key_work_id = k.id
          WHERE k.year = ? AND r.reported_at <= ?${extra.sql}
          GROUP BY r.month`,
        [filter.year, filter.asOfMoment, ...extra.params],
      ),
      this.dataSource.query(
        `SELECT COALESCE(SUM(k.annual_plan_investment), 0.00) AS plan
           FROM key_work k JOIN project p ON p.id = k.project_id
          WHERE k.year = ?${extra.sql}`,
        [filter.year, ...extra.params],
      ),
    ])) as Array<Array<Record<string, string | number>>>;
    const months = new Map<number, TrendFacts['months'][number]>();
    const of = (month: number) => {
      const existing = months.get(month) ?? { month };
      months.set(month, existing);
      return existing;
    };
    for (const row of signed) {
      const month = of(Number(row['month']));
      month.signedCount = Number(row['n']);
      month.contractAmount = String(row['amount']);
    }
    for (const row of started) of(Number(row['month'])).startedCount = Number(row['n']);
    for (const row of reported) {
      const label = String(row['month']);
      if (!label.startsWith(`${filter.year}-`)) continue;
      of(Number(label.slice(5, 7))).completedInvestment = String(row['amount']);
    }
    return { annualPlanInvestment: String(plan[0]?.['plan'] ?? '0.00'), months: [...months.values()] };
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

export interface FunnelFigures {
  talks: number;
  signed: number;
  registered: number;
  started: number;
  operating: number;
}

export interface BreakdownRow {
  key: string;
  signedCount: number;
  contractAmount: string;
  registeredCount: number;
  startedCount: number;
}

export interface TrendFacts {
  annualPlanInvestment: string;
  months: Array<{
    month: number;
    signedCount?: number;
    contractAmount?: string;
    startedCount?: number;
    completedInvestment?: string;
  }>;
}

/** The signing window of year Y at asOf: from Y-01-01 to the earlier of asOf's day and Y-12-31. */
export function yearWindow(filter: Pick<FigureFilter, 'year' | 'asOfDate'>): { from: string; to: string } {
  const last = `${filter.year}-12-31`;
  return { from: `${filter.year}-01-01`, to: filter.asOfDate < last ? filter.asOfDate : last };
}
