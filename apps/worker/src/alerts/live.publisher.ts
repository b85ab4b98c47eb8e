import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type ServerConfig, redisConnectionOptions } from '@luodi/config';
import { liveChannel } from '@luodi/jobs';
import { SERVER_CONFIG } from '@luodi/server-core';
import { Redis } from 'ioredis';

/** Publishes live changes on Redis; every API instance relays them to the event streams it serves. */
@Injectable()
export class LivePublisher implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(@Inject(SERVER_CONFIG) private readonly config: ServerConfig) {
    this.redis = new Redis({ ...redisConnectionOptions(config), maxRetriesPerRequest: 2 });
    this.redis.on('error', () => undefined);
  }

  async publish(message: Record<string, unknown>): Promise<void> {
    await this.redis.publish(liveChannel(this.config.QUEUE_PREFIX), JSON.stringify(message));
  }

  /** Many messages in one Redis round trip (a pipeline). */
  async publishMany(messages: Array<Record<string, unknown>>): Promise<void> {
    if (messages.length === 0) return;
    const channel = liveChannel(this.config.QUEUE_PREFIX);
    const pipeline = this.redis.pipeline();
    for (const message of messages) pipeline.publish(channel, JSON.stringify(message));
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
