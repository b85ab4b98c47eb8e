import {
  applyDecorators,
  Controller,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AccessScope, ALL_ROLES, type Principal, type Role, scopeOf } from '@luodi/domain';

export const ACCESS_RULE = 'luodi:access-rule';

export type AccessRule = { public: true } | { public: false; roles: readonly Role[] };

/** Anyone may call the route, signed in or not. */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { public: true } satisfies AccessRule);

/**
 * The roles that may call the route. Every route declares a rule (Public or Roles): a route without
 * one is refused to everybody (deny by default).
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { public: false, roles } satisfies AccessRule);

/** Every signed-in role may call the route (a department user still sees only its own records). */
export const AnyRole = (): MethodDecorator & ClassDecorator => Roles(...ALL_ROLES);

/** A controller of the API under `/api/<path>`: its routes take a bearer token, shown under `tag` in the docs. */
export const ApiController = (path: string, tag: string): ClassDecorator =>
  applyDecorators(ApiTags(tag), ApiBearerAuth(), Controller(path));

export const QUERY_TOKEN = 'luodi:query-token';

/** The access token may come as `?access_token=` (EventSource cannot send an Authorization header). */
export const QueryToken = (): MethodDecorator => SetMetadata(QUERY_TOKEN, true);

export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The signed-in caller, as established by the access guard from a verified token. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new Error('CurrentPrincipal used on a route without a signed-in caller');
    return principal;
  },
);

/** What the caller may read: derived from the token, never from the request. */
export const CurrentScope = createParamDecorator((_data: unknown, context: ExecutionContext): AccessScope => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentScope used on a route without a signed-in caller');
  return scopeOf(principal);
});
