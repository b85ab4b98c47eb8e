import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadServerConfig } from '@luodi/config';
import { configOrExit, exitGracefullyOnSignals, startOrExit } from '@luodi/server-core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { HeartbeatProcessor } from './heartbeat/heartbeat.processor';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = configOrExit(loadServerConfig);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  const logger = new Logger('Worker');
  exitGracefullyOnSignals(app, logger, config.SHUTDOWN_GRACE_MS);
  await app.init();
  // Say we are alive at once, before the first scheduled heartbeat.
  await app.get(HeartbeatProcessor).beat();
  logger.log('worker started');
}

startOrExit('worker', main);
