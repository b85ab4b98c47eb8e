import type { INestApplicationContext, LoggerService } from '@nestjs/common';

/**
 * Graceful shutdown on SIGTERM/SIGINT: close the application (HTTP server stops accepting and
 * finishes in-flight requests; BullMQ workers finish in-flight jobs), then exit 0. A shutdown that
 * takes longer than `graceMs` exits 1 so an orchestrator is never left waiting.
 */
export function exitGracefullyOnSignals(
  app: INestApplicationContext,
  logger: LoggerService,
  graceMs: number,
): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: finishing in-flight work`);
    setTimeout(() => {
      logger.error(`shutdown took longer than ${graceMs} ms; exiting`);
      process.exit(1);
    }, graceMs).unref();
    app.close().then(
      () => {
        logger.log('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
