import { ALL_JOB_NAMES } from '@luodi/jobs';
import { CLI_MAIN, runNode, startWorker, type RunningProcess, type TestStack, waitFor } from '@luodi/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, createProject, shanghaiToday, type Tokens, useSignedInStack } from '../support/fixtures';

/** The last day of the month before the month of `date` (written here, not taken from the app). */
const monthEndBefore = (date: string) => addDays(`${date.slice(0, 7)}-01`, -1);

/**
 * The month-end forecast snapshots and 预测准确度 (routes-and-forecast §3) on real MariaDB (and Redis
 * for the worker): the snapshot (through the CLI) equals the project's forecast as of that day and a
 * repeat changes nothing; a worker started after a month-end it missed catches it up; and
 * `GET /api/dashboard/forecast-accuracy` equals a hand computation, scoped for a department user.
 */
describe('forecast snapshots and accuracy (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  let fgj: string;
  let worker: RunningProcess | undefined;
  const today = shanghaiToday();

  useSignedInStack(async (started) => {
    ({ stack, tokens, zrzyj, fgj } = started);
  });
  afterAll(async () => {
    await worker?.stop('SIGKILL');
  });

  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const answer = await stack.call(method, path, { token, body });
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body;
  };
  const query = async (sql: string, params: unknown[] = []) =>
    (await (await stack.database.dataSource()).query(sql, params)) as Array<Record<string, any>>;
  const snapshotsOn = (date: string) =>
    query(
      `SELECT id, project_id AS projectId, snapshot_date AS snapshotDate, promise_bound AS promiseBound, p50, p80,
              binding_milestone_id AS bindingMilestoneId, binding_item_code AS bindingItemCode,
              binding_department_id AS bindingDepartmentId, planned_start_date AS plannedStartDate, created_at AS createdAt
         FROM forecast_snapshot WHERE snapshot_date = ? ORDER BY project_id`,
      [date],
    );
  /** A project on the default route, the route applied three months ago (so past month-ends include it). */
  const routedProject = async (lead: string, plannedStartDate: string) => {
    const project = await createProject(stack, tokens.bureau, lead, { plannedStartDate });
    await ok('POST', `/api/projects/${project.id}/route`, tokens.bureau, {});
    await query('UPDATE project_route SET applied_at = ? WHERE project_id = ?', [
      new Date(`${addDays(today, -100)}T10:00:00+08:00`),
      project.id,
    ]);
    return String(project.id);
  };

  it('keeps the forecast of each routed project not started at a month-end; a repeat changes nothing', async () => {
    const monthEnd = monthEndBefore(monthEndBefore(today));
    const first = await routedProject(zrzyj, addDays(today, 60));
    const second = await routedProject(fgj, addDays(today, 90));

    const run = await runNode(CLI_MAIN, ['forecast:snapshot', monthEnd], stack.env);
    expect(run.code, run.output).toBe(0);
    const rows = await snapshotsOn(monthEnd);
    // The demo's route projects were routed today and its history projects had started: only these two.
    expect(rows.map((row) => String(row['projectId']))).toEqual([first, second]);
    for (const row of rows) {
      const forecast = await ok(
        'GET',
        `/api/projects/${String(row['projectId'])}/forecast?asOf=${monthEnd}`,
        tokens.leader,
      );
      expect({
        promiseBound: row['promiseBound'],
        p50: row['p50'],
        p80: row['p80'],
        bindingMilestoneId: String(row['bindingMilestoneId']),
        bindingItemCode: row['bindingItemCode'],
        bindingDepartmentId: String(row['bindingDepartmentId']),
        plannedStartDate: row['plannedStartDate'],
      }).toEqual({
        promiseBound: forecast.promiseBound,
        p50: forecast.p50,
        p80: forecast.p80,
        bindingMilestoneId: forecast.binding.milestoneId,
        bindingItemCode: forecast.binding.itemCode,
        bindingDepartmentId: forecast.binding.departmentId,
        plannedStartDate: forecast.plannedStartDate,
      });
    }

    const again = await runNode(CLI_MAIN, ['forecast:snapshot', monthEnd], stack.env);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain('0 new rows');
    expect(await snapshotsOn(monthEnd)).toEqual(rows);

    // Not a month-end, or a month-end still ahead: refused.
    const bad = await runNode(CLI_MAIN, ['forecast:snapshot', addDays(monthEnd, -1)], stack.env);
    expect(bad.code).not.toBe(0);
  });

  it('a worker started after a month-end it missed keeps that month-end (once), with one handler per job', async () => {
    const missed = monthEndBefore(today);
    expect(await snapshotsOn(missed)).toEqual([]);
    worker = await startWorker(stack.env);
    expect(worker.output()).toContain(`with ${ALL_JOB_NAMES.length} job handlers`);
    const rows = await waitFor('the catch-up snapshot', async () => {
      const kept = await snapshotsOn(missed);
      return kept.length >= 2 ? kept : undefined;
    });
    await waitFor('the catch-up job to finish', async () =>
      worker!.output().includes(`forecast snapshot of ${missed}`),
    );
    await worker.stop('SIGTERM');
    // A second start finds the month-end kept: nothing changes.
    worker = await startWorker(stack.env);
    await waitFor('the second start', async () => worker!.output().includes('job handlers'));
    expect(await snapshotsOn(missed)).toEqual(rows);
    await worker.stop('SIGTERM');
    worker = undefined;
  });

  it('forecast accuracy equals a hand computation, district-wide and for a department user', async () => {
    await query('DELETE FROM forecast_snapshot');
    // Three projects on a route: A (自然资源局) starts Fri 2026-11-20, B (发改局) Tue 2026-11-10, C not yet.
    const a = await routedProject(zrzyj, '2026-11-30');
    const b = await routedProject(fgj, '2026-11-30');
    const c = await routedProject(zrzyj, '2026-12-31');
    const start = (projectId: string, day: string) =>
      query(
        `UPDATE milestone SET state = 'approved', decided_at = ? WHERE project_id = ? AND item_code = 'CONSTRUCT'`,
        [new Date(`${day}T16:00:00+08:00`), projectId],
      );
    await start(a, '2026-11-20');
    await start(b, '2026-11-10');
    const snapshot = (
      projectId: string,
      snapshotDate: string,
      p50: string,
      p80: string,
      departmentId: string | null,
    ) =>
      query(
        `INSERT INTO forecast_snapshot (project_id, snapshot_date, promise_bound, p50, p80, binding_department_id)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [projectId, snapshotDate, p50, p50, p80, departmentId],
      );
    // A: P50 Mon Nov 16 → 4 working days early (17–20), started by P80 Nov 27.
    await snapshot(a, '2026-09-30', '2026-11-16', '2026-11-27', zrzyj);
    // A: P50 Wed Nov 25 → 3 working days late (23, 24, 25), started after P80 Nov 19.
    await snapshot(a, '2026-10-31', '2026-11-25', '2026-11-19', zrzyj);
    // A: taken after its start: not counted.
    await snapshot(a, '2026-11-30', '2026-12-01', '2026-12-02', zrzyj);
    // B: P50 on the day (0), within P80.
    await snapshot(b, '2026-10-31', '2026-11-10', '2026-11-12', fgj);
    // B, no binding department (overall only): P50 Fri Oct 30 → 7 working days (Nov 2–6, 9, 10), on P80.
    await snapshot(b, '2026-09-30', '2026-10-30', '2026-11-10', null);
    // C has not started: not counted.
    await snapshot(c, '2026-10-31', '2026-11-02', '2026-11-04', zrzyj);
    const names = new Map(
      (await query('SELECT id, name FROM department WHERE id IN (?, ?)', [zrzyj, fgj])).map((row) => [
        String(row['id']),
        String(row['name']),
      ]),
    );

    const district = await ok('GET', '/api/dashboard/forecast-accuracy', tokens.leader);
    expect(district.asOf).toBe(today);
    expect(district.overall).toEqual({ mae: (4 + 3 + 0 + 7) / 4, withinP80: 3 / 4, snapshots: 4 });
    expect(district.departments).toHaveLength(2);
    expect(district.departments).toEqual(
      expect.arrayContaining([
        { departmentId: zrzyj, departmentName: names.get(zrzyj), mae: 3.5, withinP80: 0.5, snapshots: 2 },
        { departmentId: fgj, departmentName: names.get(fgj), mae: 0, withinP80: 1, snapshots: 1 },
      ]),
    );

    // The department user (自然资源局): its own row, and an overall over the same snapshots.
    const own = await ok('GET', '/api/dashboard/forecast-accuracy', tokens.dept);
    expect(own.overall).toEqual({ mae: 3.5, withinP80: 0.5, snapshots: 2 });
    expect(own.departments).toEqual([
      { departmentId: zrzyj, departmentName: names.get(zrzyj), mae: 3.5, withinP80: 0.5, snapshots: 2 },
    ]);

    // As of Nov 15 only B had started.
    const earlier = await ok('GET', '/api/dashboard/forecast-accuracy?asOf=2026-11-15', tokens.bureau);
    expect(earlier.overall).toEqual({ mae: 3.5, withinP80: 1, snapshots: 2 });
    expect(earlier.departments.map((row: any) => row.departmentId)).toEqual([fgj]);

    const future = await stack.call('GET', `/api/dashboard/forecast-accuracy?asOf=${addDays(today, 2)}`, {
      token: tokens.leader,
    });
    expect(future.status).toBe(400);
  });
});
