import { artifactPath } from '@luodi/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, useBrowserStack, signIn, testId } from './helpers';

/**
 * Issue 5: a department user handles a milestone in 审批待办 — accepts it (the clock and its light
 * start), approves it (办结) — and the approval figures follow.
 */
describe('approvals in the browser (department)', () => {
  const e2e = useBrowserStack({ context: { viewport: { width: 1440, height: 900 } } });
  let errors: string[];
  let bureauToken: string;

  const figures = async () => {
    const answer = await e2e.stack.call('GET', '/api/dashboard/summary', { token: bureauToken });
    expect(answer.status).toBe(200);
    return answer.body.approvals as { decidedCount: number; onTimeCount: number; overdueOpen: number };
  };

  /** A project that has no LAND_PLAN (建设用地规划许可证, 自然资源局) milestone yet. */
  async function projectWithoutLandPlan(): Promise<string> {
    const projects = await e2e.stack.call('GET', '/api/projects?pageSize=200', { token: bureauToken });
    expect(projects.status).toBe(200);
    for (const project of projects.body.items as Array<{ id: string }>) {
      const track = await e2e.stack.call('GET', `/api/projects/${project.id}/milestones`, {
        token: bureauToken,
      });
      if (!(track.body.items as Array<{ itemCode: string }>).some((row) => row.itemCode === 'LAND_PLAN'))
        return project.id;
    }
    throw new Error('every demo project already has a LAND_PLAN milestone');
  }

  beforeAll(async () => {
    bureauToken = await e2e.stack.login('bureau');
  });

  it('a department user accepts and approves a milestone and the light and figures change', async () => {
    // The bureau adds the item to a project and the applicant's materials arrive (through the API).
    const projectId = await projectWithoutLandPlan();
    const created = await e2e.stack.call('POST', `/api/projects/${projectId}/milestones`, {
      token: bureauToken,
      body: { itemCode: 'LAND_PLAN' },
    });
    expect(created.status).toBe(201);
    const milestoneId = created.body.id as string;
    expect(created.body.departmentName).toBe('自然资源局');
    const submitted = await e2e.stack.call('POST', `/api/milestones/${milestoneId}/events`, {
      token: bureauToken,
      body: { type: 'submit' },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('submitted');
    const before = await figures();

    // The department's 审批待办 (its home page), narrowed to the project.
    await signIn(e2e.page, e2e.stack.api.baseUrl, 'dept');
    // From here on (the login page's session probe, a refresh without a cookie, answers 401 before).
    errors = collectPageErrors(e2e.page);
    expect(new URL(e2e.page.url()).pathname).toBe('/approvals');
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/approvals?projectId=${projectId}`);
    const table = e2e.page.locator(testId('milestones-table'));
    const stateSelector = `${testId('milestone-state')}[data-milestone-id="${milestoneId}"]`;
    const state = table.locator(stateSelector);
    const row = table.locator('tbody tr', { has: e2e.page.locator(stateSelector) });
    const light = row.locator(testId('milestone-light'));
    const handle = row.locator(testId('event-open'));
    await expect.poll(async () => (await state.textContent())?.trim(), { timeout: 15_000 }).toBe('已收件');
    expect(await light.getAttribute('data-light')).toBe('none');

    // 受理: the clock starts, the light comes on.
    await handle.click();
    const dialog = e2e.page.locator(testId('event-dialog'));
    await dialog.locator(testId('event-type-accept')).click();
    await dialog.locator(testId('event-submit')).click();
    await expect.poll(async () => (await state.textContent())?.trim(), { timeout: 15_000 }).toBe('已受理');
    await expect.poll(() => light.getAttribute('data-light')).toMatch(/^(green|yellow)$/);
    expect((await row.locator(testId('milestone-remaining')).textContent())?.trim()).toMatch(
      /^剩余 \d+ 个工作日$/,
    );
    const accepted = await e2e.stack.call('GET', `/api/milestones/${milestoneId}`, { token: bureauToken });
    expect(accepted.body.state).toBe('accepted');
    expect(accepted.body.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await light.getAttribute('data-light')).toBe(accepted.body.light);

    // 办结: approve; only the events of the state are offered.
    await handle.click();
    await dialog.locator(testId('event-type-approve')).waitFor();
    expect(await dialog.locator(testId('event-type-accept')).count()).toBe(0);
    await dialog.locator(testId('event-type-approve')).click();
    await dialog.locator(testId('event-submit')).click();
    await expect.poll(async () => (await state.textContent())?.trim(), { timeout: 15_000 }).toBe('已办结');
    expect(await light.getAttribute('data-light')).toBe('none');
    expect(await row.locator(testId('event-open')).count()).toBe(0);

    const after = await figures();
    expect(after.decidedCount).toBe(before.decidedCount + 1);
    expect(after.onTimeCount).toBe(before.onTimeCount + 1);
    const decided = await e2e.stack.call('GET', `/api/milestones/${milestoneId}`, { token: bureauToken });
    expect(decided.body.state).toBe('approved');
    expect(decided.body.decidedOnTime).toBe(true);

    await e2e.page.screenshot({
      path: artifactPath('approvals-dept.png'),
      fullPage: true,
      animations: 'disabled',
    });
    expect(errors).toEqual([]);
  });
});
