import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadServerConfig, type ServerConfig } from '@luodi/config';
import { exitGracefullyOnSignals } from '@luodi/server-core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { HeartbeatProcessor } from './heartbeat/heartbeat.processor';
import { WorkerModule } from './worker.module';

function configOrExit(): ServerConfig {
  try {
    return loadServerConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.problems.join('\n')}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  const logger = new Logger('Worker');
  exitGracefullyOnSignals(app, logger, config.SHUTDOWN_GRACE_MS);
  await app.init();
  // Say we are alive at once, before the first scheduled heartbeat.
  await app.get(HeartbeatProcessor).beat();
  logger.log('worker started');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
