import { Inject, Injectable } from '@nestjs/common';
import {
  type AccessScope,
  CONSTRUCT_ITEM_CODE,
  DomainError,
  forecastPhase,
  type ForecastRouteItem,
  forecastSchedule,
  forecastStart,
  forecastStateOf,
  NotFound,
  startAtRiskCondition,
} from '@luodi/domain';
import {
  ApprovalItemRepository,
  MilestoneRepository,
  ProjectRepository,
  RouteRepository,
} from '@luodi/persistence';
import { CalendarService, Clock, MilestoneClockService } from '@luodi/server-core';
import type { ForecastGanttItem, ProjectForecast } from '@luodi/contracts';
import { resolveAsOf } from '../dashboard/dashboard.service';
import { DURATION_MODELS, type DurationModelProvider } from './duration-models';

/** The seed of the forecast's Monte-Carlo: the same route and states give the same dates. */
export const FORECAST_SEED = 1;

/**
 * The start-date forecast of one project (routes-and-forecast §3–4): its route and each milestone's
 * clock at asOf (events after asOf ignored) mapped onto the pure engine (forecastStart, seeded), the
 * at-risk rule (startAtRiskCondition) and the Gantt's two walks (forecastSchedule). Durations come from
 * the DURATION_MODELS provider (the stored history; promised days under 5 observations).
 */
@Injectable()
export class ForecastService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly routes: RouteRepository,
    private readonly milestones: MilestoneRepository,
    private readonly items: ApprovalItemRepository,
    private readonly clocks: MilestoneClockService,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
    @Inject(DURATION_MODELS) private readonly history: DurationModelProvider,
  ) {}

  async forProject(projectId: string, scope: AccessScope, asOfInput?: string): Promise<ProjectForecast> {
    const asOf = resolveAsOf(asOfInput, this.clock.now());
    const today = asOf.date;
    const project = await this.projects.findVisible(projectId, scope);
    if (!project) throw new NotFound('project', projectId);
    if (!(await this.routes.projectRoute(project.id)))
      throw DomainError.coded('conflict', 'route_not_applied');
    const placed = await this.routes.routeItems(project.id);
    if (!placed.some((item) => item.itemCode === CONSTRUCT_ITEM_CODE))
      throw DomainError.coded('conflict', 'route_without_construct');

    const [{ items: rows }, catalog, calendar, models] = await Promise.all([
      this.milestones.list({ projectId: project.id }, { kind: 'all' }, null),
      this.items.byCodes(placed.map((item) => item.itemCode)),
      this.calendars.calendar(),
      this.history.modelsFor(today),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const events = await this.milestones.eventsOf(placed.map((item) => item.milestoneId));
    const onRoute = placed.filter((item) => byId.has(item.milestoneId));
    const entries = await Promise.all(
      onRoute.map(async (item) => {
        const row = byId.get(item.milestoneId)!;
        // The clock as it stood at asOf: the events recorded for moments after it do not count yet.
        const known = (events.get(row.id) ?? []).filter((event) => event.at <= asOf.moment);
        const clock = await this.clocks.clockOf(row, known, asOf.moment);
        const promisedDays = Number(catalog.get(item.itemCode)?.promisedDays ?? 0);
        const model = models.modelFor(item.itemCode, row.departmentId, promisedDays);
        const routeItem: ForecastRouteItem = {
          code: item.itemCode,
          departmentId: row.departmentId,
          stage: item.stage,
          after: item.after,
          promisedDays,
          current: forecastStateOf(clock, today, calendar),
          model,
        };
        return { row, clock, routeItem };
      }),
    );
    const route = entries.map((entry) => entry.routeItem);
    const forecast = forecastStart(route, today, calendar, { seed: FORECAST_SEED });
    const promised = forecastSchedule(route, today, calendar, 'promised');
    const median = forecastSchedule(route, today, calendar, 'median');
    const risk = startAtRiskCondition({
      projectId: project.id,
      leadDepartmentId: project.leadDepartmentId,
      plannedStartDate: project.plannedStartDate,
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
