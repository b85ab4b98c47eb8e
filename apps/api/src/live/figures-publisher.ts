import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import type { FiguresChangedMessage } from '@luodi/contracts';
import { liveChannel } from '@luodi/jobs';
import { SERVER_CONFIG } from '@luodi/server-core';
import type { Redis } from 'ioredis';
import { API_REDIS } from '../redis/redis.module';

export type FiguresSubject =
  'project' | 'funds' | 'key-work' | 'milestone' | 'checks' | 'problem' | 'notice' | 'commitments';

/**
 * Tells the live streams (cockpit, big screen) that a figure may have changed: a `figures` message on
 * the live channel, sent by the caller after its transaction has committed. Best-effort: a Redis
 * outage never fails the request that changed the data.
 */
@Injectable()
export class FiguresPublisher {
  private readonly logger = new Logger(FiguresPublisher.name);

  constructor(
    @Inject(API_REDIS) private readonly redis: Redis,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  async changed(subject: FiguresSubject, departmentId?: string | null): Promise<void> {
    const message: FiguresChangedMessage = {
      type: 'figures',
      subject,
      ...(departmentId ? { departmentId } : {}),
    };
    try {
      await this.redis.publish(liveChannel(this.config.QUEUE_PREFIX), JSON.stringify(message));
    } catch (error) {
      this.logger.warn(`figures change not published: ${(error as Error).message}`);
    }
  }
}
