import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import {
  AuditRepository,
  createDataSource,
  DepartmentRepository,
  SessionRepository,
  UserRepository,
  WorkerHeartbeatRepository,
} from '@luodi/persistence';
import { DataSource } from 'typeorm';
import { SERVER_CONFIG } from './config.module';

/** Every repository class: each wraps the SQL of one table (or a few that go together). */
const REPOSITORIES = [
  WorkerHeartbeatRepository,
  DepartmentRepository,
  UserRepository,
  SessionRepository,
  AuditRepository,
] as const;

/** The shared TypeORM DataSource (schema from migrations only) and the repositories built on it. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [SERVER_CONFIG],
      useFactory: async (config: ServerConfig): Promise<DataSource> => {
        const dataSource = createDataSource({ url: config.DATABASE_URL });
        await dataSource.initialize();
        return dataSource;
      },
    },
    ...REPOSITORIES.map((repository) => ({
      provide: repository,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new repository(dataSource),
    })),
  ],
  exports: [DataSource, ...REPOSITORIES],
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
