import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ApiConfig } from '@luodi/config';
import { businessDateOf } from '@luodi/domain';
import type { Observable, Subscription } from 'rxjs';
import { LiveService } from '../alerts/live.service';
import { API_CONFIG } from '../config/api-config.module';

/** Live message types after which the figures may differ. */
const INVALIDATING = new Set(['figures', 'alert']);
/** At most this many answers are kept (each is small); the oldest goes first. */
export const FIGURES_CACHE_MAX_ENTRIES = 500;

interface Entry {
  expiresAt: number;
  value: Promise<unknown>;
}

/** The query as a key: its fields sorted, empty ones left out. */
export function cacheKey(endpoint: string, query: object, today: string): string {
  const fields = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${String(value)}`);
  return `${endpoint}?${fields.join('&')}@${today}`;
}

/**
 * The cockpit's answers, kept in memory for a short time (`FIGURES_CACHE_SECONDS`) so that many
 * screens and leaders asking for the same figures cost one computation. Any live message of a change
 * (a project, funds, key work or milestone: `figures`; an alert: `alert`) clears everything, on every
 * API instance (they all hear the same Redis channel), so a write is visible on the next request; the
 * time limit bounds what no message announces (the worker's clock turning a milestone red at midnight).
 * Concurrent requests for the same figures share one computation; a failed one is not kept. Keys carry
 * today's business date, so "now" figures never cross midnight.
 */
@Injectable()
export class FiguresCache implements OnModuleInit, OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private subscription?: Subscription;

  constructor(
    @Inject(API_CONFIG) config: Pick<ApiConfig, 'FIGURES_CACHE_SECONDS'>,
    @Inject(LiveService) private readonly live: Pick<LiveService, 'changes'>,
  ) {
    this.ttlMs = config.FIGURES_CACHE_SECONDS * 1000;
  }

  onModuleInit(): void {
    if (this.ttlMs === 0) return;
    const changes: Observable<{ type: string }> = this.live.changes();
    this.subscription = changes.subscribe((message) => {
      if (INVALIDATING.has(message.type)) this.clear();
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  /** The cached answer of `endpoint` for `query`, or `compute()`'s (then kept). */
  get<T>(endpoint: string, query: object, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs === 0) return compute();
    const now = Date.now();
    const key = cacheKey(endpoint, query, businessDateOf(new Date(now)));
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value as Promise<T>;
    if (hit) this.entries.delete(key);
    const value = compute();
    this.entries.set(key, { expiresAt: now + this.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > FIGURES_CACHE_MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return value;
  }
}
