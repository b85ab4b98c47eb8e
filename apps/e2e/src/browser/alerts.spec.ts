import { artifactPath } from '@luodi/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, useBrowserStack, signIn, testId } from './helpers';

interface AlertRow {
  id: string;
  kind: string;
  level: number;
  status: string;
  subjectId: string;
  projectName: string;
  answer: { category: string; cause: string; measures: string; expectedDate: string } | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Issue 6: a department user (自然资源局) has the 预警 inbox open; the checks raise a new alert, which
 * appears live (no reload) with the header badge moving; the department acknowledges and answers it;
 * the leader finds it, with the answer, on the 督办 list.
 */
describe('alerts in the browser (department inbox live, leader 督办)', () => {
  const e2e = useBrowserStack({
    context: { viewport: { width: 1440, height: 900 } },
    stack: { worker: true },
  });
  let bureauToken: string;
  let deptToken: string;

  const alertsOf = async (token: string, query = 'pageSize=200'): Promise<AlertRow[]> => {
    const answer = await e2e.stack.call('GET', `/api/alerts?${query}`, { token });
    expect(answer.status).toBe(200);
    return answer.body.items as AlertRow[];
  };
  const openTotal = async (token: string): Promise<number> => {
    const answer = await e2e.stack.call('GET', '/api/alerts?status=open&pageSize=1', { token });
    expect(answer.status).toBe(200);
    return answer.body.total as number;
  };

  /** A project that has no LAND_PLAN (建设用地规划许可证, 自然资源局) milestone yet. */
  async function projectWithoutLandPlan(): Promise<{ id: string; name: string }> {
    const projects = await e2e.stack.call('GET', '/api/projects?pageSize=200', { token: bureauToken });
    expect(projects.status).toBe(200);
    for (const project of projects.body.items as Array<{ id: string; name: string }>) {
      const track = await e2e.stack.call('GET', `/api/projects/${project.id}/milestones`, {
        token: bureauToken,
      });
      if (!(track.body.items as Array<{ itemCode: string }>).some((row) => row.itemCode === 'LAND_PLAN'))
        return project;
    }
    throw new Error('every demo project already has a LAND_PLAN milestone');
  }

  beforeAll(async () => {
    [bureauToken, deptToken] = await Promise.all([e2e.stack.login('bureau'), e2e.stack.login('dept')]);
  });

  it('a new alert appears live in the department inbox; the department acknowledges and answers it; the leader sees it in 督办', async () => {
    // The department's inbox, opened from the header bell.
    await signIn(e2e.page, e2e.stack.api.baseUrl, 'dept');
    const errors = collectPageErrors(e2e.page);
    const badge = e2e.page.locator(testId('alerts-badge'));
    await badge.click();
    await e2e.page.waitForURL((url) => url.pathname === '/alerts');
    const table = e2e.page.locator(testId('alerts-table'));
    await table.waitFor();
    // Wait for the live stream to be connected before anything happens.
    await e2e.page.locator(testId('alerts-live')).waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => Number(await badge.getAttribute('data-count')))
      .toBe(await openTotal(deptToken));
    const badgeBefore = Number(await badge.getAttribute('data-count'));
    // Marks this document: a reload would lose it.
    await e2e.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // A 自然资源局 milestone accepted 90 days ago, long past its deadline (red, ≥ 3 working days overdue).
    const project = await projectWithoutLandPlan();
    const created = await e2e.stack.call('POST', `/api/projects/${project.id}/milestones`, {
      token: bureauToken,
      body: { itemCode: 'LAND_PLAN' },
    });
    expect(created.status).toBe(201);
    expect(created.body.departmentName).toBe('自然资源局');
    const milestoneId = created.body.id as string;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString();
    for (const [type, when] of [
      ['submit', at(91)],
      ['accept', at(90)],
    ] as const) {
      const recorded = await e2e.stack.call('POST', `/api/milestones/${milestoneId}/events`, {
        token: bureauToken,
        body: { type, at: when },
      });
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    }
    const red = await e2e.stack.call('GET', `/api/milestones/${milestoneId}`, { token: bureauToken });
    expect(red.body.light).toBe('red');

    // The checks run (the scheduled run may beat this one to it: either way the alert is raised once).
    const run = await e2e.stack.call('POST', '/api/checks/run', { token: bureauToken });
    expect(run.status).toBe(200);
    expect(run.body).toEqual(
      expect.objectContaining({
        raised: expect.any(Number),
        escalated: expect.any(Number),
        resolved: expect.any(Number),
        deemedApproved: expect.any(Number),
      }),
    );
    let alert: AlertRow | undefined;
    await expect
      .poll(
        async () => {
          alert = (await alertsOf(deptToken)).find(
            (row) => row.subjectId === milestoneId && row.kind === 'milestone_overdue',
          );
          return alert?.status;
        },
        { timeout: 30_000 },
      )
      .toBe('open');
    const alertId = alert!.id;
    // 3 working days overdue: escalated to 督办 at once.
    expect(alert!.level).toBe(3);

    // Live: the row shows up and the badge moves, without a reload.
    const level = table.locator(`${testId('alert-level')}[data-alert-id="${alertId}"]`);
    await level.waitFor({ timeout: 30_000 });
    expect(await level.getAttribute('data-level')).toBe('3');
    expect((await level.textContent())?.trim()).toBe('督办');
    const row = table.locator('tbody tr', {
      has: e2e.page.locator(`${testId('alert-level')}[data-alert-id="${alertId}"]`),
    });
    expect(await row.locator(testId('alert-kind')).innerText()).toBe('已逾期');
    expect(await row.innerText()).toContain(project.name);
    await expect
      .poll(async () => Number(await badge.getAttribute('data-count')), { timeout: 30_000 })
      .toBe(await openTotal(deptToken));
    expect(Number(await badge.getAttribute('data-count'))).toBeGreaterThan(badgeBefore);
    expect(
      await e2e.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
    const badgeWithAlert = Number(await badge.getAttribute('data-count'));

    // 签收 with a note (required).
    await table.locator(`${testId('alert-ack')}[data-alert-id="${alertId}"]`).click();
    const ackDialog = e2e.page.locator(testId('ack-dialog'));
    await ackDialog.locator(`textarea${testId('ack-note')}`).fill('已知悉，正在核实规划条件');
    await ackDialog.locator(testId('ack-submit')).click();
    await ackDialog.waitFor({ state: 'hidden' });
    await expect
      .poll(
        async () => (await e2e.stack.call('GET', `/api/alerts/${alertId}`, { token: deptToken })).body.status,
      )
      .toBe('acknowledged');
    // Unacknowledged alerts come first, so the acknowledged one may move to a later page: filter on 已签收.
    await e2e.page.locator(testId('alerts-filter-status')).click();
    await e2e.page.locator('.el-select-dropdown__item:visible', { hasText: '已签收' }).click();
    const status = table.locator(`${testId('alert-status')}[data-alert-id="${alertId}"]`);
    await expect
      .poll(() => status.getAttribute('data-status', { timeout: 1_000 }).catch(() => null), {
        timeout: 15_000,
      })
      .toBe('acknowledged');
    const afterAck = await openTotal(deptToken);
    expect(afterAck).toBeLessThan(badgeWithAlert);
    await expect
      .poll(async () => Number(await badge.getAttribute('data-count')), { timeout: 15_000 })
      .toBe(afterAck);

    // 反馈: category, cause, measures, expected date (all required).
    await table.locator(`${testId('alert-answer')}[data-alert-id="${alertId}"]`).click();
    const answerDialog = e2e.page.locator(testId('answer-dialog'));
    await answerDialog.locator(testId('answer-category-needs_coordination')).click();
    await answerDialog.locator(`textarea${testId('answer-cause')}`).fill('规划条件需市局复核');
    await answerDialog.locator(`textarea${testId('answer-measures')}`).fill('已函请市局本周内复核');
    const expected = new Date(Date.now() + 30 * DAY_MS).toISOString().slice(0, 10);
    const date = answerDialog.locator(`${testId('answer-date')} input`);
    await date.fill(expected);
    await date.press('Enter');
    await answerDialog.locator(testId('answer-submit')).click();
    await answerDialog.waitFor({ state: 'hidden' });
    await expect
      .poll(
        async () => (await e2e.stack.call('GET', `/api/alerts/${alertId}`, { token: deptToken })).body.answer,
      )
      .toEqual(
        expect.objectContaining({
          category: 'needs_coordination',
          cause: '规划条件需市局复核',
          measures: '已函请市局本周内复核',
          expectedDate: expected,
        }),
      );
    await row.locator(testId('alert-answer-category')).waitFor();
    expect(await row.locator(testId('alert-answer-category')).innerText()).toBe('需协调');
    await e2e.page.screenshot({
      path: artifactPath('alerts-dept.png'),
      fullPage: true,
      animations: 'disabled',
    });
    expect(errors).toEqual([]);

    // The leader's 督办 list: level-3 alerts with the department's answer.
    const leaderContext = await e2e.browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const leaderPage = await leaderContext.newPage();
      await signIn(leaderPage, e2e.stack.api.baseUrl, 'leader');
      await leaderPage.locator(testId('nav-alerts-escalated')).click();
      await leaderPage.waitForURL((url) => url.pathname === '/alerts/escalated');
      const escalated = leaderPage.locator(testId('escalated-table'));
      const leaderRow = escalated.locator('tbody tr', {
        has: leaderPage.locator(`${testId('alert-level')}[data-alert-id="${alertId}"]`),
      });
      await leaderRow.waitFor({ timeout: 15_000 });
      expect(await leaderRow.locator(testId('escalated-category')).innerText()).toBe('需协调');
      expect(await leaderRow.locator(testId('escalated-cause')).innerText()).toBe('规划条件需市局复核');
      expect(await leaderRow.locator(testId('escalated-measures')).innerText()).toBe('已函请市局本周内复核');
      expect(await leaderRow.locator(testId('escalated-expected')).innerText()).toBe(expected);
      // Every row of the list is level 3.
      const levels = await escalated
        .locator(testId('alert-level'))
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-level')));
      expect(levels.length).toBeGreaterThan(0);
      expect(new Set(levels)).toEqual(new Set(['3']));
      await leaderPage.screenshot({
        path: artifactPath('alerts-escalated-leader.png'),
        fullPage: true,
        animations: 'disabled',
      });
    } finally {
      await leaderContext.close();
    }
  });
});
