import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { databaseHosts, type ServerConfig } from '@luodi/config';
import {
  AlertRepository,
  ApprovalItemRepository,
  AuditRepository,
  CalendarRepository,
  DatabaseProbeRepository,
  MilestoneRepository,
  openDataSource,
  SettingsRepository,
  DeliveryRepository,
  DepartmentRepository,
  FiguresRepository,
  KeyWorkRepository,
  LookupRepository,
  ProjectRepository,
  SessionRepository,
  Transactions,
  UserRepository,
  WorkerHeartbeatRepository,
  ProblemRepository,
  MeetingRepository,
  NoticeRepository,
  CommitmentRepository,
  DurationHistoryRepository,
  ForecastSnapshotRepository,
  RouteRepository,
} from '@luodi/persistence';
import { DataSource } from 'typeorm';
import { CalendarService } from './calendar.service';
import { SERVER_CONFIG } from './config.module';

/** Every repository class: each wraps the SQL of one table (or a few that go together). */
const REPOSITORIES = [
  WorkerHeartbeatRepository,
  DepartmentRepository,
  UserRepository,
  SessionRepository,
  AuditRepository,
  CalendarRepository,
  ProjectRepository,
  KeyWorkRepository,
  LookupRepository,
  FiguresRepository,
  SettingsRepository,
  ApprovalItemRepository,
  MilestoneRepository,
  AlertRepository,
  DeliveryRepository,
  Transactions,
  DatabaseProbeRepository,
  ProblemRepository,
  MeetingRepository,
  NoticeRepository,
  CommitmentRepository,
  DurationHistoryRepository,
  ForecastSnapshotRepository,
  RouteRepository,
] as const;

/** The shared TypeORM DataSource (schema from migrations only) and the repositories built on it. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [SERVER_CONFIG],
      useFactory: async (config: ServerConfig): Promise<DataSource> => {
        const logger = new Logger('Database');
        return openDataSource({
          url: config.DATABASE_URL,
          // A cluster (DATABASE_HOSTS): one node at a time, the next when it is away.
          hosts: databaseHosts(config),
          onHostChange: (from, to, error) =>
            logger.warn(
              `database ${from.host}:${from.port} unavailable (${error.message}); connecting to ${to.host}:${to.port}`,
            ),
          poolSize: config.DATABASE_POOL_SIZE,
          acquireTimeoutMs: config.DATABASE_ACQUIRE_TIMEOUT_MS,
          connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
          lockWaitSeconds: config.DATABASE_LOCK_WAIT_SECONDS,
        });
      },
    },
    ...REPOSITORIES.map((repository) => ({
      provide: repository,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new repository(dataSource),
    })),
    CalendarService,
  ],
  exports: [DataSource, ...REPOSITORIES, CalendarService],
})
export class DatabaseModule implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseModule.name);

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy();
      this.logger.log('database connections closed');
    }
  }
}
