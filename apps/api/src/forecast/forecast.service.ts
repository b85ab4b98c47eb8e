import { Inject, Injectable } from '@nestjs/common';
import {
  type AccessScope,
  CONSTRUCT_ITEM_CODE,
  forecastPhase,
  forecastSchedule,
  NotFound,
  startAtRiskCondition,
} from '@luodi/domain';
import { ProjectRepository } from '@luodi/persistence';
import { Clock, FORECAST_SEED, ProjectForecaster } from '@luodi/server-core';
import type { ForecastGanttItem, ProjectForecast } from '@luodi/contracts';
import { resolveAsOf } from '../dashboard/dashboard.service';
import { DURATION_MODELS, type DurationModelProvider } from './duration-models';

/** The seed of the forecast's Monte-Carlo (ProjectForecaster's): the same route and states give the same dates. */
export { FORECAST_SEED };

/**
 * The start-date forecast of one project (routes-and-forecast §3–4): ProjectForecaster (server-core,
 * shared with the checks' start_at_risk source) maps its route and each milestone's clock at asOf onto
 * the pure engine (forecastStart, seeded); here the at-risk rule (startAtRiskCondition) and the Gantt's
 * two walks (forecastSchedule). Durations come from the DURATION_MODELS provider (the stored history;
 * promised days under 5 observations).
 */
@Injectable()
export class ForecastService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly forecaster: ProjectForecaster,
    private readonly clock: Clock,
    @Inject(DURATION_MODELS) private readonly history: DurationModelProvider,
  ) {}

  async forProject(projectId: string, scope: AccessScope, asOfInput?: string): Promise<ProjectForecast> {
    const asOf = resolveAsOf(asOfInput, this.clock.now());
    const today = asOf.date;
    const project = await this.projects.findVisible(projectId, scope);
    if (!project) throw new NotFound('project', projectId);
    const { entries, route, forecast, calendar } = await this.forecaster.forecast(project.id, asOf, {
      models: await this.history.modelsFor(today),
    });
    const promised = forecastSchedule(route, today, calendar, 'promised');
    const median = forecastSchedule(route, today, calendar, 'median');
    const planned = await this.forecaster.plannedStart(project, today);
    const risk = startAtRiskCondition({
      projectId: project.id,
      leadDepartmentId: project.leadDepartmentId,
      plannedStartDate: project.plannedStartDate,
      plannedStartMonth: planned?.month ?? null,
      forecast,
    });
    const onPath = new Set(forecast.bindingPath.map((entry) => entry.code));
    const milestoneOf = new Map(entries.map((entry) => [entry.routeItem.code, entry.row.id]));
    const constructStage = route.find((item) => item.code === CONSTRUCT_ITEM_CODE)!.stage;
    const sees = (departmentId: string) => scope.kind !== 'department' || departmentId === scope.departmentId;

    const items = entries
      .filter((entry) => sees(entry.row.departmentId))
      .map(({ row, clock, routeItem }): ForecastGanttItem => {
        const current = routeItem.current;
        const decidedOn = current.state === 'decided' ? current.decidedOn : null;
        const plannedBar = promised.get(routeItem.code);
        const forecastBar = median.get(routeItem.code);
        return {
          milestoneId: row.id,
          itemCode: routeItem.code,
          itemName: row.itemName,
          departmentId: row.departmentId,
          departmentName: row.departmentName,
          stage: routeItem.stage,
          status: current.state,
          phase: forecastPhase(current),
          rejected: current.state === 'decided' && Boolean(current.rejected),
          promisedDays: routeItem.promisedDays,
          acceptedOn: clock.acceptedOn,
          decidedOn,
          deadline: decidedOn ? null : clock.deadline,
          plannedStart: plannedBar?.startOn ?? (decidedOn ? (clock.acceptedOn ?? decidedOn) : null),
          plannedEnd: plannedBar?.finishOn ?? decidedOn,
          forecastStart: forecastBar?.startOn ?? (decidedOn ? (clock.acceptedOn ?? decidedOn) : null),
          forecastEnd: forecastBar?.finishOn ?? decidedOn,
          onBindingPath: onPath.has(routeItem.code),
          afterStart: routeItem.stage > constructStage,
        };
      });

    const binding = forecast.binding;
    // The engine's items are the entries' (route = entries' routeItems): the binding's entry is there.
    const bindingEntry = binding ? entries.find((entry) => entry.routeItem.code === binding.code) : undefined;
    // Started (CONSTRUCT approved) or CONSTRUCT rejected: no start date to forecast (api.md: null).
    const decided = forecast.startableNow || forecast.constructRejected;
    return {
      projectId: project.id,
      asOf: today,
      historyUsed: route.some((item) => item.model.curve !== null),
      startableNow: forecast.startableNow,
      startableSince: forecast.startableSince,
      constructRejected: forecast.constructRejected,
      promiseBound: decided ? null : forecast.promiseBound,
      p50: decided ? null : forecast.p50,
      p80: decided ? null : forecast.p80,
      plannedStartDate: project.plannedStartDate,
      plannedStartMonth: planned?.month ?? null,
      plannedStartBy: planned?.by ?? null,
      atRisk: risk?.level ?? 0,
      // The whole route's path, also for a department: milestone ids of items it cannot see stay in (the
      // path is the project-level answer, like the dates and the binding; ids carry no item details,
      // which `items` keeps to the department's own).
      bindingPath: forecast.bindingPath.map((entry) => milestoneOf.get(entry.code)!),
      binding:
        binding && bindingEntry
          ? {
              milestoneId: bindingEntry.row.id,
              itemCode: binding.code,
              departmentId: binding.departmentId,
              itemName: bindingEntry.row.itemName,
              departmentName: bindingEntry.row.departmentName ?? null,
            }
          : null,
      items,
      hiddenItems: entries.length - items.length,
    };
  }
}
