// Fixed-rate load with open-loop scheduling: request i is due at start + i / rate and is fired then,
// whether or not the earlier ones have answered; its latency is measured from its scheduled time
// (not from when it was actually sent), so a stall of the server (or of this process) shows up in
// the percentiles instead of silently lowering the rate (no coordinated omission).
import { percentile, sleep } from './common.mjs';

/**
 * Fire `fire()` `rate` times a second for `seconds`. Requests beyond `maxInFlight` unanswered ones
 * are not sent and counted as `dropped` (the system is saturated: the rate exceeds its throughput).
 * Waits for every request sent before returning.
 */
export async function fixedRate({ rate, seconds, fire, maxInFlight = Math.max(20, Math.ceil(rate * 5)) }) {
  const interval = 1000 / rate;
  const total = Math.max(1, Math.round(rate * seconds));
  const latencies = [];
  const errors = [];
  const pending = new Set();
  let dropped = 0;
  let peakInFlight = 0;
  let lateStarts = 0;
  const start = performance.now() + 20;
  for (let index = 0; index < total; index += 1) {
    const scheduled = start + index * interval;
    const wait = scheduled - performance.now();
    if (wait >= 1) await sleep(wait);
    else if (wait < -interval) lateStarts += 1;
    if (pending.size >= maxInFlight) {
      dropped += 1;
      continue;
    }
    const request = (async () => {
      try {
        await fire();
        latencies.push(performance.now() - scheduled);
      } catch (error) {
        errors.push(String(error?.message ?? error).slice(0, 300));
      }
    })();
    pending.add(request);
    peakInFlight = Math.max(peakInFlight, pending.size);
    void request.finally(() => pending.delete(request));
  }
  await Promise.all([...pending]);
  const elapsed = (performance.now() - start) / 1000;
  return {
    ...summarize(latencies),
    rate,
    seconds,
    scheduled: total,
    errors: errors.length,
    errorSamples: [...new Set(errors)].slice(0, 3),
    dropped,
    peakInFlight,
    lateStarts,
    elapsedSeconds: round(elapsed),
    throughput: round(latencies.length / elapsed),
  };
}

/**
 * Sequential calls (one at a time): the service time of a request with nothing else running. Stops
 * early (after at least one call) once `budgetMs` is spent.
 */
export async function sequential({ count, fire, budgetMs = Infinity }) {
  const latencies = [];
  const started = performance.now();
  for (let index = 0; index < count && (index === 0 || performance.now() - started < budgetMs); index += 1) {
    const t0 = performance.now();
    await fire();
    latencies.push(performance.now() - t0);
  }
  return summarize(latencies);
}

export function round(value, digits = 2) {
  if (value === null || value === undefined || !Number.isFinite(value)) return value ?? null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function summarize(latencies) {
  return {
    count: latencies.length,
    p50: round(percentile(latencies, 50)),
    p90: round(percentile(latencies, 90)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.length ? Math.max(...latencies) : null),
  };
}
