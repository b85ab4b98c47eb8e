import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadApiConfig } from '@luodi/config';
import { configOrExit, exitGracefullyOnSignals, startOrExit } from '@luodi/server-core';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = configOrExit(loadApiConfig);
  const app = await createApiApp(config);
  const logger = new Logger('Api');
  exitGracefullyOnSignals(app, logger, config.SHUTDOWN_GRACE_MS);
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.log(`listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`);
}

startOrExit('api', main);
