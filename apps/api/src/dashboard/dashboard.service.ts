import { Injectable } from '@nestjs/common';
import {
  businessDateOf,
  endOfBusinessDay,
  isIsoDate,
  rate,
  scheduleRate,
  ValidationFailed,
} from '@luodi/domain';
import { FiguresRepository } from '@luodi/persistence';
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
  constructor(private readonly figures: FiguresRepository) {}

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
    const [projects, keyWorks] = await Promise.all([
      this.figures.projectFigures(filter),
      this.figures.keyWorkFigures(filter),
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
    };
  }
}
