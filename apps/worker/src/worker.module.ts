import { Module } from '@nestjs/common';
import { loadServerConfig } from '@luodi/config';
import { ConfigModule, DatabaseModule, loggerParams } from '@luodi/server-core';
import { LoggerModule } from 'nestjs-pino';
import { ApprovalsModule } from './approvals/approvals.module';
import { HeartbeatModule } from './heartbeat/heartbeat.module';
import { JobsModule } from './jobs/jobs.module';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      useFactory: () => loggerParams(loadServerConfig(process.env), { autoLogging: false }),
    }),
    DatabaseModule,
    HeartbeatModule,
    ApprovalsModule,
    JobsModule,
  ],
})
export class WorkerModule {}
