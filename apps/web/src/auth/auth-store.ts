import { computed, readonly, ref, shallowRef } from 'vue';
import { refreshSession, signIn, signOut } from '../api/auth';
import { hasOpenForm } from './reauth';
import { ApiError } from '../api/http';
import type { SessionUser, SignInResult } from './types';

/** Why a session ended without the user asking: the refresh token was refused. */
export type SessionEndReason = 'expired';

export type SessionStatus = 'unknown' | 'signed-in' | 'signed-out';

export interface AuthApi {
  signIn(username: string, password: string): Promise<SignInResult>;
  /** Uses the httpOnly refresh cookie; a 401 means the session is over. */
  refresh(): Promise<SignInResult>;
  signOut(accessToken: string): Promise<void>;
}

export interface AuthStoreOptions {
  api?: AuthApi;
  /** Refresh this long before the access token runs out (default 60 s). */
  refreshMarginMs?: number;
  /** Wait before retrying a scheduled refresh the server did not answer (default 30 s). */
  retryDelayMs?: number;
  /**
   * Runs one refresh at a time across the browser's tabs (they share the refresh cookie, and a refresh
   * token spent twice ends the session). Defaults to the Web Locks API when there is one.
   */
  crossTabLock?: <T>(task: () => Promise<T>) => Promise<T>;
}

const defaultApi: AuthApi = { signIn, refresh: refreshSession, signOut };

function webLocks<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? (locks.request('luodi.auth.refresh', task) as Promise<T>) : task();
}

/** The server says this session cannot be refreshed (as opposed to "could not be reached"). */
function isSessionRefused(error: unknown): boolean {
  return error instanceof ApiError && [400, 401, 403].includes(error.statusCode);
}

/**
 * The signed-in user and the access token. The token lives in this closure only (never in storage);
 * the refresh token is an httpOnly cookie the browser sends to /api/auth. The session is restored on
 * start with a silent refresh, kept alive by a refresh shortly before the token expires, and renewed
 * once when a call answers 401; concurrent renewals share one refresh.
 */
export function createAuthStore(options: AuthStoreOptions = {}) {
  const api = options.api ?? defaultApi;
  const marginMs = options.refreshMarginMs ?? 60_000;
  const retryDelayMs = options.retryDelayMs ?? 30_000;
  const lock = options.crossTabLock ?? webLocks;

  const user = shallowRef<SessionUser | null>(null);
  const status = ref<SessionStatus>('unknown');
  let accessToken: string | null = null;
  /** Bumped whenever the access token changes (sign-in, silent refresh, sign-out): for live streams. */
  const tokenVersion = ref(0);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let refreshing: Promise<boolean> | null = null;
  let restoring: Promise<void> | null = null;
  const endedListeners = new Set<(reason: SessionEndReason) => void>();

  function stopTimer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function scheduleRefresh(delayMs: number): void {
    stopTimer();
    timer = setTimeout(() => {
      timer = null;
      refresh().catch(() => {
        // Unreachable server: try again while the token may still be good (a 401 ends it anyway).
        if (status.value === 'signed-in') scheduleRefresh(retryDelayMs);
      });
    }, delayMs);
  }

  function accept(result: SignInResult): void {
    accessToken = result.accessToken;
    tokenVersion.value++;
    user.value = result.user;
    status.value = 'signed-in';
    const lifetimeMs = Math.max(0, result.expiresIn) * 1000;
    // Shortly before expiry, but never in the first half of a (short) lifetime.
    scheduleRefresh(Math.max(lifetimeMs - marginMs, lifetimeMs / 2));
  }

  function clear(): void {
    stopTimer();
    if (accessToken !== null) tokenVersion.value++;
    accessToken = null;
    user.value = null;
    status.value = 'signed-out';
  }

  function end(reason: SessionEndReason): void {
    const wasSignedIn = status.value === 'signed-in';
    // A form is open: the page (and what the user may do on it) stays while they sign in again in
    // place; only the token is gone.
    const kept = reason === 'expired' && hasOpenForm() ? user.value : null;
    clear();
    if (kept) user.value = kept;
    if (wasSignedIn) for (const listener of endedListeners) listener(reason);
  }

  /**
   * Trade the refresh cookie for a new access token. One refresh at a time: concurrent callers share
   * it. Resolves false when the server refused (the session is over, and is cleared); throws when the
   * server could not be reached (the session is kept).
   */
  function refresh(): Promise<boolean> {
    refreshing ??= (async () => {
      try {
        accept(await lock(() => api.refresh()));
        return true;
      } catch (error) {
        if (!isSessionRefused(error)) throw error;
        end('expired');
        return false;
      }
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** Restore the session on start (once); resolves when its outcome is known. */
  function ready(): Promise<void> {
    restoring ??= refresh().then(
      () => undefined,
      () => {
        if (status.value === 'unknown') clear();
      },
    );
    return restoring;
  }

  /**
   * For http.ts: a call made with `rejectedToken` answered 401. True when there is a (new) token to
   * replay the call with.
   */
  async function renew(rejectedToken: string): Promise<boolean> {
    if (accessToken && accessToken !== rejectedToken) return true; // another call already renewed
    if (status.value !== 'signed-in') return false;
    return refresh();
  }

  /** For http.ts: a 401 that renewing could not cure. */
  function handleUnauthorized(): void {
    if (status.value === 'signed-in') end('expired');
  }

  async function login(username: string, password: string): Promise<SessionUser> {
    const result = await api.signIn(username, password);
    accept(result);
    return result.user;
  }

  /** Sign out: forget the token at once, then end the session on the server (clears the cookie). */
  async function logout(): Promise<void> {
    const token = accessToken;
    clear();
    if (token) await api.signOut(token).catch(() => undefined);
  }

  function onSessionEnded(listener: (reason: SessionEndReason) => void): () => void {
    endedListeners.add(listener);
    return () => endedListeners.delete(listener);
  }

  return {
    user: readonly(user),
    status: readonly(status),
    role: computed(() => user.value?.role ?? null),
    isSignedIn: computed(() => status.value === 'signed-in'),
    /** The current access token (null when signed out); for the Authorization header only. */
    token: (): string | null => accessToken,
    /** Changes whenever `token()` does (a reactive signal; the token itself stays out of reactive state). */
    tokenVersion: readonly(tokenVersion),
    ready,
    refresh,
    renew,
    handleUnauthorized,
    login,
    logout,
    onSessionEnded,
  };
}

export type AuthStore = ReturnType<typeof createAuthStore>;

let appStore: AuthStore | null = null;

/** The app-wide auth store (created on first use). */
export function useAuth(): AuthStore {
  appStore ??= createAuthStore();
  return appStore;
}
