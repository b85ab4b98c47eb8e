import { artifactPath } from '@luodi/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, useBrowserStack, signIn, testId } from './helpers';

interface ProjectRow {
  id: string;
  name: string;
  stage: string;
  signedAt: string | null;
  leadDepartmentId: string;
}

/** Today in the district (Asia/Shanghai), `YYYY-MM-DD`: the date stage changes carry. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * Issue 7: the meeting-room big screen. The leader has /screen open at 1920×1080; the bureau moves a
 * signed project of this year to 开工 through the API; the screen shows it (开工 3 → 4, 37.5% → 50.0%)
 * without a reload.
 */
describe('big screen in the browser (live over SSE)', () => {
  const e2e = useBrowserStack({ context: { viewport: { width: 1920, height: 1080 } } });
  let bureauToken: string;

  beforeAll(async () => {
    bureauToken = await e2e.stack.login('bureau');
  });

  const value = (id: string) => e2e.page.locator(testId(id)).innerText();

  async function moveStage(projectId: string, stage: string): Promise<void> {
    const moved = await e2e.stack.call('POST', `/api/projects/${projectId}/stage`, {
      token: bureauToken,
      body: { stage, at: today() },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
  }

  it('a project moved to 开工 through the API shows up on the open screen without a reload', async () => {
    const year = Number(today().slice(0, 4));
    // The stall checks raise the demo's alerts, so the 督办 list has rows.
    const checks = await e2e.stack.call('POST', '/api/checks/run', { token: bureauToken });
    expect(checks.status).toBe(200);
    const escalatedTotal = async (status: string) =>
      (await e2e.stack.call('GET', `/api/alerts?level=3&status=${status}&pageSize=1`, { token: bureauToken }))
        .body.total as number;
    const escalated = (await escalatedTotal('open')) + (await escalatedTotal('acknowledged'));
    expect(escalated).toBeGreaterThan(0);

    await signIn(e2e.page, e2e.stack.api.baseUrl, 'leader');
    const errors = collectPageErrors(e2e.page);
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/screen`);
    await e2e.page.locator(testId('page-screen')).waitFor();
    // Full screen, without the app shell; the canvas fills the 1080p window exactly.
    expect(await e2e.page.locator(testId('nav')).count()).toBe(0);
    expect(await e2e.page.locator(testId('screen-canvas')).boundingBox()).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1080,
    });

    // The demo district (domain §7): 8 signed, 3 started, 开工率 37.5%.
    await expect.poll(() => value('screen-started'), { timeout: 15_000 }).toBe('3');
    expect(await value('screen-start-rate')).toBe('37.5%');
    expect(await value('screen-signed')).toBe('8');
    expect(await value('screen-amount')).toBe('32.00');
    const summary = await e2e.stack.call('GET', `/api/dashboard/summary?year=${year}`, {
      token: bureauToken,
    });
    expect(summary.status).toBe(200);
    expect(await value('screen-key-works')).toBe(String(summary.body.keyWorks.count));
    expect(await value('screen-escalated')).toBe(String(summary.body.alerts.level3));
    // 问题清单 (dispatch.md §4): open and overdue problems.
    expect(await value('screen-problems-open')).toBe(String(summary.body.problems.open));
    expect(await value('screen-problems-overdue')).toBe(String(summary.body.problems.overdue));
    expect(await value('screen-updated-at')).toMatch(/^更新于 \d{2}:\d{2}:\d{2}$/);
    // The 督办 list: every unresolved level-3 alert (up to 50 of each status).
    expect(await e2e.page.locator(testId('screen-escalated-row')).count()).toBe(Math.min(escalated, 100));
    // Wait for the live stream before anything changes.
    await e2e.page.locator(testId('screen-live')).waitFor({ timeout: 15_000 });
    // Marks this document: a reload would lose it.
    await e2e.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // A project signed this year and not started yet: registered (落地) if need be, then started, today.
    const projects = await e2e.stack.call('GET', `/api/projects?year=${year}&pageSize=200`, {
      token: bureauToken,
    });
    expect(projects.status).toBe(200);
    const candidate = (projects.body.items as ProjectRow[]).find(
      (project) => project.stage === 'signed' || project.stage === 'registered',
    );
    expect(candidate, 'a signed, not started project of this year').toBeDefined();
    if (candidate!.stage === 'signed') await moveStage(candidate!.id, 'registered');
    await moveStage(candidate!.id, 'started');

    // Live: 开工 4 of 8 = 50.0%, in the same document.
    await expect.poll(() => value('screen-started'), { timeout: 20_000 }).toBe('4');
    expect(await value('screen-start-rate')).toBe('50.0%');
    expect(
      await e2e.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
    expect(await e2e.page.locator(testId('screen-offline')).count()).toBe(0);

    // A problem raised through the API: the open problems go up live, in the same document.
    const raised = await e2e.stack.call('POST', '/api/problems', {
      token: bureauToken,
      body: {
        subjectType: 'project',
        subjectId: candidate!.id,
        category: 'land',
        description: '大屏实时刷新测试问题',
        ownerDepartmentId: candidate!.leadDepartmentId,
        dueDate: today(),
      },
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    await expect
      .poll(() => value('screen-problems-open'), { timeout: 20_000 })
      .toBe(String(summary.body.problems.open + 1));

    await e2e.page.screenshot({ path: artifactPath('screen-1920.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
  });
});
