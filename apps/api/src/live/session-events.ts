import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import { liveChannel } from '@luodi/jobs';
import { SERVER_CONFIG } from '@luodi/server-core';
import type { Redis } from 'ioredis';
import { API_REDIS } from '../redis/redis.module';

export const SESSION_ENDED = 'session-ended';

/**
 * Why: the session was ended (`logout`, `token-reuse`), all the user's sessions were (`disabled`,
 * `role-changed`, `password-changed`), or the user's department changed (`scope-changed`: the sessions
 * stay good, but a stream opened for the old department must end; the browser reopens it).
 */
export type SessionEndReason =
  'logout' | 'disabled' | 'role-changed' | 'password-changed' | 'token-reuse' | 'scope-changed';

/**
 * On the live channel: the sessions of a user ended (one session when `sessionId` is given, all of
 * them otherwise). Every API instance ends the live streams of those sessions at once; the message
 * itself never reaches a browser.
 */
export interface SessionEndedMessage {
  type: typeof SESSION_ENDED;
  userId: string;
  sessionId?: string;
  reason: SessionEndReason;
}

export function isSessionEnded(message: { type: string }): message is SessionEndedMessage {
  return message.type === SESSION_ENDED;
}

/**
 * Tells every API instance that sessions ended (logout, disabling, role or password change, a reused
 * refresh token), after the revocation is committed. Best-effort like the figures messages: when Redis
 * is away the streams still end within one keep-alive period, as each re-checks its session then.
 */
@Injectable()
export class SessionEvents {
  private readonly logger = new Logger(SessionEvents.name);

  constructor(
    @Inject(API_REDIS) private readonly redis: Redis,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  async ended(userId: string, reason: SessionEndReason, sessionId?: string): Promise<void> {
    const message: SessionEndedMessage = {
      type: SESSION_ENDED,
      userId,
      reason,
      ...(sessionId ? { sessionId } : {}),
    };
    try {
      await this.redis.publish(liveChannel(this.config.QUEUE_PREFIX), JSON.stringify(message));
    } catch (error) {
      this.logger.warn(
        `session end not published (streams end at their next check): ${(error as Error).message}`,
      );
    }
  }
}
