import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { loadServerConfig } from '@luodi/config';
import { LoggerModule } from 'nestjs-pino';
import { ChecksModule, ConfigModule, DatabaseModule, loggerParams } from '@luodi/server-core';
import { ClsMiddleware, ClsModule } from 'nestjs-cls';
import { AlertsModule } from './alerts/alerts.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CONTEXT_IP, CONTEXT_REQUEST_ID } from './auth/request-context';
import { CalendarModule } from './calendar/calendar.module';
import { ApiConfigModule } from './config/api-config.module';
import { CockpitReportModule } from './dashboard/cockpit-report.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DepartmentsModule } from './departments/departments.module';
import { DispatchModule } from './dispatch/dispatch.module';
import { CommitmentsModule } from './commitments/commitments.module';
import { ForecastModule } from './forecast/forecast.module';
import { HealthModule } from './health/health.module';
import { KeyWorksModule } from './key-works/key-works.module';
import { LiveModule } from './live/live.module';
import { LookupsModule } from './lookups/lookups.module';
import { ProjectsModule } from './projects/projects.module';
import { RedisModule } from './redis/redis.module';
import { SettingsModule } from './settings/settings.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    ConfigModule,
    ApiConfigModule,
    ClsModule.forRoot({
      global: true,
      middleware: {
        // Mounted below with a route pattern of the current router syntax.
        mount: false,
        setup: (cls, request: { id?: string; ip?: string; socket?: { remoteAddress?: string } }) => {
          cls.set(CONTEXT_REQUEST_ID, request.id ?? null);
          cls.set(CONTEXT_IP, request.ip ?? request.socket?.remoteAddress ?? null);
        },
      },
    }),
    LoggerModule.forRootAsync({
      useFactory: () =>
        loggerParams(loadServerConfig(process.env), {
          customLogLevel: (_request, response, error) =>
            error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
          autoLogging: { ignore: (request) => request.url === '/api/health' },
          serializers: {
            req: (request: { id: string; method: string; url: string }) => ({
              id: request.id,
              method: request.method,
              // The event stream takes its token in the query (?access_token=): never log it.
              url: request.url.replace(/([?&]access_token=)[^&#]*/gi, '$1[redacted]'),
            }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
        }),
    }),
    DatabaseModule,
    ChecksModule,
    RedisModule,
    LiveModule,
    HealthModule,
    AuthModule,
    AuditModule,
    DepartmentsModule,
    UsersModule,
    LookupsModule,
    ProjectsModule,
    KeyWorksModule,
    DashboardModule,
    CockpitReportModule,
    SettingsModule,
    CalendarModule,
    ApprovalsModule,
    AlertsModule,
    DispatchModule,
    CommitmentsModule,
    ForecastModule,
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ClsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
