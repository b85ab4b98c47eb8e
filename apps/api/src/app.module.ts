import { Module } from '@nestjs/common';
import { loadServerConfig } from '@luodi/config';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, DatabaseModule, loggerParams } from '@luodi/server-core';
import { HealthModule } from './health/health.module';
import { QueueModule } from './queue/queue.module';

@Module({
  imports: [
    ConfigModule,
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
              url: request.url,
            }),
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
          },
        }),
    }),
    DatabaseModule,
    QueueModule,
    HealthModule,
  ],
})
export class AppModule {}
