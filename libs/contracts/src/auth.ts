import type { Role } from '@luodi/domain';

/** A user as the API shows it (`GET /api/me`, `GET /api/users`, and `POST/PATCH /api/users`). */
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
