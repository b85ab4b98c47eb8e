import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import { SERVER_CONFIG } from '@luodi/server-core';
import type { Redis } from 'ioredis';
import { API_REDIS } from '../redis/redis.module';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@luodi/domain';
import { appendAudit, Transactions } from '@luodi/persistence';
import type { FastifyRequest } from 'fastify';
import { ClsService } from 'nestjs-cls';
import { ACCESS_RULE, type AccessRule, type AuthenticatedRequest, QUERY_TOKEN } from './access.decorators';
import { AuthService } from './auth.service';
import { CONTEXT_PRINCIPAL, currentActor } from './request-context';

/**
 * The one access check, on every route (global guard):
 * - a route must declare @Public() or @Roles(...): one that declares nothing is refused (deny by default);
 * - a bearer access token must verify, and its session and user must still be live (so logout and
 *   disabling a user take effect at once) → otherwise 401;
 * - the caller's role must be listed → otherwise 403, recorded in the audit trail.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly cls: ClsService,
    private readonly transactions: Transactions,
    @Inject(API_REDIS) private readonly redis: Redis,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    if (!rule) {
      this.logger.error(`route ${route} declares no access rule: refused`);
      throw DomainError.coded('forbidden', 'route_closed');
    }
    if (rule.public) return true;

    const header = request.headers.authorization;
    let token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token && this.reflector.get<boolean | undefined>(QUERY_TOKEN, context.getHandler())) {
      const fromQuery = (request.query as Record<string, unknown>)['access_token'];
      token = typeof fromQuery === 'string' ? fromQuery : '';
    }
    if (!token) throw DomainError.coded('unauthorized', 'sign_in_required');
    const principal = await this.auth.principalOf(token);
    if (!principal) throw DomainError.coded('unauthorized', 'token_invalid');
    request.principal = principal;
    this.cls.set(CONTEXT_PRINCIPAL, principal);

    if (!rule.roles.includes(principal.role)) {
      // Recorded once a minute per user and route: a loop of refused calls cannot flood the trail.
      const key = `${this.config.QUEUE_PREFIX}:denied:${principal.userId}:${route}`;
      const first = await this.redis.set(key, '1', 'EX', 60, 'NX').catch(() => 'OK');
      if (first)
        await appendAudit(this.transactions.manager, currentActor(), {
          action: 'access.denied',
          entityType: 'route',
          entityId: route.slice(0, 64),
          after: { role: principal.role },
        });
      throw DomainError.coded('forbidden', 'role_not_allowed', { role: principal.role, route });
    }
    return true;
  }
}
