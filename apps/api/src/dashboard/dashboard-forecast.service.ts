import { Injectable } from '@nestjs/common';
import type {
  DashboardForecastResponse,
  ForecastAccuracyFigures,
  ForecastAccuracyResponse,
  ForecastAtRiskProject,
  ForecastRouteDaysRow,
  ProjectForecast,
} from '@luodi/contracts';
import { type AccessScope, type AccuracyFigures, businessDateOf, DomainError, median } from '@luodi/domain';
import { ProjectRepository, RouteRepository } from '@luodi/persistence';
import { CalendarService, Clock, ForecastSnapshotService } from '@luodi/server-core';
import { ForecastService } from '../forecast/forecast.service';
import { resolveAsOf } from './dashboard.service';

/** The cockpit lists this many projects most at risk. */
export const AT_RISK_LIMIT = 10;

const DAY_MS = 86_400_000;
const calendarDaysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * The cockpit's 预计开工 (routes-and-forecast.md §4): every visible project with a route that has not
 * started is forecast through ForecastService.forProject (the per-project answer, so the cockpit and
 * the project page can never disagree), then aggregated. Costly — one forecast per project — so the
 * controller serves it through the figures cache (keyed by the caller's scope as well).
 */
@Injectable()
export class DashboardForecastService {
  constructor(
    private readonly forecast: ForecastService,
    private readonly projects: ProjectRepository,
    private readonly routes: RouteRepository,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    private readonly snapshots: ForecastSnapshotService,
  ) {}

  /**
   * 预测准确度 (routes-and-forecast §3): the kept month-end snapshots of projects started by asOf
   * (ForecastSnapshotService.accuracy, the pure forecastAccuracy). A department user: only the
   * snapshots counted under its own department — its row, and an overall over the same snapshots.
   */
  async accuracy(asOfInput: string | undefined, scope: AccessScope): Promise<ForecastAccuracyResponse> {
    const asOf = resolveAsOf(asOfInput, this.clock.now());
    const own = scope.kind === 'department' ? scope.departmentId : null;
    const figures = await this.snapshots.accuracy(asOf.date, own);
    const contract = (entry: AccuracyFigures): ForecastAccuracyFigures => ({
      mae: entry.meanAbsoluteErrorDays,
      withinP80: entry.shareByP80,
      snapshots: entry.snapshots,
    });
    return {
      asOf: asOf.date,
      overall: contract(figures.overall),
      departments: figures.byDepartment
        .map((entry) => ({
          departmentId: entry.departmentId,
          departmentName: figures.departmentNames.get(entry.departmentId) ?? entry.departmentId,
          ...contract(entry),
        }))
        .sort(
          (a, b) =>
            a.departmentName.localeCompare(b.departmentName, 'zh-CN') ||
            (a.departmentId < b.departmentId ? -1 : 1),
        ),
    };
  }

  async forYear(
    yearInput: number | undefined,
    asOfInput: string | undefined,
    scope: AccessScope,
  ): Promise<DashboardForecastResponse> {
    const asOf = resolveAsOf(asOfInput, this.clock.now());
    const year = yearInput ?? Number(businessDateOf(this.clock.now()).slice(0, 4));
    const prefix = String(year);
    const { items: visible } = await this.projects.list({}, scope, null);
    const notStarted = visible.filter((project) => !project.startedAt || project.startedAt > asOf.date);
    const routes = await this.routes.projectRoutes(notStarted.map((project) => project.id));
    const routed = notStarted.filter((project) => routes.has(project.id));
    const forecasts: Array<{ name: string; targetDays: number; forecast: ProjectForecast }> = [];
    for (const project of routed) {
      try {
        const forecast = await this.forecast.forProject(project.id, scope, asOfInput);
        forecasts.push({
          name: project.name,
          targetDays: Number(routes.get(project.id)!.targetDays),
          forecast,
        });
      } catch (error) {
        // A route without CONSTRUCT has no start to forecast; anything else is a real failure.
        if (!(error instanceof DomainError && error.code === 'route_without_construct')) throw error;
      }
    }
    // The planned start: the project's date, or a key work's planned month (its last day is `by`).
    const ofYear = forecasts.filter(
      ({ forecast }) =>
        forecast.p50 !== null &&
        (forecast.p50.startsWith(prefix) || (forecast.plannedStartBy ?? '').startsWith(prefix)),
    );

    const byMonth = Array.from({ length: 12 }, (_, index) => {
      const month = `${prefix}-${String(index + 1).padStart(2, '0')}`;
      const plannedIds = ofYear
        .filter(({ forecast }) => forecast.plannedStartBy?.startsWith(month))
        .map(({ forecast }) => forecast.projectId);
      const p50Ids = ofYear
        .filter(({ forecast }) => forecast.p50!.startsWith(month))
        .map(({ forecast }) => forecast.projectId);
      return { month, planned: plannedIds.length, p50: p50Ids.length, plannedIds, p50Ids };
    });

    // The at-risk list is not bound to the year: it answers "which projects will miss their planned
    // start", and in December those mostly start next year.
    const atRisk: ForecastAtRiskProject[] = forecasts
      .filter(({ forecast }) => forecast.atRisk > 0 && forecast.p80 && forecast.plannedStartBy)
      .map(({ name, forecast }) => ({
        projectId: forecast.projectId,
        projectName: name,
        p80: forecast.p80!,
        plannedStartDate: forecast.plannedStartBy!,
        plannedStartMonth: forecast.plannedStartMonth,
        daysLate: calendarDaysBetween(forecast.plannedStartBy!, forecast.p80!),
        level: forecast.atRisk,
        binding: forecast.binding,
      }))
      .sort((a, b) => b.daysLate - a.daysLate || b.level - a.level || (a.projectId < b.projectId ? -1 : 1))
      .slice(0, AT_RISK_LIMIT);

    return {
      year,
      asOf: asOf.date,
      projects: ofYear.length,
      byMonth,
      atRisk,
      routeDaysByDepartment: await this.routeDays(ofYear, asOf.date),
    };
  }

  /**
   * Per department, on each route it has a started item on: working days from its first acceptance to
   * its last decision (or asOf while one is open) — the route endpoint's working-day rule applied to
   * the department's items — compared with the route's targetDays; medians over the routes.
   */
  private async routeDays(
    forecasts: ReadonlyArray<{ targetDays: number; forecast: ProjectForecast }>,
    today: string,
  ): Promise<ForecastRouteDaysRow[]> {
    const calendar = await this.calendars.calendar();
    const byDepartment = new Map<string, { name: string; used: number[]; target: number[]; over: number }>();
    for (const { targetDays, forecast } of forecasts) {
      const departments = new Map<string, typeof forecast.items>();
      for (const item of forecast.items) {
        if (item.afterStart) continue;
        departments.set(item.departmentId, [...(departments.get(item.departmentId) ?? []), item]);
      }
      for (const [departmentId, items] of departments) {
        const starts = items.map((item) => item.acceptedOn ?? item.decidedOn).filter((d): d is string => !!d);
        if (starts.length === 0) continue;
        const startedOn = starts.reduce((first, day) => (day < first ? day : first));
        const finished = items.every((item) => item.decidedOn !== null);
        const until = finished
          ? items.map((item) => item.decidedOn!).reduce((last, day) => (day > last ? day : last))
          : today;
        const used = calendar.workingDaysAfterUpTo(startedOn, until);
        const entry = byDepartment.get(departmentId) ?? {
          name: items[0]!.departmentName,
          used: [],
          target: [],
          over: 0,
        };
        entry.used.push(used);
        entry.target.push(targetDays);
        if (used > targetDays) entry.over += 1;
        byDepartment.set(departmentId, entry);
      }
    }
    return [...byDepartment.entries()]
      .map(([departmentId, entry]) => ({
        departmentId,
        departmentName: entry.name,
        projects: entry.used.length,
        medianUsedDays: median(entry.used)!,
        medianTargetDays: median(entry.target)!,
        overTarget: entry.over,
      }))
      .sort(
        (a, b) => b.medianUsedDays - a.medianUsedDays || a.departmentName.localeCompare(b.departmentName),
      );
  }
}
