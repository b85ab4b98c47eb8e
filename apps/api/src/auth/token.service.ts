import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { ApiConfig } from '@luodi/config';
import { API_CONFIG } from '../config/api-config.module';

export interface AccessClaims {
  sub: string;
  sid: string;
}

const ISSUER = 'luodi';
const AUDIENCE = 'luodi-api';

/**
 * Short-lived access tokens (JWT, HS256) that name their session, and opaque refresh tokens
 * `<sessionId>.<secret>` of which only a SHA-256 hash is stored.
 */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    this.jwt = new JwtService({
      secret: config.JWT_SECRET,
      signOptions: { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE },
      verifyOptions: { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE },
    });
  }

  get accessTtlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  get refreshTtlSeconds(): number {
    return this.config.REFRESH_TOKEN_TTL_SECONDS;
  }

  signAccess(claims: AccessClaims): string {
    return this.jwt.sign(
      { sid: claims.sid },
      { subject: claims.sub, expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS },
    );
  }

  /** The claims of a valid, unexpired access token, or null. */
  verifyAccess(token: string): AccessClaims | null {
    try {
      const payload = this.jwt.verify<{ sub?: unknown; sid?: unknown }>(token);
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
      return { sub: payload.sub, sid: payload.sid };
    } catch {
      return null;
    }
  }

  newSessionId(): string {
    return randomUUID();
  }

  newRefreshToken(sessionId: string): { token: string; hash: string } {
    const token = `${sessionId}.${randomBytes(32).toString('base64url')}`;
    return { token, hash: this.hashRefresh(token) };
  }

  hashRefresh(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  /** The session id a refresh token claims (checked against the stored hash before use). */
  sessionOf(refreshToken: string): string | null {
    const match = /^([0-9a-f-]{36})\.[A-Za-z0-9_-]{20,}$/.exec(refreshToken);
    return match ? match[1]! : null;
  }
}
