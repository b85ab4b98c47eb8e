import { CommitmentFiguresService } from '../commitments/commitment-figures.service';
import { Injectable } from '@nestjs/common';
import type {
  ApprovalLightsResponse,
  BreakdownDimension,
  BreakdownResponse,
  DashboardSummary,
  DepartmentScorecardResponse,
  FunnelResponse,
  ProblemFigures,
  TrendResponse,
} from '@luodi/contracts';
import {
  businessDateOf,
  compareLights,
  type DepartmentScoreInput,
  endOfBusinessDay,
  isIsoDate,
  PROBLEM_CATEGORIES,
  rankDepartments,
  rate,
  scheduleRate,
  trendMonths,
  ValidationFailed,
  type WeightedValue,
  weightedMedian,
  yellowDeadlineThreshold,
} from '@luodi/domain';
import {
  AlertRepository,
  ApprovalItemRepository,
  type FigureFilter,
  FiguresRepository,
  NoticeRepository,
  ProblemRepository,
  SettingsRepository,
} from '@luodi/persistence';
import { CalendarService, Clock, MilestoneClockService } from '@luodi/server-core';
import type { SummaryQueryDto } from './dashboard.dto';
import { FUNNEL_STAGES } from '@luodi/contracts';

/** @deprecated use DashboardSummary from @luodi/contracts. */
export type Summary = DashboardSummary;

/**
 * The instant and business date of `asOf`: a date means the end of that day in Asia/Shanghai. A date
 * (or moment) after today is refused (`date_in_future`), never replaced by today: the figures of a day
 * that has not come are not known.
 */
export function resolveAsOf(asOf: string | undefined, now: Date): { moment: Date; date: string } {
  if (!asOf) return { moment: now, date: businessDateOf(now) };
  const today = businessDateOf(now);
  let resolved: { moment: Date; date: string };
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    if (!isIsoDate(asOf))
      throw new ValidationFailed('asOf', 'field_not_date', { params: { rule: 'must be a real date' } });
    resolved = { moment: endOfBusinessDay(asOf), date: asOf };
  } else {
    const moment = new Date(asOf);
    if (Number.isNaN(moment.getTime()))
      throw new ValidationFailed('asOf', 'field_not_date', { params: { rule: 'must be a valid moment' } });
    resolved = { moment, date: businessDateOf(moment) };
  }
  if (resolved.date > today) throw new ValidationFailed('asOf', 'date_in_future', { params: { today } });
  return resolved;
}

/** The query of every cockpit figure (the DTO, or the same fields from another service). */
export type CockpitQuery = Pick<SummaryQueryDto, 'year' | 'asOf' | 'source' | 'departmentId'>;

/** Year, as-of moment and the repository filter of a cockpit query. */
function figureFilter(
  query: CockpitQuery,
  now: Date,
): {
  year: number;
  asOf: { moment: Date; date: string };
  filter: FigureFilter;
} {
  const asOf = resolveAsOf(query.asOf, now);
  const year = query.year ?? Number(businessDateOf(now).slice(0, 4));
  return {
    year,
    asOf,
    filter: {
      year,
      asOfDate: asOf.date,
      asOfMoment: asOf.moment,
      source: query.source,
      leadDepartmentId: query.departmentId,
    },
  };
}

/** The figures of domain §6 and of the cockpit, exactly as defined there. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly figures: FiguresRepository,
    private readonly clocks: MilestoneClockService,
    private readonly calendar: CalendarService,
    private readonly alerts: AlertRepository,
    private readonly items: ApprovalItemRepository,
    private readonly settings: SettingsRepository,
    private readonly clock: Clock,
    private readonly problems: ProblemRepository,
    private readonly notices: NoticeRepository,
    private readonly commitments: CommitmentFiguresService,
  ) {}

  /** `problems` of the summary (dispatch.md §4): open, overdue, closed, on time, median, by category and owner. */
  private async problemFigures(year: number, asOf: string, departmentId?: string): Promise<ProblemFigures> {
    const [{ open, closed }, calendar] = await Promise.all([
      this.problems.figures(year, asOf, departmentId),
      this.calendar.calendar(),
    ]);
    const byCategory = new Map<string, { open: number; overdue: number }>();
    const byOwner = new Map<
      string,
      { departmentId: string; departmentName: string; open: number; overdue: number }
    >();
    for (const row of open) {
      const category = byCategory.get(row.category) ?? { open: 0, overdue: 0 };
      category.open += row.open;
      category.overdue += row.overdue;
      byCategory.set(row.category, category);
      const owner = byOwner.get(row.departmentId) ?? {
        departmentId: row.departmentId,
        departmentName: row.departmentName,
        open: 0,
        overdue: 0,
      };
      owner.open += row.open;
      owner.overdue += row.overdue;
      byOwner.set(row.departmentId, owner);
    }
    const closedCount = closed.reduce((sum, row) => sum + row.count, 0);
    const onTime = closed.reduce((sum, row) => sum + row.onTime, 0);
    return {
      open: open.reduce((sum, row) => sum + row.open, 0),
      overdue: open.reduce((sum, row) => sum + row.overdue, 0),
      closedInPeriod: closedCount,
      onTimeRate: rate(onTime, closedCount),
      medianWorkingDaysToClose: weightedMedian(
        closed.map((row) => ({
          value: calendar.workingDaysAfterUpTo(row.raisedAt, row.closedOn),
          count: row.count,
        })),
      ),
      byCategory: PROBLEM_CATEGORIES.filter((category) => byCategory.has(category)).map((category) => ({
        category,
        ...byCategory.get(category)!,
      })),
      byOwner: [...byOwner.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open),
    };
  }

  async summary(query: CockpitQuery): Promise<DashboardSummary> {
    const { year, asOf, filter } = figureFilter(query, this.clock.now());
    await this.clocks.refreshDue();
    const [projects, keyWorks, decided, overdueOpen, alerts] = await Promise.all([
      this.figures.projectFigures(filter),
      this.figures.keyWorkFigures(filter),
      this.figures.decidedInYear(year, asOf.moment, {
        source: query.source,
        departmentId: query.departmentId,
      }),
      this.figures.overdueOpen(asOf.date, asOf.moment, {
        source: query.source,
        departmentId: query.departmentId,
      }),
      this.alerts.unresolvedByLevel(query.departmentId),
    ]);
    const problems = await this.problemFigures(year, asOf.date, query.departmentId);
    const commitments = await this.commitments.figures(
      { source: query.source, leadDepartmentId: query.departmentId },
      asOf.date,
      year,
    );
    const level1 = alerts.get(1) ?? 0;
    const level2 = alerts.get(2) ?? 0;
    const level3 = alerts.get(3) ?? 0;
    return {
      year,
      asOf: asOf.moment.toISOString(),
      asOfDate: asOf.date,
      negotiatingCount: projects.negotiatingCount,
      signedCount: projects.signedCount,
      contractAmount: projects.contractAmount,
      registeredCount: projects.registeredCount,
      landingRate: rate(projects.registeredCount, projects.signedCount),
      startedCount: projects.startedCount,
      startRate: rate(projects.startedCount, projects.signedCount),
      fundsArrived: projects.fundsArrived,
      fundsRate: rate(projects.fundsArrived, projects.contractAmount),
      keyWorks: {
        count: keyWorks.count,
        plannedStartCount: keyWorks.plannedStartCount,
        startedCount: keyWorks.plannedStartedCount,
        startRate: rate(keyWorks.plannedStartedCount, keyWorks.plannedStartCount),
        annualPlanInvestment: keyWorks.annualPlanInvestment,
        completedInvestment: keyWorks.completedInvestment,
        investmentRate: rate(keyWorks.completedInvestment, keyWorks.annualPlanInvestment),
        scheduleRate: scheduleRate(year, asOf.date),
      },
      approvals: {
        decidedCount: decided.decided,
        onTimeCount: decided.onTime,
        onTimeRate: rate(decided.onTime, decided.decided),
        overdueOpen,
      },
      alerts: { level1, level2, level3, total: level1 + level2 + level3 },
      problems,
      commitments,
    };
  }

  /** The pipeline funnel 在谈→签约→落地→开工→投产 of the year (contract FunnelResponse). */
  async funnel(query: CockpitQuery): Promise<FunnelResponse> {
    const { year, asOf, filter } = figureFilter(query, this.clock.now());
    const counts = await this.figures.funnel(filter);
    return {
      year,
      asOfDate: asOf.date,
      stages: FUNNEL_STAGES.map((stage) => ({ stage, count: counts[stage] })),
    };
  }

  /** Start and landing rates of the projects signed in the year, by source or industry. */
  async breakdown(by: BreakdownDimension, query: CockpitQuery): Promise<BreakdownResponse> {
    if (by !== 'source' && by !== 'industry')
      throw new ValidationFailed('by', 'field_not_one_of', {
        params: { rule: 'must be one of source, industry', allowed: 'source、industry' },
      });
    const { year, asOf, filter } = figureFilter(query, this.clock.now());
    const rows = await this.figures.breakdown(by, filter);
    return {
      year,
      asOfDate: asOf.date,
      by,
      items: rows.map((row) => ({
        key: row.key,
        signedCount: row.signedCount,
        contractAmount: row.contractAmount,
        registeredCount: row.registeredCount,
        landingRate: rate(row.registeredCount, row.signedCount),
        startedCount: row.startedCount,
        startRate: rate(row.startedCount, row.signedCount),
      })),
    };
  }

  /** Signings and starts per month, and cumulative key-work investment against 序时进度. */
  async trend(query: CockpitQuery): Promise<TrendResponse> {
    const { year, asOf, filter } = figureFilter(query, this.clock.now());
    const facts = await this.figures.trend(filter);
    return {
      year,
      asOfDate: asOf.date,
      annualPlanInvestment: facts.annualPlanInvestment,
      months: trendMonths(year, asOf.date, facts.annualPlanInvestment, facts.months),
    };
  }

  /**
   * Open approvals by deciding department and light at asOf. Yellow ("remaining ≤ N working days")
   * becomes a deadline-day threshold from the calendar, one per distinct N (the setting and the
   * catalog's per-item overrides), so the database answers with one aggregate.
   */
  async approvalLights(query: CockpitQuery): Promise<ApprovalLightsResponse> {
    const asOf = resolveAsOf(query.asOf, this.clock.now());
    await this.clocks.refreshDue();
    const [settings, itemDays, calendar] = await Promise.all([
      this.settings.get(),
      this.items.itemYellowDays(),
      this.calendar.calendar(),
    ]);
    const thresholds = new Map<number, string>();
    for (const days of new Set([settings.yellowDays, ...itemDays]))
      thresholds.set(days, yellowDeadlineThreshold(calendar, asOf.date, days));
    const rows = await this.figures.lightsByDepartment(
      asOf.date,
      asOf.moment,
      settings.yellowDays,
      thresholds,
      { source: query.source, departmentId: query.departmentId },
    );
    const items = rows
      .map((row) => ({
        departmentId: row.departmentId,
        departmentName: row.departmentName,
        green: row.total - row.red - row.yellow,
        yellow: row.yellow,
        red: row.red,
      }))
      .sort(compareLights);
    return { asOfDate: asOf.date, items };
  }

  /**
   * The department scorecard (效能) of a year, ranked. The database answers with aggregates: counts per
   * department, and decisions counted per (department, acceptance day, decision day) and acknowledgements
   * per (department, hours) — the working days are computed once per distinct pair of days, and the
   * medians are weighted by the counts.
   */
  async departments(year: number): Promise<DepartmentScorecardResponse> {
    await this.clocks.refreshDue();
    const today = businessDateOf(this.clock.now());
    const [scores, decisions, calendar, acknowledgements] = await Promise.all([
      this.figures.departmentScores(year, today),
      this.figures.decisionDaysInYear(year),
      this.calendar.calendar(),
      this.alerts.ackHours(year),
    ]);
    const workingDays = new Map<string, number>();
    const processing = new Map<string, WeightedValue[]>();
    for (const decision of decisions) {
      const pair = `${decision.acceptedOn}/${decision.decidedOn}`;
      let days = workingDays.get(pair);
      if (days === undefined) {
        days = calendar.workingDaysAfterUpTo(decision.acceptedOn, decision.decidedOn);
        workingDays.set(pair, days);
      }
      const own = processing.get(decision.departmentId) ?? [];
      own.push({ value: days, count: decision.count });
      processing.set(decision.departmentId, own);
    }
    const ackHours = new Map<string, WeightedValue[]>();
    for (const ack of acknowledgements) {
      const own = ackHours.get(ack.departmentId) ?? [];
      own.push({ value: ack.hours, count: ack.count });
      ackHours.set(ack.departmentId, own);
    }
    const inputs: DepartmentScoreInput[] = scores.map((score) => ({
      ...score,
      processingDays: processing.get(score.departmentId) ?? [],
      ackHours: ackHours.get(score.departmentId) ?? [],
    }));
    const [problemRates, noticeRates] = await Promise.all([
      this.problems.closedOnTimeByOwner(year),
      this.notices.repliedOnTimeByDepartment(year, today),
    ]);
    const items = rankDepartments(inputs).map((row) => {
      const problems = problemRates.get(row.departmentId);
      const notices = noticeRates.get(row.departmentId);
      return {
        ...row,
        problemOnTimeRate: problems ? rate(problems.onTime, problems.closed) : null,
        noticeOnTimeRate: notices ? rate(notices.onTime, notices.due) : null,
      };
    });
    return { year, items, total: items.length };
  }
}
