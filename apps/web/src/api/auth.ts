import type { SessionUser, SignInResult } from '../auth/types';
import { request } from './http';

/** `POST /api/auth/login`: a 401 (wrong credentials) or 429 (throttled) is thrown as an ApiError. */
export function signIn(username: string, password: string): Promise<SignInResult> {
  return request<SignInResult>('POST', '/auth/login', { body: { username, password }, auth: false });
}

/** `POST /api/auth/refresh` with the httpOnly cookie (the browser sends it); 401 when the session ended. */
export function refreshSession(): Promise<SignInResult> {
  return request<SignInResult>('POST', '/auth/refresh', { body: {}, auth: false });
}

/** `POST /api/auth/logout` for the given access token (clears the refresh cookie). */
export async function signOut(accessToken: string): Promise<void> {
  await request<void>('POST', '/auth/logout', {
    auth: false,
    headers: { Authorization: `Bearer ${accessToken}` },
  });
}

/** `GET /api/me`. */
export function fetchMe(): Promise<SessionUser> {
  return request<SessionUser>('GET', '/me');
}
