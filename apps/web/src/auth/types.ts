/** The four roles of domain §1. */
export const ROLES = ['admin', 'bureau', 'leader', 'department'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The user and sign-in answers (`GET /api/me`, `POST /api/auth/login`): contract in libs/contracts. */
export type { SessionUser, SignInResult } from '@luodi/contracts';
