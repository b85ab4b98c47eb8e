import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type ServerConfig, redisConnectionOptions } from '@luodi/config';
import { SERVER_CONFIG } from '@luodi/server-core';
import { Redis } from 'ioredis';

/**
 * The API's Redis client: it fails fast (no offline queue, one retry) instead of holding requests
 * while Redis is away, and reconnects on its own. Used for health probes and the login throttle.
 */
export const API_REDIS = Symbol('API_REDIS');

@Global()
@Module({
  providers: [
    {
      provide: API_REDIS,
      inject: [SERVER_CONFIG],
      useFactory: (config: ServerConfig): Redis => {
        const logger = new Logger('Redis');
        const client = new Redis({
          ...redisConnectionOptions(config),
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2_000,
          retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
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
  exports: [API_REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(API_REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
