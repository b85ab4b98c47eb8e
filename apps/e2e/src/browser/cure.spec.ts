import { artifactPath } from '@luodi/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, submitLogin, testId, useBrowserStack } from './helpers';

/**
 * 容缺受理 on a phone (390×844): a department user accepts a milestone with materials missing (the
 * 容缺 tag shows on the row), then records the cure (补正) from the row and the tag goes.
 */
describe('容缺受理 in the browser (department, phone)', () => {
  const e2e = useBrowserStack({ context: { viewport: { width: 390, height: 844 } } });
  let bureauToken: string;

  beforeAll(async () => {
    bureauToken = await e2e.stack.login('bureau');
  });

  /** A project without a LAND_PLAN (建设用地规划许可证, 自然资源局, 5 promised working days). */
  async function projectWithoutLandPlan(): Promise<string> {
    const projects = await e2e.stack.call('GET', '/api/projects?pageSize=200', { token: bureauToken });
    for (const project of projects.body.items as Array<{ id: string }>) {
      const track = await e2e.stack.call('GET', `/api/projects/${project.id}/milestones`, {
        token: bureauToken,
      });
      if (!(track.body.items as Array<{ itemCode: string }>).some((row) => row.itemCode === 'LAND_PLAN'))
        return project.id;
    }
    throw new Error('every demo project already has a LAND_PLAN milestone');
  }

  it('records a 容缺 acceptance, shows 容缺 on the row, then records the cure', async () => {
    const projectId = await projectWithoutLandPlan();
    const created = await e2e.stack.call('POST', `/api/projects/${projectId}/milestones`, {
      token: bureauToken,
      body: { itemCode: 'LAND_PLAN' },
    });
    expect(created.status).toBe(201);
    const milestoneId = String(created.body.id);
    const submitted = await e2e.stack.call('POST', `/api/milestones/${milestoneId}/events`, {
      token: bureauToken,
      body: { type: 'submit' },
    });
    expect(submitted.status).toBe(200);
    // Tomorrow in the district: after the acceptance date, within 5 working days.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

    // On a phone the menu is a drawer: the shell's breadcrumb tells the app is there.
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/login`);
    await submitLogin(e2e.page, 'dept');
    await e2e.page.locator(testId('breadcrumb')).waitFor();
    const errors = collectPageErrors(e2e.page);
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/approvals?projectId=${projectId}`);
    const ofMilestone = (id: string) => `${testId(id)}[data-milestone-id="${milestoneId}"]`;
    const state = e2e.page.locator(ofMilestone('milestone-state')).first();
    await expect.poll(async () => (await state.textContent())?.trim(), { timeout: 15_000 }).toBe('已收件');

    // 受理 with 容缺: the switch, the missing materials, the cure deadline.
    await e2e.page.locator(ofMilestone('event-open')).first().click();
    const dialog = e2e.page.locator(testId('event-dialog'));
    await dialog.locator(testId('event-type-accept')).click();
    await dialog.locator(testId('event-with-missing')).click();
    await dialog.locator(`textarea${testId('event-missing-materials')}`).fill('环评批复（原件）\n法人授权书');
    const deadline = dialog.locator(`${testId('event-cure-deadline')} input`);
    await deadline.fill(tomorrow);
    await deadline.press('Enter');
    await dialog.locator(testId('event-submit')).click();
    await expect.poll(async () => (await state.textContent())?.trim(), { timeout: 15_000 }).toBe('已受理');
    const flag = e2e.page.locator(`${ofMilestone('milestone-flag')}[data-flag="cure"]`).first();
    await expect.poll(async () => (await flag.textContent())?.trim(), { timeout: 15_000 }).toBe('容缺');
    const accepted = await e2e.stack.call('GET', `/api/milestones/${milestoneId}`, { token: bureauToken });
    expect(accepted.body.cure).toMatchObject({
      missingMaterials: ['环评批复（原件）', '法人授权书'],
      deadline: tomorrow,
      curedAt: null,
    });
    // Nothing wider than the phone.
    const overflow = await e2e.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await e2e.page.screenshot({
      path: artifactPath('cure-accepted-phone.png'),
      fullPage: true,
      animations: 'disabled',
    });

    // 补正 from the row: the dialog opens on the cure; the tag goes.
    await e2e.page.locator(ofMilestone('event-quick-cure')).first().click();
    await expect
      .poll(() => dialog.locator(`${testId('event-type-cure')} input`).isChecked(), { timeout: 15_000 })
      .toBe(true);
    await dialog.locator(testId('event-submit')).click();
    await expect.poll(() => flag.count(), { timeout: 15_000 }).toBe(0);
    const cured = await e2e.stack.call('GET', `/api/milestones/${milestoneId}`, { token: bureauToken });
    expect(cured.body.cure.curedAt).toEqual(expect.any(String));
    expect(errors).toEqual([]);
  });
});
