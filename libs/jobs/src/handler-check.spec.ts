import { describe, expect, it } from 'vitest';
import { checkJobHandlers } from './handler-check';
import { ALL_JOB_NAMES, JOB_QUEUE, JobName } from './jobs';

describe('checkJobHandlers', () => {
  it('passes when every job has exactly one handler', () => {
    expect(checkJobHandlers([...ALL_JOB_NAMES])).toEqual([]);
  });
  it('reports a missing handler', () => {
    expect(checkJobHandlers([])).toContain(`job "${JobName.Heartbeat}" has no handler`);
  });
  it('reports a duplicate handler and an unknown job', () => {
    const problems = checkJobHandlers([...ALL_JOB_NAMES, JobName.Heartbeat, 'mystery']);
    expect(problems).toContain(`job "${JobName.Heartbeat}" has 2 handlers`);
    expect(problems).toContain('handler for unknown job "mystery"');
  });
  it('maps every job to a queue', () => {
    for (const name of ALL_JOB_NAMES) expect(JOB_QUEUE[name]).toBeTruthy();
  });
});
