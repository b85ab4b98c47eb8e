import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  buildUrl,
  http,
  send,
  setAuthTokenProvider,
  setReauthenticator,
  setSessionRenewer,
  setLanguageProvider,
  setUnauthorizedHandler,
} from './http';

function jsonResponse(status: number, body: unknown, statusText = ''): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

function mockFetch(response: Response | Error) {
  const fetchMock = vi.fn(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setAuthTokenProvider(null);
  setUnauthorizedHandler(null);
  setSessionRenewer(null);
  setReauthenticator(null);
  setLanguageProvider(null);
});

describe('http', () => {
  it('sends JSON under /api and returns the parsed body', async () => {
    const fetchMock = mockFetch(jsonResponse(201, { id: '7' }));
    await expect(http.post('/projects', { name: 'x' })).resolves.toEqual({ id: '7' });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/projects');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"name":"x"}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('asks for messages in the chosen language and keeps the error code and params', async () => {
    setLanguageProvider(() => 'en');
    const fetchMock = mockFetch(
      jsonResponse(400, {
        statusCode: 400,
        error: 'Bad Request',
        code: 'date_in_future',
        params: { field: 'at', today: '2026-12-07' },
        message: 'at: must not be in the future (today is 2026-12-07)',
      }),
    );
    const failure = await http.post('/projects/7/funds', {}).catch((error: unknown) => error);
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>)['Accept-Language']).toBe('en');
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: 'date_in_future', params: { field: 'at' }, fromServer: true });
  });

  it('throws a typed ApiError from the server error envelope', async () => {
    mockFetch(
      jsonResponse(409, {
        statusCode: 409,
        error: 'Conflict',
        message: 'stage cannot go back',
        stage: 'signed',
      }),
    );
    const error = await http.get('/projects/1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      message: 'stage cannot go back',
      body: { stage: 'signed' },
    });
  });

  it('makes an ApiError from a non-JSON failure', async () => {
    mockFetch(new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error = (await http.get('/health').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.statusCode).toBe(502);
    expect(error.error).toBe('Bad Gateway');
  });

  it('reports an unreachable server as statusCode 0', async () => {
    mockFetch(new TypeError('Failed to fetch'));
    const error = (await http.get('/health').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.statusCode).toBe(0);
    expect(error.isNetworkError).toBe(true);
    expect(error.message).toBe('Failed to fetch');
  });

  it('returns the body of an accepted non-2xx status', async () => {
    mockFetch(jsonResponse(503, { status: 'error', db: 'down' }));
    await expect(send('GET', '/health', { acceptStatuses: [503] })).resolves.toEqual({
      status: 503,
      data: { status: 'error', db: 'down' },
    });
  });

  it('attaches the bearer token from the registered provider and reports 401', async () => {
    const fetchMock = mockFetch(
      jsonResponse(401, { statusCode: 401, error: 'Unauthorized', message: 'bad token' }),
    );
    const onUnauthorized = vi.fn();
    setAuthTokenProvider(() => 'tok-123');
    setUnauthorizedHandler(onUnauthorized);
    await expect(http.get('/me')).rejects.toMatchObject({ statusCode: 401 });
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok-123');
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('a session over while a form is open: signs in again in place and sends the call once more', async () => {
    const answers = [
      jsonResponse(401, { statusCode: 401, error: 'Unauthorized', message: 'expired' }),
      jsonResponse(201, { id: '9' }),
    ];
    const fetchMock = vi.fn(async () => answers.shift()!);
    vi.stubGlobal('fetch', fetchMock);
    let token = 'old';
    setAuthTokenProvider(() => token);
    setSessionRenewer(async () => false); // the refresh cookie is refused: the session is over
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    setReauthenticator(async () => {
      token = 'new'; // the user signed in again in the dialog
      return true;
    });
    await expect(http.post('/projects/5/funds', { amount: '1.00' })).resolves.toEqual({ id: '9' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const replay = (fetchMock.mock.calls[1] as unknown as [string, RequestInit])[1];
    expect((replay.headers as Record<string, string>).Authorization).toBe('Bearer new');
    expect(replay.body).toBe('{"amount":"1.00"}');
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('a session over with no form open (or sign-in given up) fails the call and reports the 401', async () => {
    mockFetch(jsonResponse(401, { statusCode: 401, error: 'Unauthorized', message: 'expired' }));
    setAuthTokenProvider(() => 'old');
    setSessionRenewer(async () => false);
    setReauthenticator(async () => false);
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    await expect(http.post('/projects/5/funds', {})).rejects.toMatchObject({ statusCode: 401 });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('builds query strings, skipping empty values', () => {
    expect(buildUrl('/projects', { stage: 'signed', q: '', page: 2, ids: ['a', 'b'], none: undefined })).toBe(
      '/api/projects?stage=signed&page=2&ids=a&ids=b',
    );
  });
});
