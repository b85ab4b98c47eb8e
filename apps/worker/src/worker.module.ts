import { Module } from '@nestjs/common';
import { loadServerConfig } from '@luodi/config';
import { ChecksModule, ConfigModule, DatabaseModule, loggerParams } from '@luodi/server-core';
import { LoggerModule } from 'nestjs-pino';
import { AlertsModule } from './alerts/alerts.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { ForecastModule } from './forecast/forecast.module';
import { HeartbeatModule } from './heartbeat/heartbeat.module';
import { JobsModule } from './jobs/jobs.module';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      useFactory: () => loggerParams(loadServerConfig(process.env), { autoLogging: false }),
    }),
    DatabaseModule,
    ChecksModule,
    HeartbeatModule,
    ApprovalsModule,
    AlertsModule,
    ForecastModule,
    JobsModule,
  ],
})
export class WorkerModule {}
