import type { ApiErrorBody, Page } from '@luodi/contracts';

/** Every API route lives under this prefix (same origin; the dev server proxies it). */
export const API_BASE = '/api';

/**
 * An error answered by the API (its `{ statusCode, error, message }` envelope), or made up here when
 * the server could not be reached (`statusCode` 0) or did not answer JSON.
 */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly error: string;
  /** The whole parsed body, with any extra detail (e.g. the bad rows of an import). */
  readonly body: unknown;
  /** The server's stable error code (its error catalog), when the answer was an error envelope. */
  readonly code: string | undefined;
  /** What the message is about, e.g. `{ field: 'at', today: '2026-12-07' }`. */
  readonly params: Record<string, unknown>;
  /** False when `message` is not the server's own words (no envelope, network failure). */
  readonly fromServer: boolean;

  constructor(statusCode: number, error: string, message: string, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.error = error;
    this.body = body;
    const envelope = isErrorEnvelope(body) ? (body as Partial<ApiErrorBody>) : null;
    this.code = typeof envelope?.code === 'string' ? envelope.code : undefined;
    this.params =
      envelope?.params && typeof envelope.params === 'object'
        ? (envelope.params as Record<string, unknown>)
        : {};
    this.fromServer = envelope !== null;
  }

  get isNetworkError(): boolean {
    return this.statusCode === 0;
  }
}

/** The UI language, sent as Accept-Language so the server answers its messages in it. */
export type LanguageProvider = () => string | null | undefined;

let languageProvider: LanguageProvider | null = null;

/** The single place the chosen language enters requests (the locale store registers it). */
export function setLanguageProvider(provider: LanguageProvider | null): void {
  languageProvider = provider;
}

export type AuthTokenProvider = () => string | null | undefined | Promise<string | null | undefined>;
export type UnauthorizedHandler = (error: ApiError) => void;
/**
 * Asked once when a call sent with `rejectedToken` answers 401: resolve true when there is a new token
 * to replay the call with (e.g. after a silent refresh), false when the session is over.
 */
export type SessionRenewer = (rejectedToken: string) => Promise<boolean>;

/**
 * Asked when a call finds the session over (renewing failed): resolve true once the user has signed in
 * again (the call is then sent once more with the new token), false to fail it.
 */
export type Reauthenticator = () => Promise<boolean>;

let authTokenProvider: AuthTokenProvider | null = null;
let reauthenticator: Reauthenticator | null = null;
let unauthorizedHandler: UnauthorizedHandler | null = null;
let sessionRenewer: SessionRenewer | null = null;

/**
 * The single place a bearer token enters requests: the auth store registers a function returning the
 * current token (or nothing when signed out). Pass null to remove it.
 */
export function setAuthTokenProvider(provider: AuthTokenProvider | null): void {
  authTokenProvider = provider;
}

/** Called on every 401 answer that renewing the session could not cure (e.g. to go to the login page). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

/** Registers how the user signs in again when a call finds the session over. Null to remove. */
export function setReauthenticator(handler: Reauthenticator | null): void {
  reauthenticator = handler;
}

/** Registers how a rejected token is renewed before a call is replayed (once). Null to remove. */
export function setSessionRenewer(renewer: SessionRenewer | null): void {
  sessionRenewer = renewer;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue | QueryValue[]>;
  /** Sent as JSON unless it is FormData (e.g. a file upload). */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Statuses (besides 2xx) whose body is a normal answer rather than an error, e.g. 503 for
   * `GET /api/health`, which describes what is down.
   */
  acceptStatuses?: readonly number[];
  /**
   * false: send no bearer token and leave a 401 to the caller (sign-in and refresh calls, whose 401
   * means "wrong password" or "session over", not "renew and replay").
   */
  auth?: boolean;
  /** 'blob': read a successful answer as a Blob (file downloads); errors are still parsed as JSON. */
  responseType?: 'json' | 'blob';
}

/** Internal: whether this is already the replay of a call answered 401. */
interface SendState {
  replayed: boolean;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  headers?: Headers;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const url = `${API_BASE}${path.startsWith('/') ? path : `/${path}`}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') params.append(key, String(item));
    }
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

function isErrorEnvelope(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate.statusCode === 'number' && typeof candidate.message !== 'undefined';
}

/** Turn a failed answer into an ApiError, from the envelope when there is one. */
export function toApiError(status: number, statusText: string, body: unknown): ApiError {
  if (isErrorEnvelope(body)) {
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message);
    return new ApiError(
      body.statusCode,
      typeof body.error === 'string' ? body.error : statusText,
      message,
      body,
    );
  }
  const text =
    typeof body === 'string' && body.trim() ? body.trim().slice(0, 200) : statusText || `HTTP ${status}`;
  return new ApiError(status, statusText || 'Error', text, body);
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** Send a request and return the status with the parsed body; throws ApiError for a failure. */
export function send<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  return sendOnce<T>(method, path, options, { replayed: false });
}

async function sendOnce<T>(
  method: string,
  path: string,
  options: RequestOptions,
  state: SendState,
): Promise<ApiResponse<T>> {
  const language = languageProvider?.();
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...(language ? { 'Accept-Language': language } : {}),
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const useAuth = options.auth !== false;
  const token = useAuth && authTokenProvider ? await authTokenProvider() : null;
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), { method, headers, body, signal: options.signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new ApiError(0, 'Network Error', message);
  }

  if (response.ok && options.responseType === 'blob') {
    return { status: response.status, data: (await response.blob()) as T, headers: response.headers };
  }
  const data = await readBody(response);
  if (response.ok || options.acceptStatuses?.includes(response.status)) {
    return { status: response.status, data: data as T };
  }
  const error = toApiError(response.status, response.statusText, data);
  if (response.status === 401 && useAuth) {
    // An expired access token: renew it (one refresh shared by every call that failed) and replay once.
    // When renewing itself fails (server unreachable) the session may still be alive: just fail this call.
    if (token && sessionRenewer && !state.replayed) {
      let renewed: boolean;
      try {
        renewed = await sessionRenewer(token);
      } catch {
        throw error;
      }
      if (renewed) return sendOnce<T>(method, path, options, { replayed: true });
      // The session is over: a form still open keeps its input, the user signs in again, and the
      // call is sent once more.
      if (reauthenticator && (await reauthenticator()))
        return sendOnce<T>(method, path, options, { replayed: true });
    }
    unauthorizedHandler?.(error);
  }
  throw error;
}

/** Send a request and return only the parsed body. */
export async function request<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  return (await send<T>(method, path, options)).data;
}

/** The file name a download answer suggests (RFC 5987 `filename*` first), or the fallback. */
export function fileNameOf(headers: Headers | undefined, fallback: string): string {
  const disposition = headers?.get('content-disposition') ?? '';
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Download a file answer (with the bearer token, unlike a plain link) and hand it to the browser as a
 * save, under the name the server suggests.
 */
export async function download(path: string, options: RequestOptions & { fileName: string }): Promise<void> {
  const answer = await send<Blob>('GET', path, { ...options, responseType: 'blob' });
  const url = URL.createObjectURL(answer.data);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameOf(answer.headers, options.fileName);
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

/** One page of a list: `GET path?…query&page=&pageSize=` (blank values are left out of the address). */
export const getPage = <T>(path: string, query: RequestOptions['query'], page: number, pageSize: number) =>
  http.get<Page<T>>(path, { query: { ...query, page, pageSize } });

/** The named fields of a list's filters, in that order: the query of `getPage`. */
export function fieldsOf<F extends object, K extends keyof F>(filters: F, keys: readonly K[]): Pick<F, K> {
  return Object.fromEntries(keys.map((key) => [key, filters[key]])) as Pick<F, K>;
}
