import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cacheKey, FIGURES_CACHE_MAX_ENTRIES, FiguresCache } from './figures-cache.service';

function cacheOf(seconds: number) {
  const live = new Subject<{ type: string }>();
  const cache = new FiguresCache({ FIGURES_CACHE_SECONDS: seconds }, { changes: () => live as never });
  cache.onModuleInit();
  return { cache, live };
}

describe('FiguresCache', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-25T02:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keys a query by its set fields in order, and by the business date', () => {
    expect(cacheKey('summary', { year: 2026, source: '', asOf: undefined }, '2026-11-25')).toBe(
      'summary?year=2026@2026-11-25',
    );
    expect(cacheKey('summary', { source: '沪洽会', year: 2026 }, '2026-11-25')).toBe(
      cacheKey('summary', { year: 2026, source: '沪洽会' }, '2026-11-25'),
    );
  });

  it('answers the same query from memory until the time is up', async () => {
    const { cache } = cacheOf(30);
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cache.get('summary', { year: 2026 }, compute)).toBe(1);
    expect(await cache.get('summary', { year: 2026 }, compute)).toBe(1);
    expect(await cache.get('summary', { year: 2025 }, compute)).toBe(2);
    vi.advanceTimersByTime(30_001);
    expect(await cache.get('summary', { year: 2026 }, compute)).toBe(3);
  });

  it('is cleared by a figures or alert message, not by others', async () => {
    const { cache, live } = cacheOf(30);
    let computed = 0;
    const compute = async () => ++computed;
    await cache.get('trend', {}, compute);
    live.next({ type: 'ping' });
    expect(await cache.get('trend', {}, compute)).toBe(1);
    live.next({ type: 'figures' });
    expect(await cache.get('trend', {}, compute)).toBe(2);
    live.next({ type: 'alert' });
    expect(await cache.get('trend', {}, compute)).toBe(3);
  });

  it('shares one computation between concurrent requests and keeps no failure', async () => {
    const { cache } = cacheOf(30);
    let computed = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++computed), 10));
    const both = Promise.all([cache.get('funnel', {}, slow), cache.get('funnel', {}, slow)]);
    await vi.advanceTimersByTimeAsync(10);
    expect(await both).toEqual([1, 1]);
    const failing = cache.get('departments', {}, () => Promise.reject(new Error('db down')));
    await expect(failing).rejects.toThrow('db down');
    expect(await cache.get('departments', {}, async () => 'recovered')).toBe('recovered');
  });

  it('does not cross midnight in Shanghai', async () => {
    const { cache } = cacheOf(3600);
    let computed = 0;
    const compute = async () => ++computed;
    vi.setSystemTime(new Date('2026-11-25T15:59:30Z'));
    await cache.get('summary', {}, compute);
    vi.setSystemTime(new Date('2026-11-25T16:00:10Z'));
    expect(await cache.get('summary', {}, compute)).toBe(2);
  });

  it('keeps a bounded number of answers', async () => {
    const { cache } = cacheOf(30);
    for (let year = 0; year < FIGURES_CACHE_MAX_ENTRIES + 20; year += 1)
      await cache.get('summary', { year }, async () => year);
    expect(cache.size).toBe(FIGURES_CACHE_MAX_ENTRIES);
  });

  it('computes every time when switched off', async () => {
    const { cache } = cacheOf(0);
    let computed = 0;
    const compute = async () => ++computed;
    await cache.get('summary', {}, compute);
    expect(await cache.get('summary', {}, compute)).toBe(2);
  });
});
