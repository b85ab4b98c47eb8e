import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { createEventStream } from '../live/event-stream';
import { fakeEventSource } from '../testing/fake-event-source';
import { settle } from '../testing/settle';
import { useLiveFigures, useLiveRefresh } from './useLiveFigures';

/** A load the test settles by hand. */
function controlledLoad() {
  const calls: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  const load = vi.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        calls.push({ resolve, reject });
      }),
  );
  return { load, calls };
}

describe('useLiveRefresh', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads at once, then folds a burst of changes into one reload after the debounce', async () => {
    const signal = ref(0);
    const load = vi.fn(async () => undefined);
    const scope = effectScope();
    const live = scope.run(() =>
      useLiveRefresh({ load, signals: [signal], debounceMs: 1_000, fallbackMs: 60_000 }),
    )!;
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    expect(live.updatedAt.value).toBeInstanceOf(Date);

    for (let i = 0; i < 5; i++) {
      signal.value++;
      await nextTick();
      vi.advanceTimersByTime(100);
    }
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    await settle();
    expect(load).toHaveBeenCalledTimes(2);

    // Nothing more without a change…
    vi.advanceTimersByTime(10_000);
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
    scope.stop();
  });

  it('keeps the old figures on a failed load, then reloads on the fallback interval', async () => {
    const { load, calls } = controlledLoad();
    const scope = effectScope();
    const live = scope.run(() =>
      useLiveRefresh({ load, signals: [], debounceMs: 1_000, fallbackMs: 60_000 }),
    )!;
    expect(live.loading.value).toBe(true);
    calls[0]!.resolve();
    await settle();
    const first = live.updatedAt.value;
    expect(first).toBeInstanceOf(Date);
    expect(live.loading.value).toBe(false);

    vi.advanceTimersByTime(60_000);
    expect(load).toHaveBeenCalledTimes(2);
    calls[1]!.reject(new Error('down'));
    await settle();
    expect(live.error.value).toBeInstanceOf(Error);
    expect(live.updatedAt.value).toBe(first);

    vi.advanceTimersByTime(60_000);
    calls[2]!.resolve();
    await settle();
    expect(live.error.value).toBeNull();
    expect(live.loads.value).toBe(3);
    scope.stop();
  });

  it('runs one reload at a time: a change during a load reloads right after it', async () => {
    const signal = ref(0);
    const { load, calls } = controlledLoad();
    const scope = effectScope();
    scope.run(() => useLiveRefresh({ load, signals: [signal], debounceMs: 1_000, fallbackMs: 60_000 }));
    signal.value++;
    await nextTick();
    vi.advanceTimersByTime(1_000);
    // The first load is still running: the second waits for it.
    expect(load).toHaveBeenCalledTimes(1);
    calls[0]!.resolve();
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
    calls[1]!.resolve();
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
    scope.stop();
  });

  it('stops its timers with the scope', async () => {
    const signal = ref(0);
    const load = vi.fn(async () => undefined);
    const scope = effectScope();
    scope.run(() => useLiveRefresh({ load, signals: [signal], debounceMs: 1_000, fallbackMs: 60_000 }));
    await settle();
    signal.value++;
    await nextTick();
    scope.stop();
    vi.advanceTimersByTime(600_000);
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('useLiveFigures', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reloads on figures and alert messages of the stream, and follows its connection', async () => {
    const { source, emit } = fakeEventSource();
    const stream = createEventStream({ create: () => source });
    stream.start('tok');

    const load = vi.fn(async () => undefined);
    const scope = effectScope();
    const live = scope.run(() => useLiveFigures(load, { stream, debounceMs: 1_000, fallbackMs: 600_000 }))!;
    await settle();
    expect(live.online.value).toBe(false);
    source.onopen!(new Event('open'));
    expect(live.online.value).toBe(true);

    emit('figures', { type: 'figures', subject: 'project', departmentId: '2' });
    await nextTick();
    vi.advanceTimersByTime(1_000);
    await settle();
    expect(load).toHaveBeenCalledTimes(2);

    emit('alert', {
      alertId: '5',
      kind: 'not_started',
      level: 3,
      status: 'open',
      departmentId: '2',
      change: 'raised',
    });
    await nextTick();
    vi.advanceTimersByTime(1_000);
    await settle();
    expect(load).toHaveBeenCalledTimes(3);

    source.onerror!(new Event('error'));
    expect(live.online.value).toBe(false);
    scope.stop();
    stream.stop();
  });
});
