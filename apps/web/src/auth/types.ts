/** The four roles of domain §1. */
export const ROLES = ['admin', 'bureau', 'leader', 'department'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A user as the API shows it (`GET /api/me`, `GET /api/users`). */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
  enabled: boolean;
}

/** The answer of `POST /api/auth/login` and `POST /api/auth/refresh`. */
export interface SignInResult {
  accessToken: string;
  /** Seconds the access token stays valid. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  user: SessionUser;
}
