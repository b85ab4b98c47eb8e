import { getCurrentScope, onScopeDispose, readonly, ref, shallowRef, watch, type WatchSource } from 'vue';
import { useEventStream, type EventStream } from '../live/event-stream';

/** Changes arriving within this window are answered with one reload. */
export const LIVE_DEBOUNCE_MS = 1_000;
/** A reload now and then even when nothing arrives (a missed message, a stream that cannot open). */
export const LIVE_FALLBACK_MS = 5 * 60_000;

export interface LiveRefreshOptions {
  /** Loads the figures and puts them in place (keeping the old ones on failure); may throw. */
  load: () => Promise<void>;
  /** Signals whose every change asks for a reload (e.g. the stream's `figuresSeq`). */
  signals: WatchSource<unknown>[];
  debounceMs?: number;
  fallbackMs?: number;
}

/**
 * Reload on live changes without flicker: the first load at once; then a change asks for a reload
 * after `debounceMs` (changes meanwhile are folded into it, so a burst of writes costs one reload and
 * a steady stream of them still reloads every `debounceMs`); a reload asked for while one runs follows
 * it; and every `fallbackMs` a reload regardless. The caller keeps showing what it has while loading.
 * Timers stop with the calling scope (the component).
 */
export function useLiveRefresh(options: LiveRefreshOptions) {
  const debounceMs = options.debounceMs ?? LIVE_DEBOUNCE_MS;
  const fallbackMs = options.fallbackMs ?? LIVE_FALLBACK_MS;

  const loading = ref(false);
  const updatedAt = shallowRef<Date | null>(null);
  const error = shallowRef<unknown>(null);
  /** Loads completed (successful or not), for tests and diagnostics. */
  const loads = ref(0);

  let pending: ReturnType<typeof setTimeout> | null = null;
  let queued = false;
  let stopped = false;
  let running: Promise<void> | null = null;

  async function run(): Promise<void> {
    loading.value = true;
    try {
      do {
        queued = false;
        try {
          await options.load();
          updatedAt.value = new Date();
          error.value = null;
        } catch (failure) {
          error.value = failure;
        } finally {
          loads.value++;
        }
      } while (queued && !stopped);
    } finally {
      loading.value = false;
      running = null;
    }
  }

  /** Reload now (or right after the reload under way); resolves when the figures are in. */
  function refresh(): Promise<void> {
    if (pending) clearTimeout(pending);
    pending = null;
    if (stopped) return Promise.resolve();
    if (running) {
      queued = true;
      return running;
    }
    running = run();
    return running;
  }

  /** Ask for a reload within `debounceMs` (what a live change does). */
  function schedule(): void {
    if (stopped || pending) return;
    pending = setTimeout(() => {
      pending = null;
      void refresh();
    }, debounceMs);
  }

  const stopWatch = watch(options.signals, schedule);
  const fallback = setInterval(() => void refresh(), fallbackMs);

  function stop(): void {
    stopped = true;
    stopWatch();
    clearInterval(fallback);
    if (pending) clearTimeout(pending);
    pending = null;
  }
  if (getCurrentScope()) onScopeDispose(stop);

  void refresh();

  return {
    loading: readonly(loading),
    updatedAt: readonly(updatedAt),
    error: readonly(error),
    loads: readonly(loads),
    refresh,
    schedule,
    stop,
  };
}

/**
 * The figures pages' live reload: on every `figures` message of the app's stream (a project, funds,
 * key-work report or milestone changed), every alert change, and every reconnect. `online` tells
 * whether the stream is connected (a page shows a marker when it is not).
 */
export function useLiveFigures(
  load: () => Promise<void>,
  options: { stream?: EventStream; debounceMs?: number; fallbackMs?: number } = {},
) {
  const stream = options.stream ?? useEventStream();
  const live = useLiveRefresh({
    load,
    signals: [stream.figuresSeq, stream.changeSeq],
    debounceMs: options.debounceMs,
    fallbackMs: options.fallbackMs,
  });
  return { ...live, online: stream.connected };
}
