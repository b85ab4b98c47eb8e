import { Injectable, Logger } from '@nestjs/common';
import { DomainError, normaliseUsername, type Principal } from '@luodi/domain';
import {
  appendAudit,
  DepartmentRepository,
  SessionRepository,
  Transactions,
  type UserEntity,
  UserRepository,
} from '@luodi/persistence';
import { SessionEvents } from '../live/session-events';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { currentActor } from './request-context';
import { TokenService } from './token.service';
import type { LoginResultDto, UserViewDto } from './auth.dto';
import { Clock } from '@luodi/server-core';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly users: UserRepository,
    private readonly departments: DepartmentRepository,
    private readonly sessions: SessionRepository,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly sessionEvents: SessionEvents,
    private readonly clock: Clock,
  ) {}

  /** Sign in. The answer never tells whether the username exists or the account is disabled. */
  async login(rawUsername: string, password: string, client: ClientInfo): Promise<LoginResultDto> {
    // One form for the throttle and the lookup alike: a spelling the collation would fold ("victim ",
    // full-width, other case) counts against the same throttle; an invisible character is a 400.
    const username = normaliseUsername(rawUsername);
    await this.throttle.reserveAttempt(username, client.ip);
    const found = await this.users.findByUsername(username);
    // The collation also ignores accents and some other differences: only the exact stored form counts.
    const user = found && found.username === username ? found : null;
    const passwordOk = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !passwordOk || !user.enabled) {
      await appendAudit(
        this.transactions.manager,
        { ...currentActor(), username: null, userId: null },
        {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          after: { username, reason: !user ? 'unknown user' : !passwordOk ? 'wrong password' : 'disabled' },
        },
      );
      throw DomainError.coded('unauthorized', 'wrong_credentials');
    }
    await this.throttle.succeeded(username, client.ip);
    const now = this.clock.now();
    const sessionId = this.tokens.newSessionId();
    const refresh = this.tokens.newRefreshToken(sessionId);
    await this.transactions.runOnce(async (manager) => {
      await this.sessions.create(
        {
          id: sessionId,
          userId: user.id,
          refreshTokenHash: refresh.hash,
          createdAt: now,
          lastUsedAt: now,
          expiresAt: new Date(now.getTime() + this.tokens.refreshTtlSeconds * 1000),
          revokedAt: null,
          ip: client.ip.slice(0, 64),
          userAgent: client.userAgent?.slice(0, 255) ?? null,
        },
        manager,
      );
      await appendAudit(
        manager,
        { ...currentActor(), userId: user.id, username: user.username },
        {
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
          after: { sessionId },
        },
      );
    });
    return {
      accessToken: this.tokens.signAccess({ sub: user.id, sid: sessionId }),
      expiresIn: this.tokens.accessTtlSeconds,
      refreshToken: refresh.token,
      refreshExpiresIn: this.tokens.refreshTtlSeconds,
      user: await this.view(user),
    };
  }

  /** Exchange a refresh token for new tokens; the old refresh token stops working. */
  async refresh(refreshToken: string): Promise<LoginResultDto> {
    const sessionId = this.tokens.sessionOf(refreshToken);
    if (!sessionId) throw DomainError.coded('unauthorized', 'refresh_token_invalid');
    const now = this.clock.now();
    const next = this.tokens.newRefreshToken(sessionId);
    const rotated = await this.sessions.rotate(
      sessionId,
      this.tokens.hashRefresh(refreshToken),
      next.hash,
      now,
      new Date(now.getTime() + this.tokens.refreshTtlSeconds * 1000),
    );
    if (!rotated) {
      const session = await this.sessions.findById(sessionId);
      if (
        session &&
        !session.revokedAt &&
        session.refreshTokenHash !== this.tokens.hashRefresh(refreshToken)
      ) {
        // An old refresh token came back: it was copied. End the session for everybody holding it.
        await this.sessions.revoke(sessionId, now);
        await appendAudit(this.transactions.manager, currentActor(), {
          action: 'auth.refresh_reused',
          entityType: 'user',
          entityId: session.userId,
          after: { sessionId },
        });
        this.logger.warn(`refresh token reuse on session ${sessionId}: session revoked`);
        await this.sessionEvents.ended(session.userId, 'token-reuse', sessionId);
      }
      throw DomainError.coded('unauthorized', 'refresh_token_invalid');
    }
    const live = await this.sessions.findLive(sessionId, now);
    const user = live ? await this.users.findById(live.userId) : null;
    if (!live || !user) throw DomainError.coded('unauthorized', 'refresh_token_invalid');
    return {
      accessToken: this.tokens.signAccess({ sub: user.id, sid: sessionId }),
      expiresIn: this.tokens.accessTtlSeconds,
      refreshToken: next.token,
      refreshExpiresIn: this.tokens.refreshTtlSeconds,
      user: await this.view(user),
    };
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.revoke(principal.sessionId, this.clock.now());
    await appendAudit(this.transactions.manager, currentActor(), {
      action: 'auth.logout',
      entityType: 'user',
      entityId: principal.userId,
      after: { sessionId: principal.sessionId },
    });
    // Its live streams end too, on whichever API instance holds them.
    await this.sessionEvents.ended(principal.userId, 'logout', principal.sessionId);
  }

  /** The principal behind a valid access token whose session and user are still good, or null. */
  async principalOf(accessToken: string): Promise<Principal | null> {
    const claims = this.tokens.verifyAccess(accessToken);
    if (!claims) return null;
    const live = await this.sessions.findLive(claims.sid, this.clock.now());
    if (!live || live.userId !== claims.sub) return null;
    return {
      userId: live.userId,
      username: live.username,
      role: live.role,
      departmentId: live.departmentId,
      sessionId: live.sessionId,
    };
  }

  async me(principal: Principal): Promise<UserViewDto> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw DomainError.coded('unauthorized', 'user_gone');
    return this.view(user);
  }

  async view(user: UserEntity): Promise<UserViewDto> {
    const department = user.departmentId ? await this.departments.findById(user.departmentId) : null;
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      departmentId: user.departmentId,
      departmentName: department?.name ?? null,
      enabled: user.enabled,
    };
  }
}
