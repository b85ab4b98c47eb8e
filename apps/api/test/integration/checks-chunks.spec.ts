import {
  duplicatedAlertRows,
  insertDueMilestones,
  type RunningApi,
  startApi,
  startStack,
  type TestStack,
} from '@luodi/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Set-based checks (issue 18): a check writes its alert changes in chunks (CHECKS_CHUNK_SIZE subjects,
 * each chunk's alerts, events and outbox rows in one transaction). Through the built API on real
 * MariaDB, with thousands of milestones made due by SQL: a run killed (SIGKILL, by the test-only hook
 * LUODI_TEST_CHECKS_KILL_AFTER_CHUNK) between two chunks leaves whole chunks behind and the next run
 * finishes the job; two runs at once in two API processes raise each alert once.
 */
describe('checks: set-based in chunks, killed between chunks, two runs at once (real MariaDB)', () => {
  const CHUNK = 200;
  let stack: TestStack;
  let dataSource: DataSource;
  let token: string;
  const others: RunningApi[] = [];

  const runOn = async (baseUrl: string) => {
    const response = await fetch(`${baseUrl}/api/checks/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as Record<string, number>;
    expect(response.status, JSON.stringify(body)).toBe(200);
    return body;
  };

  const count = async (sql: string, params: unknown[] = []) => {
    const [row] = (await dataSource.query(sql, params)) as Array<{ n: string | number }>;
    return Number(row!.n);
  };

  /** Alerts whose current (round, level) has not exactly its recipients' in-app outbox rows. */
  const alertsWithoutTheirDeliveries = () =>
    count(
      `SELECT COUNT(*) AS n FROM alert a
        WHERE a.status <> 'resolved'
          AND (SELECT COUNT(*) FROM delivery d WHERE d.alert_id = a.id AND d.round = a.round AND d.level = a.level)
              <> IF(a.level = 3, 3, 1)`,
    );

  /** Each raise, reopening and level change has one event (raised/reopened/level_up) per (alert, level). */
  const repeatedEvents = () =>
    count(
      `SELECT COUNT(*) AS n FROM (SELECT alert_id, type, level, at FROM alert_event
        WHERE type IN ('raised', 'level_up') GROUP BY alert_id, type, level HAVING COUNT(*) > 1) x`,
    );

  const overdueAlertsOf = (prefix: string) =>
    count(
      `SELECT COUNT(*) AS n FROM alert a JOIN milestone m ON a.subject_type = 'milestone' AND a.subject_id = m.id
         JOIN project p ON p.id = m.project_id
        WHERE p.code LIKE CONCAT(?, '-%') AND a.kind = 'milestone_overdue' AND a.status <> 'resolved'`,
      [prefix],
    );

  beforeAll(async () => {
    stack = await startStack({ env: { CHECKS_CHUNK_SIZE: String(CHUNK) } });
    dataSource = await stack.database.dataSource();
    token = await stack.login('bureau');
    // The demo's own alerts first, so that what follows is only the milestones made due here.
    await runOn(stack.api.baseUrl);
  });

  afterAll(async () => {
    await Promise.all(others.map((api) => api.stop('SIGKILL')));
    await stack?.stop();
  });

  it('a run killed after its 3rd chunk leaves 3 whole chunks; the next run finishes with no duplicates', async () => {
    const due = await insertDueMilestones(dataSource, { count: 1500, prefix: 'CK1' });
    const alertsBefore = await count('SELECT COUNT(*) AS n FROM alert');
    const killed = await startApi({ ...stack.env, LUODI_TEST_CHECKS_KILL_AFTER_CHUNK: '3' });
    others.push(killed);
    await expect(runOn(killed.baseUrl)).rejects.toThrow();
    expect(await killed.exited).toBe('SIGKILL');

    // Three whole chunks were committed: alerts, events and outbox rows. Chunks go in subject id
    // order and the first may hold some of the demo's milestones (lower ids), so the alerts raised are
    // those of the lowest due ids, more than two chunks' worth and at most three.
    const raised = (await dataSource.query(
      `SELECT a.subject_id AS id FROM alert a WHERE a.subject_type = 'milestone' AND a.kind = 'milestone_overdue'
          AND a.subject_id IN (${due.map(() => '?').join(',')}) ORDER BY a.subject_id`,
      due,
    )) as Array<{ id: string | number }>;
    expect(raised.length).toBeGreaterThan(2 * CHUNK);
    expect(raised.length).toBeLessThanOrEqual(3 * CHUNK);
    expect(raised.map((row) => String(row.id))).toEqual(due.slice(0, raised.length));
    expect(await count('SELECT COUNT(*) AS n FROM alert')).toBe(alertsBefore + raised.length);
    expect(await alertsWithoutTheirDeliveries()).toBe(0);

    // The next run (another process) does the rest, and a run after it finds nothing to do.
    const next = await runOn(stack.api.baseUrl);
    expect(next.raised).toBe(due.length - raised.length);
    expect(await overdueAlertsOf('CK1')).toBe(due.length);
    expect(await runOn(stack.api.baseUrl)).toEqual({
      raised: 0,
      escalated: 0,
      resolved: 0,
      deemedApproved: 0,
    });
    expect(await duplicatedAlertRows(dataSource)).toEqual({ alerts: [], deliveries: [], notifications: [] });
    expect(await alertsWithoutTheirDeliveries()).toBe(0);
    expect(await repeatedEvents()).toBe(0);
  });

  it('two runs at once in two API processes on 3 000 due milestones: one alert per (subject, kind), one delivery per (alert, level, recipient, channel)', async () => {
    const due = await insertDueMilestones(dataSource, { count: 3000, prefix: 'CK2' });
    const second = await startApi({ ...stack.env });
    others.push(second);
    const [a, b] = await Promise.all([runOn(stack.api.baseUrl), runOn(second.baseUrl)]);
    expect(await overdueAlertsOf('CK2')).toBe(due.length);
    expect(a.raised! + b.raised!).toBe(due.length);
    expect(await duplicatedAlertRows(dataSource)).toEqual({ alerts: [], deliveries: [], notifications: [] });
    expect(await alertsWithoutTheirDeliveries()).toBe(0);
    expect(await repeatedEvents()).toBe(0);
    expect(await runOn(second.baseUrl)).toEqual({ raised: 0, escalated: 0, resolved: 0, deemedApproved: 0 });
  });
});
