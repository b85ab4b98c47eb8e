import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ApiConfig, ServerConfig } from '@luodi/config';
import { DomainError } from '@luodi/domain';
import { SERVER_CONFIG } from '@luodi/server-core';
import type { Redis } from 'ioredis';
import { API_CONFIG } from '../config/api-config.module';
import { API_REDIS } from '../redis/redis.module';

/**
 * Failed sign-ins per username + IP, counted in Redis so that every API instance sees the same count.
 * After LOGIN_MAX_FAILURES failures within LOGIN_WINDOW_SECONDS, further attempts get 429 until the
 * window passes. When Redis is down, sign-in is refused (fail closed) rather than left unthrottled.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @Inject(API_REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(SERVER_CONFIG) private readonly server: ServerConfig,
  ) {}

  /** `username` is the normalised one (normaliseUsername): every spelling of a name shares its count. */
  private key(username: string, ip: string): string {
    const subject = createHash('sha256')
      .update(`${username.toLowerCase()}\n${ip}`)
      .digest('hex')
      .slice(0, 32);
    return `${this.server.QUEUE_PREFIX}:login-failures:${subject}`;
  }

  /**
   * Count this attempt before checking the password (atomically: parallel attempts cannot all slip
   * under the limit), and refuse it when the failures of the window are used up. A right password
   * clears the count (`succeeded`).
   */
  async reserveAttempt(username: string, ip: string): Promise<void> {
    const key = this.key(username, ip);
    let attempts: number;
    let ttl: number;
    try {
      const results = await this.redis
        .multi()
        .incr(key)
        .expire(key, this.config.LOGIN_WINDOW_SECONDS, 'NX')
        .ttl(key)
        .exec();
      attempts = Number(results?.[0]?.[1] ?? 0);
      ttl = Number(results?.[2]?.[1] ?? -1);
    } catch {
      throw new DomainError('rate_limited', 'sign-in is unavailable for a moment; try again shortly', {
        code: 'login_unavailable',
        retryAfterSeconds: 5,
      });
    }
    if (attempts > this.config.LOGIN_MAX_FAILURES) {
      const wait = ttl > 0 ? ttl : this.config.LOGIN_WINDOW_SECONDS;
      throw new DomainError('rate_limited', `too many failed sign-ins; try again in ${wait} s`, {
        code: 'login_throttled',
        retryAfterSeconds: wait,
      });
    }
  }

  /** A successful sign-in clears the failures of this username and IP. */
  async succeeded(username: string, ip: string): Promise<void> {
    await this.redis.del(this.key(username, ip)).catch(() => undefined);
  }
}
