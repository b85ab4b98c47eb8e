import type { Caller, Expected, MatrixContext, MatrixRow } from './access-matrix';

/** The signed-in callers. */
type Role = Exclude<Caller, 'anonymous'>;

/** `status` for the roles named, 403 for the other signed-in callers, 401 without a sign-in. */
export function only(status: number, ...roles: Role[]): Record<Caller, number> {
  const answer = (role: Role) => (roles.includes(role) ? status : 403);
  return {
    anonymous: 401,
    admin: answer('admin'),
    bureau: answer('bureau'),
    leader: answer('leader'),
    department: answer('department'),
  };
}

/** Every signed-in caller. */
export const everyone = (status: number) => only(status, 'admin', 'bureau', 'leader', 'department');
/** Writes of projects, key works and lists: the bureau and admins. */
export const editors = (status: number) => only(status, 'admin', 'bureau');
/** Exports and district-wide reports: everyone but department users. */
export const exporters = (status: number) => only(status, 'admin', 'bureau', 'leader');
export const adminOnly = (status: number) => only(status, 'admin');
/** Reads of a department's record: the department user sees its own, and gets 404 for another's. */
export const scopedRead: Record<Caller, Expected> = {
  anonymous: 401,
  admin: 200,
  bureau: 200,
  leader: 200,
  department: { own: 200, other: 404 },
};
/** For a department user: `own` for a record of their own department, 404 for another's. */
export const ownOther = (own: number) => ({ own, other: 404 });

/** A row whose request is the route's own path (and `query`, if any): no parameters, no body. */
export function pathRow(route: string, expect: Record<Caller, Expected>, query = ''): MatrixRow {
  const path = route.slice(route.indexOf(' ') + 1);
  return { route, request: () => ({ path: query ? `${path}?${query}` : path }), expect };
}

/** A feature's part of the context (the feature's file declares it and its `<key>Context(stack)` makes it). */
export function contextPart<K extends keyof MatrixContext>(
  context: MatrixContext,
  key: K,
): NonNullable<MatrixContext[K]> {
  const part = context[key];
  if (part === undefined || part === null)
    throw new Error(`MatrixContext.${key} is missing: merge ${key}Context(stack)`);
  return part;
}
