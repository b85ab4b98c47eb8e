import { readonly, ref, shallowRef, watch, type Ref } from 'vue';
import type { FiguresChangedMessage } from '@luodi/contracts';
import type { AlertChange } from '../api/alerts';
import { buildUrl } from '../api/http';

/** What the stream needs of a browser EventSource (a fake one in tests). */
export interface EventSourceLike {
  onopen: ((event: Event) => unknown) | null;
  onerror: ((event: Event) => unknown) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

export interface EventStreamOptions {
  /** Opens a stream (default: the browser's EventSource; none when the environment has none). */
  create?: EventSourceFactory | null;
  /** The stream's address for a token (default `/api/events?access_token=…`). */
  url?: (token: string) => string;
  /** First wait before reconnecting after a drop (default 1 s); doubles each failed attempt… */
  initialDelayMs?: number;
  /** …up to this (default 30 s). */
  maxDelayMs?: number;
}

/** Changes that bring something new to attend to (counted as unread); the others only update state. */
const NOTIFYING: ReadonlySet<AlertChange['change']> = new Set(['raised', 'level_up']);

function defaultFactory(): EventSourceFactory | null {
  if (typeof EventSource === 'undefined') return null;
  return (url) => new EventSource(url) as EventSourceLike;
}

function parseObject(data: unknown): Record<string, unknown> | null {
  if (typeof data !== 'string') return null;
  try {
    const value = JSON.parse(data) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function parseChange(data: unknown): AlertChange | null {
  const value = parseObject(data);
  return value && typeof value.alertId === 'string' ? (value as unknown as AlertChange) : null;
}

function parseFigures(data: unknown): FiguresChangedMessage | null {
  const value = parseObject(data);
  return value && value.type === 'figures' ? (value as unknown as FiguresChangedMessage) : null;
}

/**
 * The live alert stream of one signed-in session: exactly one EventSource at a time, opened with the
 * current access token (EventSource cannot send headers, so it goes in the query), re-created when the
 * token changes, closed on sign-out. When the connection drops it is closed and reopened after an
 * exponential backoff (1 s, 2 s, 4 s … capped), reset once a connection opens.
 *
 * `changeSeq` is the signal to react to: it bumps on every alert message and also when the stream
 * reconnects after a drop (messages may have been missed meanwhile, so lists should reload).
 * `lastChange` is the last alert message; `unread` counts new alerts and level rises since `markRead()`.
 *
 * `figuresSeq` is the same signal for the figures (event `figures`: a project, funds, key-work report,
 * milestone, problem or notice changed): it bumps on every such message and on a reconnect after a drop; `lastFigures` is
 * the last of them.
 */
export function createEventStream(options: EventStreamOptions = {}) {
  const create = options.create === undefined ? defaultFactory() : options.create;
  const url = options.url ?? ((token: string) => buildUrl('/events', { access_token: token }));
  const initialDelayMs = options.initialDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;

  const lastChange = shallowRef<AlertChange | null>(null);
  const changeSeq = ref(0);
  const lastFigures = shallowRef<FiguresChangedMessage | null>(null);
  const figuresSeq = ref(0);
  const unread = ref(0);
  const connected = ref(false);

  let source: EventSourceLike | null = null;
  let token: string | null = null;
  let attempts = 0;
  let dropped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function closeSource(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (source) {
      const current = source;
      source = null;
      current.onopen = null;
      current.onerror = null;
      current.close();
    }
    connected.value = false;
  }

  function scheduleReconnect(): void {
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** attempts);
    attempts++;
    timer = setTimeout(() => {
      timer = null;
      open();
    }, delay);
  }

  function open(): void {
    if (!token || !create) return;
    const stream = create(url(token));
    source = stream;
    stream.onopen = () => {
      if (source !== stream) return;
      attempts = 0;
      connected.value = true;
      if (dropped) {
        dropped = false;
        changeSeq.value++;
        figuresSeq.value++;
      }
    };
    stream.onerror = () => {
      if (source !== stream) return;
      // Take over from the browser's own retry (which would hammer a refused token every few seconds).
      source = null;
      stream.onopen = null;
      stream.onerror = null;
      stream.close();
      connected.value = false;
      dropped = true;
      scheduleReconnect();
    };
    /** A message of this stream (not a replaced one), parsed; a malformed one is dropped. */
    const on = <T>(name: string, parse: (data: unknown) => T | null, take: (message: T) => void) =>
      stream.addEventListener(name, (event) => {
        if (source !== stream) return;
        const message = parse(event.data);
        if (message) take(message);
      });
    on('alert', parseChange, (change) => {
      lastChange.value = change;
      changeSeq.value++;
      if (NOTIFYING.has(change.change)) unread.value++;
    });
    on('figures', parseFigures, (message) => {
      lastFigures.value = message;
      figuresSeq.value++;
    });
  }

  /** Open the stream with this token; a new token replaces the open stream, the same one keeps it. */
  function start(accessToken: string): void {
    if (accessToken === token && (source || timer)) return;
    closeSource();
    token = accessToken;
    attempts = 0;
    open();
  }

  /** Close the stream and forget the session's state (sign-out). */
  function stop(): void {
    closeSource();
    token = null;
    attempts = 0;
    dropped = false;
    unread.value = 0;
    lastChange.value = null;
    lastFigures.value = null;
  }

  function markRead(): void {
    unread.value = 0;
  }

  return {
    lastChange: readonly(lastChange),
    changeSeq: readonly(changeSeq),
    lastFigures: readonly(lastFigures),
    figuresSeq: readonly(figuresSeq),
    unread: readonly(unread),
    connected: readonly(connected),
    start,
    stop,
    markRead,
    /** Whether a stream is open or about to be reopened (for tests and diagnostics). */
    isActive: (): boolean => source !== null || timer !== null,
  };
}

export type EventStream = ReturnType<typeof createEventStream>;

/** The parts of the auth store the stream follows. */
export interface StreamSession {
  status: Readonly<Ref<string>>;
  tokenVersion: Readonly<Ref<number>>;
  token(): string | null;
}

/**
 * Keep the stream in step with the session: open on sign-in, re-create on every new access token (a
 * silent refresh), close on sign-out. Returns the stop handle of the watcher.
 */
export function bindEventStream(stream: EventStream, session: StreamSession): () => void {
  return watch(
    [() => session.status.value, () => session.tokenVersion.value],
    () => {
      const token = session.token();
      if (session.status.value === 'signed-in' && token) stream.start(token);
      else stream.stop();
    },
    { immediate: true },
  );
}

let appStream: EventStream | null = null;

/** The app-wide stream (created on first use; main.ts binds it to the session). */
export function useEventStream(): EventStream {
  appStream ??= createEventStream();
  return appStream;
}
