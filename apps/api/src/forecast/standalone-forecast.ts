import {
  ApprovalItemRepository,
  CalendarRepository,
  DurationHistoryRepository,
  ForecastSnapshotRepository,
  KeyWorkRepository,
  MilestoneRepository,
  RouteRepository,
  SettingsRepository,
  Transactions,
} from '@luodi/persistence';
import {
  CalendarService,
  Clock,
  DurationHistoryService,
  ForecastSnapshotService,
  MilestoneClockService,
  ProjectForecaster,
} from '@luodi/server-core';
import type { DataSource } from 'typeorm';

/**
 * The forecast's services on a bare DataSource, outside Nest (the demo loader and the CLI's
 * `forecast:snapshot`): the same classes the API and the worker inject, wired by hand.
 */
export function standaloneForecast(dataSource: DataSource, clock: Clock) {
  const calendar = new CalendarService(new CalendarRepository(dataSource));
  const milestones = new MilestoneRepository(dataSource);
  const items = new ApprovalItemRepository(dataSource);
  const settings = new SettingsRepository(dataSource);
  const transactions = new Transactions(dataSource);
  const history = new DurationHistoryService(
    new DurationHistoryRepository(dataSource),
    milestones,
    items,
    settings,
    calendar,
    transactions,
    clock,
  );
  const forecaster = new ProjectForecaster(
    new RouteRepository(dataSource),
    milestones,
    items,
    // The forecaster asks only for single clocks: the batch size of due refreshes is not used here.
    new MilestoneClockService(milestones, items, settings, calendar, transactions, clock, {
      CHECKS_CHUNK_SIZE: 500,
    }),
    calendar,
    history,
    new KeyWorkRepository(dataSource),
  );
  const snapshots = new ForecastSnapshotService(
    new ForecastSnapshotRepository(dataSource),
    forecaster,
    calendar,
    clock,
  );
  return { calendar, history, forecaster, snapshots };
}
