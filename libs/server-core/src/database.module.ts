import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import { createDataSource, WorkerHeartbeatRepository } from '@luodi/persistence';
import { DataSource } from 'typeorm';
import { SERVER_CONFIG } from './config.module';

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
    {
      provide: WorkerHeartbeatRepository,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new WorkerHeartbeatRepository(dataSource),
    },
  ],
  exports: [DataSource, WorkerHeartbeatRepository],
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
