import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from './error-envelope.filter';

describe('retryAfterSeconds (Retry-After of every 429)', () => {
  const body = (extra: Record<string, unknown>) => ({
    statusCode: 429,
    error: 'Too Many Requests',
    code: 'too_many_requests',
    params: {},
    message: 'x',
    ...extra,
  });

  it('uses the refusal’s own figure, rounded up to whole seconds', () => {
    expect(retryAfterSeconds(body({ retryAfterSeconds: 42 }))).toBe(42);
    expect(retryAfterSeconds(body({ retryAfterSeconds: 1.2 }))).toBe(2);
  });

  it('falls back to a short positive default when the figure is missing or unusable', () => {
    for (const value of [undefined, null, 0, -3, 'soon', Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(retryAfterSeconds(body({ retryAfterSeconds: value }))).toBe(5);
    }
  });
});
