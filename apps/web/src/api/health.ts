import type { HealthResponse } from '@luodi/contracts';
import { send, type ApiResponse } from './http';

/**
 * `GET /api/health`. A 503 answer carries the same report (naming what is down), so it is returned,
 * not thrown; only an unreachable server or another status throws an ApiError.
 */
export function fetchHealth(signal?: AbortSignal): Promise<ApiResponse<HealthResponse>> {
  return send<HealthResponse>('GET', '/health', { acceptStatuses: [503], signal });
}

/** Whether a body looks like a health report (a proxy's 503 page does not). */
export function isHealthResponse(body: unknown): body is HealthResponse {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Partial<HealthResponse>;
  return (
    (candidate.status === 'ok' || candidate.status === 'error') &&
    typeof candidate.db === 'string' &&
    typeof candidate.queue === 'string'
  );
}
