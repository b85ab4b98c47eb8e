import { appendSample, toStatusSample, type ServiceStatusSample } from '@luodi/charts';
import type { HealthResponse } from '@luodi/contracts';
import { onBeforeUnmount, onMounted, ref, shallowRef } from 'vue';
import { fetchHealth, isHealthResponse } from '../api/health';
import { ApiError } from '../api/http';

export const STATUS_POLL_INTERVAL_MS = 5_000;

/**
 * Polls `GET /api/health` while the calling component is mounted: the latest report (also when the API
 * answers 503), its HTTP status, the error when the server cannot be reached, and a short history for
 * the chart. Polls are chained (the next starts 5 s after one ends), so slow answers never pile up.
 */
export function useServiceStatus(intervalMs: number = STATUS_POLL_INTERVAL_MS) {
  const health = shallowRef<HealthResponse | null>(null);
  const httpStatus = ref<number | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const loading = ref(false);
  const checkedAt = ref<Date | null>(null);
  const samples = shallowRef<ServiceStatusSample[]>([]);

  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;
  let active = false;

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = active ? setTimeout(() => void refresh(), intervalMs) : null;
  }

  async function poll(): Promise<void> {
    loading.value = true;
    try {
      const response = await fetchHealth();
      if (!active) return;
      if (!isHealthResponse(response.data)) {
        throw new ApiError(response.status, 'Bad Response', `unexpected answer (HTTP ${response.status})`);
      }
      const now = new Date();
      health.value = response.data;
      httpStatus.value = response.status;
      error.value = null;
      checkedAt.value = now;
      samples.value = appendSample(samples.value, toStatusSample(response.data, now));
    } catch (cause) {
      if (!active) return;
      error.value =
        cause instanceof ApiError
          ? cause
          : new ApiError(0, 'Error', cause instanceof Error ? cause.message : '');
      httpStatus.value = error.value.statusCode || null;
      checkedAt.value = new Date();
    } finally {
      loading.value = false;
    }
  }

  /** Check now (a click on "refresh" or the timer) and restart the countdown. */
  function refresh(): Promise<void> {
    inFlight ??= poll().finally(() => {
      inFlight = null;
      schedule();
    });
    return inFlight;
  }

  function start(): void {
    active = true;
    void refresh();
  }

  function stop(): void {
    active = false;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  onMounted(start);
  onBeforeUnmount(stop);

  return { health, httpStatus, error, loading, checkedAt, samples, refresh, stop };
}
