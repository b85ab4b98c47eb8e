import { Injectable } from '@nestjs/common';
import {
  CONSTRUCT_ITEM_CODE,
  DomainError,
  type DurationModel,
  type ForecastRouteItem,
  forecastStart,
  forecastStateOf,
  type IsoDate,
  keyWorkStartMonth,
  type MilestoneClock,
  type PlannedStart,
  plannedStartOf,
  type StartForecast,
  type WorkingCalendar,
} from '@luodi/domain';
import {
  ApprovalItemRepository,
  KeyWorkRepository,
  type MilestoneRow,
  MilestoneRepository,
  RouteRepository,
} from '@luodi/persistence';
import { CalendarService } from '../calendar.service';
import { MilestoneClockService } from '../checks/milestone-clock.service';
import { DurationHistoryService } from './duration-history.service';

/** The seed of the forecast's Monte-Carlo: the same route and states give the same dates. */
export const FORECAST_SEED = 1;

/** Where the forecast gets each item × department's duration model (the stored history, or none). */
export interface DurationModelSource {
  modelFor(itemCode: string, departmentId: string, promisedDays?: number): DurationModel;
}

/** One route item of a project as the forecast saw it: its milestone, clock at asOf and engine item. */
export interface ProjectForecastEntry {
  row: MilestoneRow;
  clock: MilestoneClock;
  routeItem: ForecastRouteItem;
}

export interface ProjectForecastRun {
  today: IsoDate;
  /** The route items that have a milestone, in route order (the engine's input is their routeItems). */
  entries: ProjectForecastEntry[];
  route: ForecastRouteItem[];
  forecast: StartForecast;
  calendar: WorkingCalendar;
}

export interface ProjectForecastOptions {
  /** Monte-Carlo draws (the engine's default 2000 unless given; the checks use fewer). */
  draws?: number;
  /** Already loaded for this asOf (a check run forecasting many projects reads them once). */
  models?: DurationModelSource;
  calendar?: WorkingCalendar;
}

/**
 * The route → engine mapping of the start-date forecast (routes-and-forecast §3), shared by the API's
 * per-project forecast (ForecastService.forProject) and the checks' start_at_risk source: a project's
 * route and each milestone's clock at asOf (events after asOf ignored) mapped onto the pure engine
 * (forecastStart, seeded). Throws 409 route_not_applied / route_without_construct.
 */
@Injectable()
export class ProjectForecaster {
  constructor(
    private readonly routes: RouteRepository,
    private readonly milestones: MilestoneRepository,
    private readonly items: ApprovalItemRepository,
    private readonly clocks: MilestoneClockService,
    private readonly calendars: CalendarService,
    private readonly history: DurationHistoryService,
    private readonly keyWorks: KeyWorkRepository,
  ) {}

  /**
   * The planned start a forecast as of `today` is held against (routes-and-forecast §3): the
   * project's plannedStartDate, else — a key work of today's year with a planned start month — that
   * month's last day (`plannedStartOf`). null when neither is known.
   */
  async plannedStart(
    project: { id: string; plannedStartDate: IsoDate | null },
    today: IsoDate,
  ): Promise<PlannedStart | null> {
    if (project.plannedStartDate) return plannedStartOf(project.plannedStartDate);
    const year = Number(today.slice(0, 4));
    return plannedStartOf(
      null,
      keyWorkStartMonth(year, await this.keyWorks.plannedStartMonth(project.id, year)),
    );
  }

  /** The duration models as of a date (read once for many projects). */
  modelsFor(today: IsoDate): Promise<DurationModelSource> {
    return this.history.modelsFor(today);
  }

  async forecast(
    projectId: string,
    asOf: { date: IsoDate; moment: Date },
    options: ProjectForecastOptions = {},
  ): Promise<ProjectForecastRun> {
    const today = asOf.date;
    if (!(await this.routes.projectRoute(projectId)))
      throw DomainError.coded('conflict', 'route_not_applied');
    const placed = await this.routes.routeItems(projectId);
    if (!placed.some((item) => item.itemCode === CONSTRUCT_ITEM_CODE))
      throw DomainError.coded('conflict', 'route_without_construct');

    const [{ items: rows }, catalog, calendar, models] = await Promise.all([
      this.milestones.list({ projectId }, { kind: 'all' }, null),
      this.items.byCodes(placed.map((item) => item.itemCode)),
      options.calendar ?? this.calendars.calendar(),
      options.models ?? this.history.modelsFor(today),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const events = await this.milestones.eventsOf(placed.map((item) => item.milestoneId));
    const onRoute = placed.filter((item) => byId.has(item.milestoneId));
    const entries = await Promise.all(
      onRoute.map(async (item): Promise<ProjectForecastEntry> => {
        const row = byId.get(item.milestoneId)!;
        // The clock as it stood at asOf: the events recorded for moments after it do not count yet.
        const known = (events.get(row.id) ?? []).filter((event) => event.at <= asOf.moment);
        const clock = await this.clocks.clockOf(row, known, asOf.moment);
        const promisedDays = Number(catalog.get(item.itemCode)?.promisedDays ?? 0);
        const routeItem: ForecastRouteItem = {
          code: item.itemCode,
          departmentId: row.departmentId,
          stage: item.stage,
          after: item.after,
          promisedDays,
          current: forecastStateOf(clock, today, calendar),
          model: models.modelFor(item.itemCode, row.departmentId, promisedDays),
        };
        return { row, clock, routeItem };
      }),
    );
    const route = entries.map((entry) => entry.routeItem);
    const forecast = forecastStart(route, today, calendar, {
      seed: FORECAST_SEED,
      ...(options.draws ? { draws: options.draws } : {}),
    });
    return { today, entries, route, forecast, calendar };
  }
}
