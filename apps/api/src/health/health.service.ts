import { Inject, Injectable } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import { judgeHealth, type HealthVerdict } from '@luodi/domain';
import { DatabaseProbeRepository, WorkerHeartbeatRepository } from '@luodi/persistence';
import type { Redis } from 'ioredis';
import { SERVER_CONFIG } from '@luodi/server-core';
import { API_REDIS } from '../redis/redis.module';

const PROBE_TIMEOUT_MS = 1_500;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

@Injectable()
export class HealthService {
  constructor(
    private readonly database: DatabaseProbeRepository,
    private readonly heartbeats: WorkerHeartbeatRepository,
    @Inject(API_REDIS) private readonly redis: Redis,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  async check(): Promise<HealthVerdict> {
    const [dbUp, queueUp, workerLastSeenAt] = await Promise.all([
      withTimeout(this.database.ping(), PROBE_TIMEOUT_MS).then(
        () => true,
        () => false,
      ),
      withTimeout(this.redis.ping(), PROBE_TIMEOUT_MS).then(
        (answer) => answer === 'PONG',
        () => false,
      ),
      withTimeout(this.heartbeats.latestSeenAt(), PROBE_TIMEOUT_MS).catch(() => null),
    ]);
    return judgeHealth({
      dbUp,
      queueUp,
      workerLastSeenAt,
      now: new Date(),
      heartbeatIntervalMs: this.config.HEARTBEAT_INTERVAL_MS,
    });
  }
}
