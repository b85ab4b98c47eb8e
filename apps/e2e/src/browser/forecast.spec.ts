import { artifactPath } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, expectNoSidewaysScroll, signIn, testId, useBrowserStack } from './helpers';

/**
 * 预计开工 (routes-and-forecast.md §3–4) in the browser: the leader opens a demo project on a route
 * and sees the three forecast dates and the route's Gantt (a canvas); at 390 px the Gantt scrolls
 * inside its box and the page does not scroll sideways.
 */
describe('the start forecast card in the browser (leader)', () => {
  const e2e = useBrowserStack({ context: { viewport: { width: 1366, height: 768 } } });

  it('shows the three dates and the Gantt of a demo project with a route', async () => {
    const dataSource = await e2e.stack.database.dataSource();
    const [row] = (await dataSource.query(
      'SELECT project_id AS id FROM project_route ORDER BY project_id LIMIT 1',
    )) as Array<{ id: string }>;
    const projectId = String(row!.id);
    const token = await e2e.stack.login('leader');
    const forecast = (await e2e.stack.call('GET', `/api/projects/${projectId}/forecast`, { token })).body;

    await signIn(e2e.page, e2e.stack.api.baseUrl, 'leader');
    const errors = collectPageErrors(e2e.page);
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/projects/${projectId}`);
    const card = e2e.page.locator(testId('project-forecast'));
    await card
      .locator(`${testId('forecast-gantt')} canvas`)
      .first()
      .waitFor({ timeout: 15_000 });
    if (forecast.startableNow) {
      expect(await card.locator(testId('forecast-startable')).count()).toBe(1);
    } else {
      for (const key of ['promiseBound', 'p50', 'p80'])
        expect((await card.locator(testId(`forecast-${key}`)).textContent()) ?? '').toContain(forecast[key]);
    }
    await card.scrollIntoViewIfNeeded();
    await e2e.page.screenshot({
      path: artifactPath('forecast-card.png'),
      fullPage: true,
      animations: 'disabled',
    });

    await e2e.page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(async () => (await card.locator(testId('forecast-gantt')).boundingBox())!.width)
      .toBeLessThanOrEqual(390);
    await expectNoSidewaysScroll(e2e.page);
    await card.locator(testId('forecast-gantt')).scrollIntoViewIfNeeded();
    await e2e.page.screenshot({
      path: artifactPath('forecast-card-phone.png'),
      fullPage: true,
      animations: 'disabled',
    });
    expect(errors).toEqual([]);
  });

  it('shows the cockpit 预测准确度 table from the demo snapshots, and cards at 390 px', async () => {
    await e2e.page.setViewportSize({ width: 1366, height: 768 });
    const token = await e2e.stack.login('leader');
    const accuracy = (await e2e.stack.call('GET', '/api/dashboard/forecast-accuracy', { token })).body;
    // The demo keeps month-end snapshots of its started route projects: figures, neither 0% nor 100%.
    expect(accuracy.overall.snapshots).toBeGreaterThan(0);
    expect(accuracy.overall.withinP80).toBeGreaterThan(0);
    expect(accuracy.overall.withinP80).toBeLessThan(1);

    await signIn(e2e.page, e2e.stack.api.baseUrl, 'leader');
    const errors = collectPageErrors(e2e.page);
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/cockpit`);
    const table = e2e.page.locator(testId('forecast-accuracy-table'));
    await table.waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await table.textContent()) ?? '').toContain('P80 内开工占比');
    const text = (await table.textContent()) ?? '';
    for (const row of accuracy.departments) expect(text).toContain(row.departmentName);
    expect(text).toContain(`${Math.round(accuracy.overall.withinP80 * 100)}%`);
    expect(text).toContain(String(accuracy.overall.snapshots));
    await table.scrollIntoViewIfNeeded();
    await e2e.page.screenshot({ path: artifactPath('forecast-accuracy.png'), animations: 'disabled' });

    await e2e.page.setViewportSize({ width: 390, height: 844 });
    const card = e2e.page.locator(testId('cockpit-forecast-accuracy'));
    await expect
      .poll(async () => card.locator(testId('list-card')).count())
      .toBe(accuracy.departments.length + 1);
    await expectNoSidewaysScroll(e2e.page);
    expect(errors).toEqual([]);
  });
});
