import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import { Redis } from 'ioredis';
import { SERVER_CONFIG } from '@luodi/server-core';

/** A Redis client for quick probes: it fails fast instead of queueing commands while Redis is away. */
export const PROBE_REDIS = Symbol('PROBE_REDIS');

@Global()
@Module({
  providers: [
    {
      provide: PROBE_REDIS,
      inject: [SERVER_CONFIG],
      useFactory: (config: ServerConfig): Redis => {
        const logger = new Logger('Redis');
        const client = new Redis(config.REDIS_URL, {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2_000,
          retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
          lazyConnect: false,
        });
        let reported = false;
        client.on('error', (error: Error) => {
          if (!reported) logger.warn(`redis unavailable: ${error.message}`);
          reported = true;
        });
        client.on('ready', () => {
          if (reported) logger.log('redis connection restored');
          reported = false;
        });
        return client;
      },
    },
  ],
  exports: [PROBE_REDIS],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(PROBE_REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
