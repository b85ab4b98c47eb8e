import { describe, expect, it } from 'vitest';
import type { TestStack } from '@luodi/testing';
import { type Tokens, useSignedInStack } from '../support/fixtures';

/**
 * The demo's forecast (issue 17 item 6): a duration history of past decided applications (≥ 5
 * observations for several item × department pairs, recomputed at load), P50/P80 from it, and after a
 * run of the checks two route projects at risk of missing their planned start — one level 1, one
 * level 2 — each naming its binding item and department.
 */
describe('the demo forecast (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;

  useSignedInStack((started) => {
    ({ stack, tokens } = started);
  });

  const ok = async (method: string, path: string) => {
    const answer = await stack.call(method, path, { token: tokens.leader });
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body;
  };
  const query = async (sql: string, params: unknown[] = []) =>
    (await (await stack.database.dataSource()).query(sql, params)) as Array<Record<string, any>>;

  it('has a history right after the load, forecasts from it, and two projects at risk', async () => {
    const histories = await query(
      'SELECT item_code AS itemCode, department_id AS departmentId FROM duration_history WHERE finished + censored >= 5',
    );
    expect(histories.length).toBeGreaterThanOrEqual(5);
    expect(new Set(histories.map((row) => String(row['departmentId']))).size).toBeGreaterThanOrEqual(3);

    const routed = (await query('SELECT project_id AS id FROM project_route ORDER BY project_id')).map(
      (row) => String(row['id']),
    );
    const forecasts = await Promise.all(routed.map((id) => ok('GET', `/api/projects/${id}/forecast`)));
    expect(forecasts.some((forecast) => forecast.historyUsed && forecast.p50 !== forecast.promiseBound)).toBe(
      true,
    );

    const run = await stack.call('POST', '/api/checks/run', { token: tokens.bureau });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const alerts = await query(
      `SELECT subject_id AS projectId, level, department_id AS departmentId, detail FROM alert
        WHERE kind = 'start_at_risk' AND status <> 'resolved' ORDER BY level`,
    );
    expect(alerts.map((alert) => Number(alert['level']))).toEqual([1, 2]);
    for (const alert of alerts) {
      const forecast = forecasts[routed.indexOf(String(alert['projectId']))];
      expect(forecast.atRisk).toBe(Number(alert['level']));
      expect(String(alert['departmentId'])).toBe(forecast.binding.departmentId);
      expect(JSON.parse(String(alert['detail']))).toMatchObject({
        bindingItem: forecast.binding.itemCode,
        bindingItemName: expect.any(String),
        bindingDepartmentName: expect.any(String),
      });
    }
    // The leader's cockpit (this year, whatever the month) lists both among the projects most at risk.
    const cockpit = await ok('GET', '/api/dashboard/forecast');
    const listed = cockpit.atRisk.map((row: { projectId: string }) => row.projectId);
    for (const alert of alerts) expect(listed).toContain(String(alert['projectId']));
  });
});
