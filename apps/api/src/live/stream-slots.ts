import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import { DomainError } from '@luodi/domain';
import { SERVER_CONFIG } from '@luodi/server-core';
import type { Redis } from 'ioredis';
import { API_REDIS } from '../redis/redis.module';

/** Live streams one user may hold at once, over all API instances. */
export const LIVE_STREAMS_PER_USER = 5;
/** A slot lapses unless renewed within this time (each stream renews it at every keep-alive). */
export const STREAM_LEASE_SECONDS = 60;
/** What a refused 7th… stream is told to wait. */
const RETRY_AFTER_SECONDS = 30;

/**
 * Take a slot atomically: drop lapsed slots, refuse when the user holds the maximum, else add this one.
 * KEYS[1] the user's sorted set (member: slot id, score: lease end in ms); ARGV: now, lease end, slot
 * id, maximum, key time-to-live in ms. Returns 1 when taken, 0 when refused.
 */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`;

export interface StreamSlot {
  userId: string;
  id: string;
}

/**
 * The cap on concurrent live streams per user: a 6th stream is refused with 429 and Retry-After (the
 * streams already open are left alone, so a stolen token cannot push the owner's streams out). Counted
 * in Redis (a sorted set of leased slots per user), so the cap holds over every API instance; a slot
 * whose instance died lapses after its lease. While Redis is away, each instance still holds the cap
 * for the streams it serves itself.
 */
@Injectable()
export class StreamSlots {
  private readonly logger = new Logger(StreamSlots.name);
  private readonly local = new Map<string, number>();

  constructor(
    @Inject(API_REDIS) private readonly redis: Redis,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  private key(userId: string): string {
    return `${this.config.QUEUE_PREFIX}:live-streams:${userId}`;
  }

  private refuse(): never {
    throw new DomainError(
      'rate_limited',
      `at most ${LIVE_STREAMS_PER_USER} live streams per user are open at once; close one (another tab or device) and try again`,
      { code: 'live_streams_exhausted', retryAfterSeconds: RETRY_AFTER_SECONDS },
    );
  }

  /** A slot for a new stream of the user, or a 429 when the user holds the maximum. */
  async acquire(userId: string): Promise<StreamSlot> {
    if ((this.local.get(userId) ?? 0) >= LIVE_STREAMS_PER_USER) this.refuse();
    const slot = { userId, id: randomUUID() };
    const now = Date.now();
    let taken = 1;
    try {
      taken = Number(
        await this.redis.eval(
          ACQUIRE,
          1,
          this.key(userId),
          now,
          now + STREAM_LEASE_SECONDS * 1000,
          slot.id,
          LIVE_STREAMS_PER_USER,
          STREAM_LEASE_SECONDS * 2000,
        ),
      );
    } catch (error) {
      this.logger.warn(`stream cap checked on this instance only (Redis: ${(error as Error).message})`);
    }
    if (taken !== 1) this.refuse();
    return slot;
  }

  /**
   * The slot's stream is being served here (counted once its stream is subscribed to: a client that
   * left before that never holds a local place, and its Redis slot lapses with its lease).
   */
  opened(slot: StreamSlot): void {
    this.local.set(slot.userId, (this.local.get(slot.userId) ?? 0) + 1);
  }

  /** Keep the slot of a stream that is still open (at every keep-alive). */
  async renew(slot: StreamSlot): Promise<void> {
    await this.redis
      .zadd(this.key(slot.userId), 'XX', Date.now() + STREAM_LEASE_SECONDS * 1000, slot.id)
      .catch(() => undefined);
  }

  /** Give the slot back when its stream ends, however it ends (after `opened`). */
  async release(slot: StreamSlot): Promise<void> {
    const left = (this.local.get(slot.userId) ?? 1) - 1;
    if (left > 0) this.local.set(slot.userId, left);
    else this.local.delete(slot.userId);
    await this.redis.zrem(this.key(slot.userId), slot.id).catch(() => undefined);
  }
}
