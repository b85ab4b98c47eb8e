/** `GET /api/health` — see shared/spec/api.md. */
export interface HealthResponse {
  status: 'ok' | 'error';
  db: 'up' | 'down';
  queue: 'up' | 'down';
  worker: {
    status: 'up' | 'stale' | 'unknown';
    lastSeenAt: string | null;
    ageSeconds: number | null;
  };
  /** Present on 503 only: the error envelope naming what is down. */
  statusCode?: number;
  error?: string;
  code?: string;
  params?: Record<string, string>;
  message?: string;
}
