import { readFile } from 'node:fs/promises';
import { artifactPath, testNow } from '@luodi/testing';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectPageErrors, useBrowserStack, signIn, testId } from './helpers';

/** The UI's percentage: one decimal (0.375 → "37.5%"). */
const percent = (rate: number | null) =>
  rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;

/** An Element Plus input: the test id sits on the <input> itself or on its wrapper. */
const input = (page: Page, id: string): Locator =>
  page.locator(`input${testId(id)}, ${testId(id)} input, textarea${testId(id)}`).first();

/** Open an Element Plus select and pick its first option (options carry the class `${id}-option`). */
async function pickFirst(page: Page, id: string): Promise<void> {
  await page.locator(testId(id)).click();
  await page.locator(`.${id}-option`).filter({ visible: true }).first().click();
}

describe('projects, stages, import and key works in the browser (bureau)', () => {
  const e2e = useBrowserStack({ context: { viewport: { width: 1440, height: 900 }, acceptDownloads: true } });
  let errors: string[];
  let bureauToken: string;

  const summary = async () => {
    const answer = await e2e.stack.call('GET', '/api/dashboard/summary', { token: bureauToken });
    expect(answer.status).toBe(200);
    return answer.body as {
      signedCount: number;
      startedCount: number;
      startRate: number | null;
      keyWorks: { count: number };
    };
  };
  const projectCount = async () => {
    const answer = await e2e.stack.call('GET', '/api/projects?pageSize=1', { token: bureauToken });
    expect(answer.status).toBe(200);
    return answer.body.total as number;
  };

  /** Open the cockpit and read its summary strip (once the figures have loaded). */
  async function readStrip() {
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/cockpit`);
    const signed = e2e.page.locator(testId('kpi-signed'));
    await expect.poll(async () => (await signed.textContent())?.trim(), { timeout: 15_000 }).toMatch(/^\d+$/);
    return {
      signed: (await signed.textContent())!.trim(),
      startRate: (await e2e.page.locator(testId('kpi-start-rate')).textContent())!.trim(),
      amount: (await e2e.page.locator(testId('kpi-amount')).textContent())!.trim(),
      keyWorks: (await e2e.page.locator(testId('kpi-key-works')).textContent())!.trim(),
    };
  }

  beforeAll(async () => {
    bureauToken = await e2e.stack.login('bureau');
  });
  beforeEach(async () => {
    await signIn(e2e.page, e2e.stack.api.baseUrl, 'bureau');
    // After signing in: the login page's session probe (a refresh without a cookie) answers 401.
    errors = collectPageErrors(e2e.page);
  });

  it('creates a project through the form, moves it to 开工, and the cockpit strip follows', async () => {
    const before = await summary();
    const stripBefore = await readStrip();
    expect(stripBefore.signed).toBe(String(before.signedCount));
    expect(stripBefore.startRate).toBe(percent(before.startRate));
    expect(stripBefore.keyWorks).toBe(String(before.keyWorks.count));

    await e2e.page.goto(`${e2e.stack.api.baseUrl}/projects`);
    await e2e.page
      .locator(`${testId('projects-table')} tbody tr`)
      .first()
      .waitFor();
    await e2e.page.screenshot({
      path: artifactPath('projects-list.png'),
      fullPage: true,
      animations: 'disabled',
    });

    await e2e.page.locator(testId('project-create')).click();
    await e2e.page.locator(testId('project-form')).waitFor();
    // The form's own rules first: an empty form and a bad amount are refused before any request.
    await e2e.page.locator(testId('project-form-submit')).click();
    await e2e.page
      .locator(`${testId('project-form')} .el-form-item__error`)
      .first()
      .waitFor();
    await input(e2e.page, 'pf-name').fill('浏览器测试新能源项目');
    await input(e2e.page, 'pf-investor').fill('测试投资有限公司');
    await pickFirst(e2e.page, 'pf-industry');
    await pickFirst(e2e.page, 'pf-source');
    await input(e2e.page, 'pf-amount').fill('12.345');
    await input(e2e.page, 'pf-amount').blur();
    await e2e.page.getByText('请输入不超过两位小数的金额').waitFor();
    await input(e2e.page, 'pf-amount').fill('50000');
    await pickFirst(e2e.page, 'pf-department');
    // 洽谈开始日期 is typed, not assumed to be today (a project is often entered after the fact).
    const talksDay = new Date(testNow().getTime() - 30 * 86_400_000).toLocaleDateString('en-CA', {
      timeZone: 'Asia/Shanghai',
    });
    await input(e2e.page, 'pf-talks-started').fill(talksDay);
    await input(e2e.page, 'pf-talks-started').press('Enter');
    await e2e.page.locator(testId('project-form-submit')).click();

    await e2e.page.waitForURL((url) => /^\/projects\/[^/]+$/.test(url.pathname));
    const stageTag = e2e.page.locator(testId('project-stage-tag'));
    await stageTag.getByText('在谈').waitFor();
    const projectId = new URL(e2e.page.url()).pathname.split('/').pop()!;

    // A forward jump to 开工 dated today (the date picker's default).
    await e2e.page.locator(testId('stage-next')).click();
    await e2e.page.locator(testId('stage-option-started')).click();
    expect(await input(e2e.page, 'stage-date').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await e2e.page.locator(testId('stage-submit')).click();
    await stageTag.getByText('开工').waitFor();
    await e2e.page
      .locator(`${testId('stage-timeline')}`)
      .getByText('签约')
      .waitFor();
    await e2e.page.screenshot({
      path: artifactPath('project-page.png'),
      fullPage: true,
      animations: 'disabled',
    });

    const detail = await e2e.stack.call('GET', `/api/projects/${projectId}`, { token: bureauToken });
    expect(detail.body.stage).toBe('started');
    expect(detail.body.signedAt).toBe(detail.body.startedAt);

    const after = await summary();
    expect(after.signedCount).toBe(before.signedCount + 1);
    expect(after.startedCount).toBe(before.startedCount + 1);
    const stripAfter = await readStrip();
    expect(stripAfter.signed).toBe(String(after.signedCount));
    expect(stripAfter.startRate).toBe(percent(after.startRate));
    expect(stripAfter.signed).not.toBe(stripBefore.signed);
    expect(stripAfter.startRate).not.toBe(stripBefore.startRate);
    await e2e.page.screenshot({ path: artifactPath('cockpit-strip.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
  });

  it('refuses an import with a bad row, lists that row, and imports nothing', async () => {
    const countBefore = await projectCount();
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/projects`);
    await e2e.page.locator(testId('project-import')).click();
    await e2e.page.locator(testId('import-dialog')).getByText('下载导入模板').waitFor();

    // The template, downloaded through the dialog's link.
    const [download] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.locator(testId('import-template')).click(),
    ]);
    const template = await readFile((await download.path())!);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).map((value) =>
      String(value ?? '').replace(/\*$/, ''),
    );
    const column = (header: string) => {
      const index = headers.indexOf(header);
      expect(index, `template column ${header}`).toBeGreaterThan(0);
      return index;
    };
    // Row 2: a good project; row 3: the same with a bad amount.
    const good: Record<string, string> = {
      项目名称: '导入测试项目（好）',
      投资方: '导入测试公司',
      '投资方来源（境内/港澳台/境外）': '境内',
      产业类别: String(sheet.getRow(2).getCell(column('产业类别')).value ?? ''),
      签约活动: '沪洽会',
      '合同投资额（万元）': '1000',
      '责任单位（名称或代码）': '自然资源局',
      // required when 签约日期 is empty (never dated the import day)
      洽谈开始日期: '2020-03-01',
    };
    for (const row of [2, 3]) {
      sheet.getRow(row).values = [];
      for (const [header, value] of Object.entries(good))
        sheet.getRow(row).getCell(column(header)).value = value;
    }
    sheet.getRow(3).getCell(column('项目名称')).value = '导入测试项目（坏）';
    sheet.getRow(3).getCell(column('合同投资额（万元）')).value = '十二万';
    const file = artifactPath('import-bad-row.xlsx');
    await workbook.xlsx.writeFile(file);

    await e2e.page.locator(`${testId('import-upload')} input[type="file"]`).setInputFiles(file);
    const table = e2e.page.locator(testId('import-errors'));
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const firstCells = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.querySelector('td')?.textContent?.trim()),
    );
    expect(firstCells).toContain('3');
    expect(firstCells).not.toContain('2');
    expect(await table.textContent()).toContain('合同投资额');
    await e2e.page.screenshot({ path: artifactPath('projects-import-errors.png'), animations: 'disabled' });

    expect(await projectCount()).toBe(countBefore);
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
  });

  it('lists the year’s key works with missing reports flagged', async () => {
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/key-works`);
    const rows = e2e.page.locator(`${testId('key-works-table')} .el-table__body tbody tr`);
    await rows.first().waitFor();
    const answer = await e2e.stack.call('GET', '/api/key-works', { token: bureauToken });
    expect(answer.status).toBe(200);
    await expect.poll(() => rows.count()).toBe(answer.body.total);
    const missing = (answer.body.items as Array<{ missingReports: string[] }>).filter(
      (item) => item.missingReports.length > 0,
    ).length;
    expect(await e2e.page.locator(testId('missing-reports')).count()).toBe(missing);
    await e2e.page.locator(testId('key-works-export')).waitFor();
    await e2e.page.screenshot({
      path: artifactPath('key-works.png'),
      fullPage: true,
      animations: 'disabled',
    });
    expect(errors).toEqual([]);
  });
});
