/** Roles of domain §1. */
export const Role = {
  Admin: 'admin',
  Bureau: 'bureau',
  Leader: 'leader',
  Department: 'department',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ALL_ROLES: readonly Role[] = Object.values(Role);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}

/** Who is calling, as established by the server from a verified token — never from the request body. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  /** Set for `department` users (and optional for others). */
  departmentId: string | null;
  sessionId: string;
}

/**
 * What a principal may read: everything, or only what touches one department. Data access code takes
 * a scope (never a department id from the request) and filters by it.
 */
export type AccessScope = { kind: 'all' } | { kind: 'department'; departmentId: string };

export function scopeOf(principal: Pick<Principal, 'role' | 'departmentId'>): AccessScope {
  if (principal.role !== Role.Department) return { kind: 'all' };
  if (!principal.departmentId) throw new Error('a department user without a department has no scope');
  return { kind: 'department', departmentId: principal.departmentId };
}

/** True when a record owned by `departmentId` is visible in the scope. */
export function scopeAllows(scope: AccessScope, departmentId: string | null | undefined): boolean {
  return (
    scope.kind === 'all' ||
    (departmentId !== null && departmentId !== undefined && scope.departmentId === departmentId)
  );
}
