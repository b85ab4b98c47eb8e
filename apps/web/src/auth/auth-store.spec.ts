import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  http,
  setAuthTokenProvider,
  setReauthenticator,
  setSessionRenewer,
  setUnauthorizedHandler,
} from '../api/http';
import { holdOpenForm, requestSignIn } from './reauth';
import { createAuthStore, type AuthApi } from './auth-store';
import type { SessionUser, SignInResult } from './types';

const user: SessionUser = {
  id: '1',
  username: 'admin',
  displayName: '系统管理员',
  role: 'admin',
  departmentId: null,
  departmentName: null,
  enabled: true,
};

let issued = 0;
function session(expiresIn = 900): SignInResult {
  issued += 1;
  return { accessToken: `access-${issued}`, expiresIn, refreshToken: 'r', refreshExpiresIn: 86_400, user };
}

const unauthorized = () => new ApiError(401, 'Unauthorized', 'session ended');

function fakeApi(overrides: Partial<AuthApi> = {}) {
  return {
    signIn: vi.fn(async () => session()),
    refresh: vi.fn(async () => session()),
    signOut: vi.fn(async () => undefined),
    ...overrides,
  } satisfies AuthApi;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Wire a store to http.ts as the app does (connectAuth without the router). */
function connect(store: ReturnType<typeof createAuthStore>) {
  setAuthTokenProvider(() => store.token());
  setSessionRenewer((token) => store.renew(token));
  setUnauthorizedHandler(() => store.handleUnauthorized());
}

/** A server whose access tokens are valid only when listed in `valid`. */
function stubServer(valid: Set<string>) {
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    const header = (init.headers as Record<string, string>).Authorization ?? '';
    const token = header.replace('Bearer ', '');
    return valid.has(token)
      ? json(200, { token })
      : json(401, { statusCode: 401, error: 'Unauthorized', message: 'token expired' });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const direct = <T>(task: () => Promise<T>) => task();

describe('auth store', () => {
  beforeEach(() => {
    issued = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    setAuthTokenProvider(null);
    setSessionRenewer(null);
    setUnauthorizedHandler(null);
  });

  it('restores the session with a silent refresh on start', async () => {
    const api = fakeApi();
    const store = createAuthStore({ api, crossTabLock: direct });
    expect(store.status.value).toBe('unknown');
    await store.ready();
    await store.ready();
    expect(api.refresh).toHaveBeenCalledOnce();
    expect(store.status.value).toBe('signed-in');
    expect(store.user.value?.username).toBe('admin');
    expect(store.token()).toBe('access-1');
  });

  it('starts signed out, without a "session ended" notice, when there is no session to restore', async () => {
    const store = createAuthStore({
      api: fakeApi({ refresh: vi.fn(async () => Promise.reject(unauthorized())) }),
      crossTabLock: direct,
    });
    const ended = vi.fn();
    store.onSessionEnded(ended);
    await store.ready();
    expect(store.status.value).toBe('signed-out');
    expect(store.token()).toBeNull();
    expect(ended).not.toHaveBeenCalled();
  });

  it('keeps the token in memory only', async () => {
    const store = createAuthStore({ api: fakeApi(), crossTabLock: direct });
    await store.login('admin', 'secret passphrase');
    expect(store.token()).toBe('access-1');
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('access-1');
    expect(JSON.stringify({ ...window.sessionStorage })).not.toContain('access-1');
  });

  it('shares one refresh between concurrent 401s and replays each call once with the new token', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api = fakeApi({
      refresh: vi.fn(async () => {
        await gate;
        return session();
      }),
    });
    const store = createAuthStore({ api, crossTabLock: direct });
    await store.login('admin', 'secret passphrase'); // access-1, which the server no longer takes
    connect(store);
    const fetchMock = stubServer(new Set(['access-2']));

    const calls = Promise.all([http.get('/a'), http.get('/b'), http.get('/c')]);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(3));
    release();
    await expect(calls).resolves.toEqual([
      { token: 'access-2' },
      { token: 'access-2' },
      { token: 'access-2' },
    ]);
    expect(api.refresh).toHaveBeenCalledOnce();
    expect(fetchMock).toHaveBeenCalledTimes(6);
  });

  it('ends the session (once) when the refresh is refused, and the call fails', async () => {
    const api = fakeApi({ refresh: vi.fn(async () => Promise.reject(unauthorized())) });
    const store = createAuthStore({ api, crossTabLock: direct });
    await store.login('admin', 'secret passphrase');
    connect(store);
    stubServer(new Set());
    const ended = vi.fn();
    store.onSessionEnded(ended);

    const results = await Promise.allSettled([http.get('/a'), http.get('/b')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(api.refresh).toHaveBeenCalledOnce();
    expect(ended).toHaveBeenCalledOnce();
    expect(ended).toHaveBeenCalledWith('expired');
    expect(store.status.value).toBe('signed-out');
    expect(store.token()).toBeNull();
  });

  it('a session ending while a form is open keeps the page’s user, signs in again and sends the call once more', async () => {
    const api = fakeApi({ refresh: vi.fn(async () => Promise.reject(unauthorized())) });
    const store = createAuthStore({ api, crossTabLock: direct });
    await store.login('admin', 'secret passphrase');
    connect(store);
    const valid = new Set<string>();
    stubServer(valid);
    const release = holdOpenForm();
    // The sign-in dialog: the user types the password again.
    setReauthenticator(async () => {
      const asked = requestSignIn();
      // Meanwhile the page keeps its user (and what it may do), but there is no token.
      expect(store.user.value?.username).toBe('admin');
      expect(store.token()).toBeNull();
      await store.login('admin', 'secret passphrase');
      valid.add(store.token()!);
      const { settleSignIn } = await import('./reauth');
      settleSignIn(true);
      return asked;
    });
    const ended = vi.fn();
    store.onSessionEnded(ended);
    await expect(http.post('/projects/5/funds', { amount: '1.00' })).resolves.toEqual({ token: 'access-2' });
    expect(ended).toHaveBeenCalledWith('expired');
    expect(store.user.value?.username).toBe('admin');
    expect(store.status.value).toBe('signed-in');
    release();
    setReauthenticator(null);
  });

  it('replays a call only once: a second 401 ends the session', async () => {
    const api = fakeApi();
    const store = createAuthStore({ api, crossTabLock: direct });
    await store.login('admin', 'secret passphrase');
    connect(store);
    const fetchMock = stubServer(new Set()); // even the new token is refused
    const ended = vi.fn();
    store.onSessionEnded(ended);

    await expect(http.get('/a')).rejects.toMatchObject({ statusCode: 401 });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(api.refresh).toHaveBeenCalledOnce();
    expect(ended).toHaveBeenCalledOnce();
    expect(store.status.value).toBe('signed-out');
  });

  it('keeps the session when the refresh cannot reach the server', async () => {
    const api = fakeApi({
      refresh: vi.fn(async () => Promise.reject(new ApiError(0, 'Network Error', 'Failed to fetch'))),
    });
    const store = createAuthStore({ api, crossTabLock: direct });
    await store.login('admin', 'secret passphrase');
    connect(store);
    stubServer(new Set());
    await expect(http.get('/a')).rejects.toMatchObject({ statusCode: 401 });
    expect(store.status.value).toBe('signed-in');
  });

  it('refreshes silently shortly before the access token expires', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    const store = createAuthStore({ api, crossTabLock: direct, refreshMarginMs: 60_000 });
    await store.login('admin', 'secret passphrase');
    await vi.advanceTimersByTimeAsync(839_000);
    expect(api.refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(api.refresh).toHaveBeenCalledOnce();
    expect(store.token()).toBe('access-2');
    // and again for the new token
    await vi.advanceTimersByTimeAsync(840_000);
    expect(api.refresh).toHaveBeenCalledTimes(2);
  });

  it('logout clears the session and ends it on the server with the token it had', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    const store = createAuthStore({ api, crossTabLock: direct });
    await store.login('admin', 'secret passphrase');
    const ended = vi.fn();
    store.onSessionEnded(ended);

    await store.logout();
    expect(api.signOut).toHaveBeenCalledWith('access-1');
    expect(store.token()).toBeNull();
    expect(store.user.value).toBeNull();
    expect(store.role.value).toBeNull();
    expect(store.isSignedIn.value).toBe(false);
    expect(ended).not.toHaveBeenCalled();
    // No refresh is left scheduled.
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(api.refresh).not.toHaveBeenCalled();
  });

  it('logout still clears when the server cannot be reached', async () => {
    const api = fakeApi({ signOut: vi.fn(async () => Promise.reject(new Error('offline'))) });
    const store = createAuthStore({ api, crossTabLock: direct });
    await store.login('admin', 'secret passphrase');
    await expect(store.logout()).resolves.toBeUndefined();
    expect(store.token()).toBeNull();
  });
});
