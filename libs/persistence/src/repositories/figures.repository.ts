import { type DepartmentScoreInput, fromCents, MilestoneState, toCents } from '@luodi/domain';
import type { DataSource } from 'typeorm';
import { sqlValue } from '../sql-values';
import { filterConditions } from './query-helpers';

const DEEMED_APPROVED = sqlValue(MilestoneState.deemed_approved);

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
  return filterConditions([
    [`${alias}.source = ?`, filter.source],
    [`${alias}.lead_department_id = ?`, filter.leadDepartmentId],
  ]);
}

/** A department's counts for the scorecard (its medians come from their own queries). */
export type DepartmentScoreRow = Omit<DepartmentScoreInput, 'processingDays' | 'ackHours'>;

/**
 * Filters of the approval figures: the projects' signing event (as for the project figures) and the
 * department handling the milestones (for approvals, "department" is the one that decides).
 */
export interface ApprovalFigureFilter {
  source?: string;
  departmentId?: string;
}

function approvalFilter(filter: ApprovalFigureFilter): { sql: string; params: unknown[] } {
  return filterConditions([
    ['p.source = ?', filter.source],
    ['m.department_id = ?', filter.departmentId],
  ]);
}

/** The project is joined only when its source filters the milestones (the milestone index covers the rest). */
const projectJoin = (filter: ApprovalFigureFilter) =>
  filter.source ? ' JOIN project p ON p.id = m.project_id' : '';

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
              COALESCE(SUM(p.operating_at IS NOT NULL AND p.operating_at <= ?), 0) AS operating,
              COALESCE(SUM(p.full_production_at IS NOT NULL AND p.full_production_at <= ?), 0) AS fullProduction
         FROM project p
        WHERE p.signed_at >= ? AND p.signed_at <= ?${extra.sql}`,
      [
        filter.asOfDate,
        filter.asOfDate,
        filter.asOfDate,
        filter.asOfDate,
        window.from,
        window.to,
        ...extra.params,
      ],
    )) as Array<Record<string, string>>;
    return {
      talks: Number(talks?.['n'] ?? 0),
      signed: Number(signed?.['signed'] ?? 0),
      registered: Number(signed?.['registered'] ?? 0),
      started: Number(signed?.['started'] ?? 0),
      operating: Number(signed?.['operating'] ?? 0),
      full_production: Number(signed?.['fullProduction'] ?? 0),
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

export interface FunnelFigures {
  talks: number;
  signed: number;
  registered: number;
  started: number;
  operating: number;
  full_production: number;
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
