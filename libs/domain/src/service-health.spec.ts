import { describe, expect, it } from 'vitest';
import { judgeHealth, judgeWorker } from './service-health';

const now = new Date('2026-11-25T08:00:00.000Z');

describe('judgeWorker', () => {
  it('is unknown when no heartbeat was ever written', () => {
    expect(judgeWorker(null, now, 10_000)).toEqual({ status: 'unknown', lastSeenAt: null, ageSeconds: null });
  });
  it('is up within three intervals and stale after', () => {
    expect(judgeWorker(new Date(now.getTime() - 30_000), now, 10_000).status).toBe('up');
    const stale = judgeWorker(new Date(now.getTime() - 30_001), now, 10_000);
    expect(stale.status).toBe('stale');
    expect(stale.ageSeconds).toBe(30);
  });
  it('treats a heartbeat from a clock slightly ahead as age 0', () => {
    expect(judgeWorker(new Date(now.getTime() + 500), now, 10_000)).toMatchObject({
      status: 'up',
      ageSeconds: 0,
    });
  });
});

describe('judgeHealth', () => {
  const base = { now, heartbeatIntervalMs: 10_000, workerLastSeenAt: now };
  it('is ok when db and queue are up', () => {
    expect(judgeHealth({ ...base, dbUp: true, queueUp: true })).toMatchObject({
      status: 'ok',
      db: 'up',
      queue: 'up',
      down: [],
    });
  });
  it('names every part that is down', () => {
    expect(judgeHealth({ ...base, dbUp: false, queueUp: false })).toMatchObject({
      status: 'error',
      db: 'down',
      queue: 'down',
      down: ['db', 'queue'],
    });
    expect(judgeHealth({ ...base, dbUp: true, queueUp: false }).down).toEqual(['queue']);
  });
  it('does not fail the API for a missing worker', () => {
    const verdict = judgeHealth({ ...base, workerLastSeenAt: null, dbUp: true, queueUp: true });
    expect(verdict.status).toBe('ok');
    expect(verdict.worker.status).toBe('unknown');
  });
});
