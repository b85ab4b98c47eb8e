import { Injectable, Logger } from '@nestjs/common';
import {
  businessDateOf,
  DomainError,
  endOfBusinessDay,
  type ForecastAccuracy,
  forecastAccuracy,
  type IsoDate,
  isMonthEnd,
  type ForecastSnapshot,
} from '@luodi/domain';
import {
  ForecastSnapshotRepository,
  type ForecastSnapshotRow,
  type SnapshotCandidate,
} from '@luodi/persistence';
import { CalendarService } from '../calendar.service';
import { Clock } from '../clock';
import { type DurationModelSource, ProjectForecaster } from './project-forecaster';

/** Projects forecast between two writes (a crash loses at most this many; a re-run fills them in). */
export const SNAPSHOT_CHUNK = 100;

export interface ForecastSnapshotSummary {
  monthEnd: IsoDate;
  /** Projects on a route (applied by then, not terminated) looked at. */
  candidates: number;
  /** Of those, forecast (not started at the month-end, CONSTRUCT neither approved nor rejected). */
  forecast: number;
  /** Rows new in the table (0 on a repeat: the first snapshot of a month-end is kept). */
  written: number;
}

export interface ForecastSnapshotOptions {
  /** Only these projects (the demo's history). */
  projectIds?: readonly string[];
  /** Duration models to use instead of the stored history as of the month-end (the demo). */
  models?: DurationModelSource;
}

/** The accuracy figures with the departments' names. */
export interface ForecastAccuracyFigures extends ForecastAccuracy {
  departmentNames: Map<string, string>;
}

/**
 * The month-end forecast snapshots and the forecast accuracy (routes-and-forecast §3): every
 * month-end the forecast of each project on a route not started then is kept (ProjectForecaster as of
 * that day, the same mapping as the project page and the checks); once CONSTRUCT is approved each
 * kept forecast's error is known, and forecastAccuracy gives the figures.
 */
@Injectable()
export class ForecastSnapshotService {
  private readonly logger = new Logger(ForecastSnapshotService.name);

  constructor(
    private readonly snapshots: ForecastSnapshotRepository,
    private readonly forecaster: ProjectForecaster,
    private readonly calendars: CalendarService,
    private readonly clock: Clock,
  ) {}

  /** The business date today (Asia/Shanghai). */
  today(): IsoDate {
    return businessDateOf(this.clock.now());
  }

  /**
   * Forecast every project on a route not started at `monthEnd` as of that day and keep the answers,
   * written every SNAPSHOT_CHUNK projects. Repeat-safe: an existing row for a project and month-end is
   * kept as it is (the forecast as it was first taken), missing ones are added.
   */
  async takeSnapshot(
    monthEnd: IsoDate,
    options: ForecastSnapshotOptions = {},
  ): Promise<ForecastSnapshotSummary> {
    if (!isMonthEnd(monthEnd) || monthEnd > this.today())
      throw DomainError.coded('validation', 'snapshot_month_end_invalid', { monthEnd });
    const moment = endOfBusinessDay(monthEnd);
    const only = options.projectIds ? new Set(options.projectIds) : null;
    const candidates = (await this.snapshots.candidates(moment)).filter(
      (candidate) => !only || only.has(candidate.id),
    );
    const [models, calendar] = await Promise.all([
      options.models ?? this.forecaster.modelsFor(monthEnd),
      this.calendars.calendar(),
    ]);
    let forecast = 0;
    let written = 0;
    for (let start = 0; start < candidates.length; start += SNAPSHOT_CHUNK) {
      const rows: ForecastSnapshotRow[] = [];
      for (const candidate of candidates.slice(start, start + SNAPSHOT_CHUNK)) {
        const row = await this.rowOf(candidate, monthEnd, moment, models, calendar);
        if (row) rows.push(row);
      }
      forecast += rows.length;
      written += await this.snapshots.insertKeepingFirst(rows);
    }
    return { monthEnd, candidates: candidates.length, forecast, written };
  }

  /** Take the snapshot of `monthEnd` unless some is kept already (the worker's start-up catch-up). */
  async takeIfMissing(monthEnd: IsoDate): Promise<ForecastSnapshotSummary | null> {
    if ((await this.snapshots.countOn(monthEnd)) > 0) return null;
    return this.takeSnapshot(monthEnd);
  }

  /**
   * Forecast accuracy as of `asOf`: the snapshots taken by then of projects whose CONSTRUCT was
   * approved by then (the start the forecast predicts), only those counted under `departmentId` when
   * given (a department user's scope).
   */
  async accuracy(asOf: IsoDate, departmentId: string | null): Promise<ForecastAccuracyFigures> {
    const [rows, calendar] = await Promise.all([
      this.snapshots.ofStartedProjects(asOf, endOfBusinessDay(asOf), departmentId),
      this.calendars.calendar(),
    ]);
    const startedOn = new Map(rows.map((row) => [row.projectId, businessDateOf(row.constructDecidedAt)]));
    const snapshots: ForecastSnapshot[] = rows.map((row) => ({
      projectId: row.projectId,
      departmentId: row.departmentId,
      snapshotDate: row.snapshotDate,
      p50: row.p50,
      p80: row.p80,
    }));
    const departmentNames = new Map(
      rows
        .filter((row) => row.departmentId !== null)
        .map((row) => [row.departmentId!, row.departmentName ?? row.departmentId!]),
    );
    return { ...forecastAccuracy(calendar, snapshots, startedOn), departmentNames };
  }

  private async rowOf(
    candidate: SnapshotCandidate,
    monthEnd: IsoDate,
    moment: Date,
    models: DurationModelSource,
    calendar: Awaited<ReturnType<CalendarService['calendar']>>,
  ): Promise<ForecastSnapshotRow | null> {
    try {
      const { forecast, entries } = await this.forecaster.forecast(
        candidate.id,
        { date: monthEnd, moment },
        { models, calendar },
      );
      // Started (CONSTRUCT approved) or CONSTRUCT rejected by then: no start date to keep.
      if (forecast.startableNow || forecast.constructRejected) return null;
      const binding = forecast.binding;
      const bindingEntry = binding
        ? entries.find((entry) => entry.routeItem.code === binding.code)
        : undefined;
      return {
        projectId: candidate.id,
        snapshotDate: monthEnd,
        promiseBound: forecast.promiseBound,
        p50: forecast.p50,
        p80: forecast.p80,
        bindingMilestoneId: bindingEntry?.row.id ?? null,
        bindingItemCode: binding?.code ?? null,
        bindingDepartmentId: binding?.departmentId ?? null,
        plannedStartDate: candidate.plannedStartDate,
      };
    } catch (error) {
      // A route without CONSTRUCT has no start to forecast; anything else fails the run (it is retried).
      if (error instanceof DomainError && error.code === 'route_without_construct') {
        this.logger.debug(`project ${candidate.id}: route without CONSTRUCT, no snapshot`);
        return null;
      }
      throw error;
    }
  }
}
