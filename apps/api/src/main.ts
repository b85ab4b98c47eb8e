import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { type ApiConfig, ConfigError, loadApiConfig } from '@luodi/config';
import { exitGracefullyOnSignals } from '@luodi/server-core';
import { createApiApp } from './bootstrap';

function configOrExit(): ApiConfig {
  try {
    return loadApiConfig(process.env);
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
  const app = await createApiApp(config);
  const logger = new Logger('Api');
  exitGracefullyOnSignals(app, logger, config.SHUTDOWN_GRACE_MS);
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.log(`listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
