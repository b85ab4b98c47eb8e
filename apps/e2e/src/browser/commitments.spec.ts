import { readFile } from 'node:fs/promises';
import { artifactPath, testNow } from '@luodi/testing';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  collectPageErrors,
  expectNoSidewaysScroll,
  signIn,
  submitLogin,
  testId,
  useBrowserStack,
} from './helpers';

/** The UI's percentage: one decimal (0.375 → "37.5%"). */
const percent = (rate: number | null) =>
  rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;

/** An Element Plus input: the test id sits on the <input> itself or on its wrapper. */
const input = (page: Page, id: string): Locator =>
  page.locator(`input${testId(id)}, ${testId(id)} input, textarea${testId(id)}`).first();

/** A business date `days` from now, in the district (YYYY-MM-DD). */
const day = (days: number) =>
  new Date(testNow().getTime() + days * 86_400_000).toLocaleDateString('en-CA', {
    timeZone: 'Asia/Shanghai',
  });

interface Figures {
  clausesDue: number;
  clausesMet: number;
  rate: number | null;
}

describe('commitments in the browser (bureau): a clause and actuals move 履约率; the review sheet downloads', () => {
  const e2e = useBrowserStack({ context: { viewport: { width: 1366, height: 768 }, acceptDownloads: true } });
  let errors: string[];
  let token: string;

  const figures = async (): Promise<Figures> => {
    const answer = await e2e.stack.call('GET', '/api/dashboard/summary', { token });
    expect(answer.status).toBe(200);
    return (answer.body as { commitments: Figures }).commitments;
  };
  /** The cockpit's 履约率 once its figures are in. */
  async function cockpitRate(): Promise<string> {
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/cockpit`);
    const rate = e2e.page.locator(testId('commitments-rate')).locator('strong');
    await rate.waitFor({ timeout: 15_000 });
    return (await rate.textContent())!.trim();
  }

  beforeAll(async () => {
    token = await e2e.stack.login('bureau');
  });
  beforeEach(async () => {
    await signIn(e2e.page, e2e.stack.api.baseUrl, 'bureau');
    errors = collectPageErrors(e2e.page);
  });

  it('enters a due clause and the actuals that meet it on the project page; the cockpit follows', async () => {
    const before = await figures();
    expect(await cockpitRate()).toBe(percent(before.rate));

    // A project of this year's demo with no clause yet.
    const list = await e2e.stack.call('GET', '/api/projects?pageSize=1&stage=signed', { token });
    expect(list.status).toBe(200);
    const project = (list.body as { items: { id: string }[] }).items[0]!;
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/projects/${project.id}`);
    const card = e2e.page.locator(testId('commitments-card'));
    await card.waitFor();

    // Met when the rate is below 100 % (it rises), unmet otherwise (it falls).
    const meet = before.rate === null || before.rate < 1;
    await e2e.page.locator(testId('clause-add')).click();
    await e2e.page.locator(testId('clause-indicator')).click();
    await e2e.page.locator('.clause-indicator-option').filter({ hasText: '固定资产投资' }).click();
    await input(e2e.page, 'clause-agreed-value').fill('0');
    await e2e.page.locator(testId('clause-submit')).click();
    await e2e.page.locator(testId('clause-dialog')).getByText('约定值须为大于 0 的金额').waitFor();
    await input(e2e.page, 'clause-agreed-value').fill('1000');
    await input(e2e.page, 'clause-due-date').fill(day(-1));
    await input(e2e.page, 'clause-due-date').press('Enter');
    await e2e.page.locator(testId('clause-submit')).click();
    await card.locator(testId('clause-status-unmet')).waitFor();

    await e2e.page.locator(testId('actual-add')).click();
    // Last year's cumulative figure: a period that ended before the due date counts at it.
    await input(e2e.page, 'actual-period').fill(String(Number(day(-1).slice(0, 4)) - 1));
    await input(e2e.page, 'actual-fixedAssetInvestment').fill(meet ? '1000' : '999.99');
    await e2e.page.locator(testId('actual-submit')).click();
    await card
      .locator(testId('actuals-table'))
      .getByText(meet ? '1,000.00' : '999.99')
      .waitFor();
    await card.locator(testId(meet ? 'clause-status-met' : 'clause-status-unmet')).waitFor();

    const after = await figures();
    expect(after.clausesDue).toBe(before.clausesDue + 1);
    expect(after.clausesMet).toBe(before.clausesMet + (meet ? 1 : 0));
    const shown = await cockpitRate();
    expect(shown).toBe(percent(after.rate));
    expect(shown).not.toBe(percent(before.rate));
    await e2e.page.screenshot({ path: artifactPath('commitments-cockpit.png'), fullPage: true });

    // The rate drills to the clauses due.
    await e2e.page.locator(testId('commitments-rate')).click();
    await e2e.page.waitForURL((url) => url.pathname === '/commitments');
    expect(new URL(e2e.page.url()).searchParams.get('filter')).toBe('clauses_due');
    await e2e.page.locator(testId('commitments-drill')).waitFor();
    expect(errors).toEqual([]);
  });

  /** A project whose agreed full-production date has passed (its review is due), set up through the API. */
  async function dueReviewProject(index: number): Promise<string> {
    // The investment clause is unmet, with a clawback of half the subsidies paid (100 万元 → 50 万元).
    const list = await e2e.stack.call('GET', '/api/projects?pageSize=3&stage=signed', { token });
    const project = (list.body as { items: { id: string }[] }).items[index]!;
    const post = async (path: string, body: unknown) => {
      const answer = await e2e.stack.call('POST', path, { token, body });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    };
    await post(`/api/projects/${project.id}/subsidies`, { amount: '100.00', at: day(-2) });
    await post(`/api/projects/${project.id}/clauses`, {
      indicator: 'full_production_by',
      agreedDate: day(-10),
    });
    await post(`/api/projects/${project.id}/clauses`, {
      indicator: 'fixed_asset_investment',
      agreedValue: '1000',
      dueDate: day(-10),
      clawbackRatio: '0.5',
      clawbackBasis: 'subsidy',
    });
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/projects/${project.id}`);
    const panel = e2e.page.locator(testId('review-panel'));
    await expect
      .poll(async () => (await panel.locator(testId('review-recommended')).textContent())?.trim(), {
        timeout: 15_000,
      })
      .toBe('50.00');
    return project.id;
  }

  it('shows a due 达产复核 with its recommended clawback and downloads the sheet as .docx', async () => {
    await dueReviewProject(1);
    const [download] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.locator(testId('review-sheet')).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const docx = await readFile((await download.path())!);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    await download.saveAs(artifactPath('commitments-review.docx'));
    expect(errors).toEqual([]);
  });

  it('records the decision: waive needs a reason and a confirmation', async () => {
    await dueReviewProject(2);
    const panel = e2e.page.locator(testId('review-panel'));
    await panel.locator(testId('review-decide')).click();
    await e2e.page.locator(testId('review-waive')).click();
    await e2e.page.locator(testId('review-submit')).click();
    await e2e.page.locator(testId('review-dialog')).getByText('请填写理由').waitFor();
    await input(e2e.page, 'review-reason').fill('企业受市场影响，经区政府研究同意免于追缴');
    await e2e.page.locator(testId('review-submit')).click();
    await e2e.page.locator('.el-message-box').getByText('确认复核决定').waitFor();
    await e2e.page.locator('.el-message-box__btns .el-button--primary').click();
    await panel.locator(testId('review-decided')).locator('.el-tag').getByText('免于追缴').waitFor();
    expect(errors).toEqual([]);
  });

  it('works on a phone (390×844): the 履约 list pages, the project card, actuals history, the review', async () => {
    // A project of the demo's older ones with a due review not decided by the tests above (its decision
    // button shows); one period entered twice (history).
    const listed = await e2e.stack.call('GET', '/api/commitments/projects?filter=reviews_due&pageSize=100', {
      token,
    });
    expect(listed.status).toBe(200);
    const rows = (listed.body as { items: { projectId: string; decidedClawback: string | null }[] }).items;
    const projectId = rows.find((row) => row.decidedClawback === null)!.projectId;
    const period = day(-1).slice(0, 7);
    for (const headcount of [120, 125]) {
      const put = await e2e.stack.call('PUT', `/api/projects/${projectId}/actuals/${period}`, {
        token,
        body: { headcount },
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
    }

    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    try {
      const page = await context.newPage();
      // The phone's menu is a closed drawer: the breadcrumb tells the shell is there.
      await page.goto(`${e2e.stack.api.baseUrl}/login`);
      await submitLogin(page, 'bureau');
      await page.locator(testId('breadcrumb')).waitFor();
      const phoneErrors = collectPageErrors(page);
      /** Shown and inside the screen's width (reachable without scrolling sideways). */
      const expectReachable = async (locator: Locator) => {
        await locator.scrollIntoViewIfNeeded();
        const box = (await locator.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      };

      // The list: filter, cards, the pager; nothing sideways.
      await page.goto(`${e2e.stack.api.baseUrl}/commitments`);
      await page.locator(testId('commitments-table')).waitFor();
      await expectNoSidewaysScroll(page);
      await expectReachable(page.locator(testId('commitments-filter')));
      await expectReachable(page.locator(testId('commitments-import-link')));
      await page.screenshot({ path: artifactPath('commitments-phone-list.png'), fullPage: true });
      await page.locator(testId('commitments-filter')).click();
      await page.locator('.commitments-filter-option').filter({ hasText: '待复核' }).first().click();
      await page.waitForURL((url) => url.searchParams.has('filter'));
      await page.locator(testId('commitments-drill')).waitFor();
      await expectNoSidewaysScroll(page);

      // The project's card: clauses, actuals (with the replaced version), subsidies, the review.
      await page.goto(`${e2e.stack.api.baseUrl}/projects/${projectId}`);
      const card = page.locator(testId('commitments-card'));
      await card.waitFor();
      await card.locator(testId('review-panel')).waitFor();
      await expectNoSidewaysScroll(page);
      for (const id of ['clause-add', 'actual-add', 'subsidy-add', 'review-decide'])
        await expectReachable(card.locator(testId(id)));
      await page.screenshot({ path: artifactPath('commitments-phone-project.png'), fullPage: true });

      const history = card.locator(testId(`actual-history-${period}`));
      await expectReachable(history);
      await history.click();
      const versions = page.locator(testId(`actual-history-list-${period}`));
      await versions.waitFor();
      await expectReachable(versions);
      expect(await versions.textContent()).toContain('120');
      await page.screenshot({ path: artifactPath('commitments-phone-actuals-history.png') });
      await page.keyboard.press('Escape');

      // A dialog fits the phone.
      await card.locator(testId('clause-add')).click();
      const dialog = page.locator(testId('clause-dialog'));
      await dialog.waitFor();
      await expectReachable(page.locator(testId('clause-submit')));
      await page.screenshot({ path: artifactPath('commitments-phone-clause-dialog.png') });
      expect(phoneErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
