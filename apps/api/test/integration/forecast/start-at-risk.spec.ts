import { describe, expect, it } from 'vitest';
import type { TestStack } from '@luodi/testing';
import { addDays, createProject, shanghaiToday, type Tokens, useSignedInStack } from '../support/fixtures';

/**
 * The start_at_risk alert (routes-and-forecast §3) through `POST /api/checks/run` on real MariaDB:
 * level 2 when even the promise-bound date is after the planned start, level 1 when only the P80 date
 * (from a slow stored history) is; it names the binding item and department, and resolves once the
 * project is no longer at risk or has started.
 */
describe('start_at_risk through the checks (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  const today = shanghaiToday();

  useSignedInStack(async (started) => {
    ({ stack, tokens, zrzyj } = started);
    // The demo brings a duration history; these tests start without one (promised days) and add their own.
    await (await stack.database.dataSource()).query('DELETE FROM duration_history');
  });

  const ok = async (method: string, path: string, body?: unknown) => {
    const answer = await stack.call(method, path, { token: tokens.bureau, body });
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body;
  };
  const query = async (sql: string, params: unknown[] = []) =>
    (await (await stack.database.dataSource()).query(sql, params)) as Array<Record<string, any>>;
  const riskOf = async (projectId: string) =>
    (
      await query(
        `SELECT level, status, department_id AS departmentId, detail FROM alert
          WHERE subject_type = 'project' AND subject_id = ? AND kind = 'start_at_risk'`,
        [projectId],
      )
    ).map((row) => ({
      level: Number(row['level']),
      status: String(row['status']),
      departmentId: String(row['departmentId']),
      detail: JSON.parse(String(row['detail'])),
    }));

  it('raises level 2 (promise-bound late) and level 1 (P80 late), names the binding, and resolves', async () => {
    // Level 2: ten items' promised limits cannot make a start in two weeks.
    const late = await createProject(stack, tokens.bureau, zrzyj, { plannedStartDate: addDays(today, 14) });
    await ok('POST', `/api/projects/${late.id}/route`, {});
    // Level 1 (below): planned on its promise-bound date, which a slow EIA history makes unlikely.
    const tight = await createProject(stack, tokens.bureau, zrzyj, {
      plannedStartDate: addDays(today, 3650),
    });
    const view = await ok('POST', `/api/projects/${tight.id}/route`, {});
    // No route: never forecast, never at risk.
    const unrouted = await createProject(stack, tokens.bureau, zrzyj, {
      plannedStartDate: addDays(today, 14),
    });

    await ok('POST', '/api/checks/run');
    const [level2] = await riskOf(late.id);
    const lateForecast = await ok('GET', `/api/projects/${late.id}/forecast`);
    expect(level2).toMatchObject({
      level: 2,
      status: 'open',
      departmentId: lateForecast.binding.departmentId,
      detail: {
        plannedStart: addDays(today, 14),
        promiseBound: lateForecast.promiseBound,
        bindingItem: lateForecast.binding.itemCode,
        bindingItemName: lateForecast.binding.itemName,
        bindingDepartmentId: lateForecast.binding.departmentId,
        bindingDepartmentName: lateForecast.binding.departmentName,
      },
    });
    expect(await riskOf(tight.id)).toEqual([]);
    expect(await riskOf(unrouted.id)).toEqual([]);

    // Six EIA applications at that department took 30 working days each: P50/P80 move past the
    // promise-bound date, which stays.
    const eia = view.stages
      .flatMap((stage: any) => stage.items)
      .find((item: any) => item.milestone.itemCode === 'EIA');
    await query(
      `INSERT INTO duration_history (as_of, item_code, department_id, finished, censored, histogram, computed_at)
       VALUES (?, 'EIA', ?, 6, 0, '[[30,6,0]]', UTC_TIMESTAMP(3))`,
      [today, eia.milestone.departmentId],
    );
    const forecast = await ok('GET', `/api/projects/${tight.id}/forecast`);
    expect(forecast.p80 > forecast.promiseBound).toBe(true);
    await query('UPDATE project SET planned_start_date = ? WHERE id = ?', [forecast.promiseBound, tight.id]);
    await ok('POST', '/api/checks/run');
    expect(await riskOf(tight.id)).toEqual([
      expect.objectContaining({ level: 1, status: 'open', departmentId: forecast.binding.departmentId }),
    ]);
    expect((await ok('GET', `/api/projects/${tight.id}/forecast`)).atRisk).toBe(1);

    // No longer at risk (the planned start moved past the P80 date) and started: both resolve.
    await query('UPDATE project SET planned_start_date = ? WHERE id = ?', [addDays(today, 3650), tight.id]);
    await query('UPDATE project SET started_at = ? WHERE id = ?', [today, late.id]);
    await ok('POST', '/api/checks/run');
    expect((await riskOf(tight.id))[0]?.status).toBe('resolved');
    expect((await riskOf(late.id))[0]?.status).toBe('resolved');
  });

  it('holds a key work without a planned start date to the last day of its planned start month', async () => {
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7));
    // No plannedStartDate; a key work of this year planned to start this month: the route's ten items
    // cannot be decided by the month's end, so P80 (and the promise-bound date) are after it.
    const keyWork = await createProject(stack, tokens.bureau, zrzyj, { plannedStartDate: null });
    await ok('POST', `/api/projects/${keyWork.id}/route`, {});
    await ok('POST', '/api/key-works', {
      projectId: keyWork.id,
      year,
      annualPlanInvestment: '1000.00',
      plannedStartMonth: month,
    });
    // A key work of next year only: not this year's plan, never held to it.
    const nextYear = await createProject(stack, tokens.bureau, zrzyj, { plannedStartDate: null });
    await ok('POST', `/api/projects/${nextYear.id}/route`, {});
    await ok('POST', '/api/key-works', {
      projectId: nextYear.id,
      year: year + 1,
      annualPlanInvestment: '1000.00',
      plannedStartMonth: 1,
    });

    await ok('POST', '/api/checks/run');
    const monthText = `${year}-${String(month).padStart(2, '0')}`;
    const forecast = await ok('GET', `/api/projects/${keyWork.id}/forecast`);
    const monthEnd = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    expect(forecast).toMatchObject({
      plannedStartDate: null,
      plannedStartMonth: monthText,
      plannedStartBy: monthEnd,
    });
    expect(forecast.p80 > monthEnd).toBe(true);
    expect(forecast.atRisk).toBeGreaterThan(0);
    const [alert] = await riskOf(keyWork.id);
    expect(alert).toMatchObject({
      status: 'open',
      departmentId: forecast.binding.departmentId,
      detail: {
        plannedStart: monthEnd,
        plannedMonth: monthText,
        p80: expect.any(String),
        bindingItem: forecast.binding.itemCode,
        bindingDepartmentName: forecast.binding.departmentName,
      },
    });
    expect(await riskOf(nextYear.id)).toEqual([]);
    const nextForecast = await ok('GET', `/api/projects/${nextYear.id}/forecast`);
    expect(nextForecast).toMatchObject({ plannedStartMonth: null, plannedStartBy: null, atRisk: 0 });

    // The same rule as of 5 January (the forecast's year is asOf's): held to the month its P80 falls
    // in, not at risk (P80 within the month); held to the month before, at risk.
    const asOf = `${year}-01-05`;
    if (asOf >= today) return; // a run on 1–5 January: no earlier day of the year to look from
    const january = await ok('GET', `/api/projects/${keyWork.id}/forecast?asOf=${asOf}`);
    const p80Month = Number(january.p80.slice(5, 7));
    expect(january.p80.startsWith(String(year)) && p80Month >= 2).toBe(true);
    await query('UPDATE key_work SET planned_start_month = ? WHERE project_id = ?', [p80Month, keyWork.id]);
    expect(await ok('GET', `/api/projects/${keyWork.id}/forecast?asOf=${asOf}`)).toMatchObject({
      plannedStartMonth: january.p80.slice(0, 7),
      atRisk: 0,
    });
    await query('UPDATE key_work SET planned_start_month = ? WHERE project_id = ?', [
      p80Month - 1,
      keyWork.id,
    ]);
    expect((await ok('GET', `/api/projects/${keyWork.id}/forecast?asOf=${asOf}`)).atRisk).toBeGreaterThan(0);
  });
});
