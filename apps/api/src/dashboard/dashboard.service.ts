import { Injectable } from '@nestjs/common';
import {
  businessDateOf,
  type DepartmentScore,
  type DepartmentScoreInput,
  endOfBusinessDay,
  isIsoDate,
  rankDepartments,
  rate,
  scheduleRate,
  ValidationFailed,
} from '@luodi/domain';
import { AlertRepository, FiguresRepository, MilestoneRepository } from '@luodi/persistence';
import { CalendarService, MilestoneClockService } from '@luodi/server-core';
import type { SummaryQueryDto } from './dashboard.dto';

export interface Summary {
  year: number;
  asOf: string;
  asOfDate: string;
  negotiatingCount: number;
  signedCount: number;
  contractAmount: string;
  registeredCount: number;
  landingRate: number | null;
  startedCount: number;
  startRate: number | null;
  fundsArrived: string;
  fundsRate: number | null;
  keyWorks: {
    count: number;
    plannedStartCount: number;
    startedCount: number;
    startRate: number | null;
    annualPlanInvestment: string;
    completedInvestment: string;
    investmentRate: number | null;
    scheduleRate: number;
  };
  approvals: {
    decidedCount: number;
    onTimeCount: number;
    onTimeRate: number | null;
    overdueOpen: number;
  };
}

/** The instant and business date of `asOf`: a date means the end of that day in Asia/Shanghai. */
export function resolveAsOf(
  asOf: string | undefined,
  now: Date = new Date(),
): { moment: Date; date: string } {
  if (!asOf) return { moment: now, date: businessDateOf(now) };
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    if (!isIsoDate(asOf)) throw new ValidationFailed('asOf', 'must be a real date');
    return { moment: endOfBusinessDay(asOf), date: asOf };
  }
  const moment = new Date(asOf);
  if (Number.isNaN(moment.getTime())) throw new ValidationFailed('asOf', 'must be a valid moment');
  return { moment, date: businessDateOf(moment) };
}

/** The figures of domain §6, exactly as defined there. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly figures: FiguresRepository,
    private readonly milestones: MilestoneRepository,
    private readonly clocks: MilestoneClockService,
    private readonly calendar: CalendarService,
    private readonly alerts: AlertRepository,
  ) {}

  async summary(query: SummaryQueryDto): Promise<Summary> {
    const asOf = resolveAsOf(query.asOf);
    const year = query.year ?? Number(businessDateOf(new Date()).slice(0, 4));
    const filter = {
      year,
      asOfDate: asOf.date,
      asOfMoment: asOf.moment,
      source: query.source,
      leadDepartmentId: query.departmentId,
    };
    await this.clocks.refreshDue();
    const [projects, keyWorks, decided, overdueOpen] = await Promise.all([
      this.figures.projectFigures(filter),
      this.figures.keyWorkFigures(filter),
      this.milestones.decidedInYear(year, asOf.moment, {
        source: query.source,
        departmentId: query.departmentId,
      }),
      this.milestones.overdueOpen(asOf.date, asOf.moment, {
        source: query.source,
        departmentId: query.departmentId,
      }),
    ]);
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
    };
  }

  /** The department scorecard (效能) of a year, ranked. */
  async departments(year: number): Promise<{ year: number; items: DepartmentScore[]; total: number }> {
    await this.clocks.refreshDue();
    const today = businessDateOf(new Date());
    const [scores, decisions, calendar, acknowledgements] = await Promise.all([
      this.milestones.departmentScores(year, today),
      this.milestones.decisionsInYear(year),
      this.calendar.calendar(),
      this.alerts.ackHours(year),
    ]);
    const processing = new Map<string, number[]>();
    for (const decision of decisions) {
      const days = calendar.workingDaysAfterUpTo(decision.acceptedOn, businessDateOf(decision.decidedAt));
      processing.set(decision.departmentId, [...(processing.get(decision.departmentId) ?? []), days]);
    }
    const inputs: DepartmentScoreInput[] = scores.map((score) => ({
      ...score,
      processingDays: processing.get(score.departmentId) ?? [],
      ackHours: acknowledgements
        .filter((ack) => ack.departmentId === score.departmentId)
        .map((ack) => ack.hours),
    }));
    const items = rankDepartments(inputs);
    return { year, items, total: items.length };
  }
}
