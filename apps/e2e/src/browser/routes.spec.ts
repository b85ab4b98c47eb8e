import { artifactPath } from '@luodi/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, signIn, testId, useBrowserStack } from './helpers';

/**
 * Approval routes (routes-and-forecast.md §2) in the browser: the bureau applies the default template
 * to a project without a route and sees the 审批路线 card — four stages, parallel items side by side,
 * stage 1 open, the rest not started, days used against the target; at 390 px the items stack.
 */
describe('approval routes in the browser (bureau)', () => {
  const e2e = useBrowserStack({ context: { viewport: { width: 1366, height: 768 } } });
  let bureauToken: string;

  beforeAll(async () => {
    bureauToken = await e2e.stack.login('bureau');
  });

  it('applies the default template to a project and shows the route by stage', async () => {
    const departments = await e2e.stack.call('GET', '/api/departments', { token: bureauToken });
    const created = await e2e.stack.call('POST', '/api/projects', {
      token: bureauToken,
      body: {
        name: '路线测试新能源项目',
        investor: '路线测试投资有限公司',
        investorOrigin: 'domestic',
        industry: '新能源',
        source: '沪洽会',
        contractAmount: '1000.00',
        leadDepartmentId: departments.body.items[0].id,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const projectId = created.body.id as string;

    await signIn(e2e.page, e2e.stack.api.baseUrl, 'bureau');
    const errors = collectPageErrors(e2e.page);
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/projects/${projectId}`);
    const card = e2e.page.locator(testId('project-route'));
    await card.locator(testId('route-apply')).click();
    const dialog = e2e.page.locator(testId('route-apply-dialog'));
    await dialog.locator(testId('route-apply-save')).click();

    await card.locator(testId('route-stage-4')).waitFor({ timeout: 15_000 });
    const statuses = [];
    for (const stage of [1, 2, 3, 4])
      statuses.push(await card.locator(testId(`route-stage-${stage}`)).getAttribute('data-status'));
    expect(statuses).toEqual(['open', 'planned', 'planned', 'planned']);
    const stageOne = card.locator(testId('route-stage-1'));
    for (const code of ['FILING', 'LAND_PRE', 'ENERGY', 'LAND_PLAN'])
      expect(await stageOne.locator(testId(`route-item-${code}`)).count()).toBe(1);
    expect((await card.locator(testId('route-item-JOINT_ACCEPT')).textContent()) ?? '').toContain('联合验收');
    expect(
      (
        await card.locator(testId('route-item-LAND_PLAN')).locator(testId('route-item-after')).textContent()
      )?.trim(),
    ).toBe('在 用地预审与选址意见书 之后');
    expect((await card.locator(testId('route-days')).textContent())?.trim()).toContain(
      '已用 0 / 目标 60 个工作日',
    );
    // Parallel items side by side on the office PC…
    const filing = (await card.locator(testId('route-item-FILING')).boundingBox())!;
    const landPre = (await card.locator(testId('route-item-LAND_PRE')).boundingBox())!;
    expect(Math.abs(filing.y - landPre.y)).toBeLessThan(2);
    expect(landPre.x).toBeGreaterThan(filing.x);
    await e2e.page.screenshot({
      path: artifactPath('route-card.png'),
      fullPage: true,
      animations: 'disabled',
    });

    // …stacked on a phone.
    await e2e.page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(async () => {
        const first = (await card.locator(testId('route-item-FILING')).boundingBox())!;
        const second = (await card.locator(testId('route-item-LAND_PRE')).boundingBox())!;
        return second.y > first.y + first.height - 1 && Math.abs(second.x - first.x) < 2;
      })
      .toBe(true);
    await e2e.page.screenshot({
      path: artifactPath('route-card-phone.png'),
      fullPage: true,
      animations: 'disabled',
    });

    const route = await e2e.stack.call('GET', `/api/projects/${projectId}/route`, { token: bureauToken });
    expect(route.body).toMatchObject({ applied: true, templateVersion: 1, targetDays: 60 });
    expect(errors).toEqual([]);
  });

  it('an admin edits the default template: saving creates version 2 and the list shows it', async () => {
    await e2e.page.setViewportSize({ width: 1366, height: 768 });
    await signIn(e2e.page, e2e.stack.api.baseUrl, 'admin');
    const errors = collectPageErrors(e2e.page);
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/system/routes`);
    const adminToken = await e2e.stack.login('admin');
    const [template] = (await e2e.stack.call('GET', '/api/route-templates', { token: adminToken })).body;
    await e2e.page.locator(testId(`route-template-edit-${template.templateKey}`)).click();
    const dialog = e2e.page.locator(testId('route-template-dialog'));
    // The loaded definition: stage 1's fourth row follows 用地预审.
    await expect
      .poll(async () => (await dialog.locator(testId('route-template-after-1-3')).textContent())?.trim(), {
        timeout: 15_000,
      })
      .toContain('用地预审与选址意见书');
    await dialog.locator(testId('route-template-versions')).waitFor();
    // Stage names are part of the template (api.md `stages: [{ name, items }]`).
    const stageName = testId('route-template-stage-name-3');
    await dialog.locator(`input${stageName}, ${stageName} input`).fill('施工许可（并联审批）');
    await dialog.locator(testId('route-template-save')).click();
    await expect
      .poll(
        async () =>
          (await e2e.stack.call('GET', '/api/route-templates', { token: adminToken })).body[0].version,
        {
          timeout: 15_000,
        },
      )
      .toBe(2);
    const detail = await e2e.stack.call('GET', `/api/route-templates/${template.id}`, { token: adminToken });
    expect(detail.body.versions.map((version: { version: number }) => version.version)).toEqual([2, 1]);
    const newest = await e2e.stack.call('GET', `/api/route-templates/${detail.body.versions[0].id}`, {
      token: adminToken,
    });
    expect(newest.body.stages.map((stage: { name: string }) => stage.name)).toEqual([
      '立项用地规划许可',
      '工程建设许可',
      '施工许可（并联审批）',
      '竣工验收',
    ]);
    expect(newest.body.stages.map((stage: { items: unknown[] }) => stage.items.length)).toEqual([4, 3, 2, 1]);
    await e2e.page.screenshot({
      path: artifactPath('route-templates.png'),
      fullPage: true,
      animations: 'disabled',
    });
    expect(errors).toEqual([]);
  });
});
