import { readFile } from 'node:fs/promises';
import { artifactPath, launchBrowser, startStack, type TestStack } from '@luodi/testing';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, signIn, submitLogin, testId } from './helpers';

/**
 * Issue 14: the bureau runs a dispatch meeting in the browser — creates it, reads the agenda generated
 * from the demo district's data, records two decisions (交办事项), closes it and downloads the minutes,
 * whose decisions table holds both; issues a 督办函 from a level-3 alert on the 督办 page; and runs the
 * meeting page on a phone (390×844): agenda and decision form fit the screen, a decision is recorded.
 */
describe('a dispatch meeting in the browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.stop();
  });

  it('opens the agenda, records two decisions, closes and downloads the minutes', async () => {
    await signIn(page, stack.api.baseUrl, 'bureau');
    const errors = collectPageErrors(page);
    await page.locator(testId('nav-meetings')).click();
    await page.locator(testId('meeting-create')).click();
    await page.locator(testId('meeting-title')).fill('浏览器调度会');
    await page.locator(testId('meeting-create-submit')).click();
    await page.waitForURL((url) => /^\/meetings\/\d+$/.test(url.pathname));
    const meetingId = new URL(page.url()).pathname.split('/').pop()!;

    // The agenda: the demo's open problems grouped by category and owner.
    await page.locator(testId('meeting-agenda')).waitFor();
    expect(await page.locator(testId('agenda-problems')).count()).toBeGreaterThan(1);

    const texts = ['限期落实用地指标', '倒排工期确保接入'];
    const dueDate = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    for (const [index, text] of texts.entries()) {
      await page.locator(testId('decision-problem')).click();
      await page.locator('.decision-problem-options .el-select-dropdown__item').nth(index).click();
      // The first is marked 督办, the second gets a new due date (an update changes something).
      if (index === 0) await page.locator(testId('decision-supervised')).click();
      else {
        const date = page.locator(`${testId('decision-due-date')} input`);
        await date.fill(dueDate);
        await date.press('Enter');
      }
      await page.locator(testId('decision-text')).fill(text);
      await page.locator(testId('decision-submit')).click();
      await expect
        .poll(async () => {
          const error = page.locator(testId('decision-error'));
          if (await error.count()) return `error: ${await error.textContent()}`;
          return page.locator(`${testId('decisions-table')} .el-table__body tr`).count();
        })
        .toBe(index + 1);
    }
    await page.screenshot({
      path: artifactPath('dispatch-meeting.png'),
      fullPage: true,
      animations: 'disabled',
    });

    await page.locator(testId('meeting-close')).click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await expect.poll(() => page.locator(testId('meeting-status')).textContent()).toContain('已结束');
    expect(await page.locator(testId('decision-form')).count()).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(testId('minutes-download')).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/纪要\.docx$/);
    const zip = await JSZip.loadAsync(await readFile((await download.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('责任单位');
    expect(xml).toContain('时限');
    for (const text of texts) expect(xml).toContain(text);
    await download.saveAs(artifactPath('dispatch-minutes.docx'));

    // The API agrees: two decisions, closed, further decisions refused.
    const token = await stack.login('bureau');
    const meeting = await stack.call('GET', `/api/meetings/${meetingId}`, { token });
    expect(meeting.body).toMatchObject({ status: 'closed' });
    expect(meeting.body.decisions).toHaveLength(2);
    expect(meeting.body.decisions[0].supervised).toBe(true);
    expect(meeting.body.decisions[1].dueDate).toBe(dueDate);
    expect(errors).toEqual([]);
  });

  it('issues a 督办函 from a level-3 alert on the 督办 page; the row then shows its number', async () => {
    const token = await stack.login('bureau');
    const checks = await stack.call('POST', '/api/checks/run', { token: await stack.login('admin') });
    expect(checks.status).toBe(200);
    // A session of its own (the meeting's page stays as it was).
    const own = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await own.newPage();
    await signIn(page, stack.api.baseUrl, 'bureau');
    const errors = collectPageErrors(page);
    await page.locator(testId('nav-alerts-escalated')).click();
    await page.waitForURL((url) => url.pathname === '/alerts/escalated');
    const button = page.locator(`${testId('escalated-table')} ${testId('escalated-issue-notice')}`).first();
    await button.waitFor();
    const alertId = (await button.getAttribute('data-alert-id'))!;
    await button.click();
    await page.locator(testId('notice-measures')).fill('请于3个工作日内落实整改并书面反馈');
    await page.locator(testId('notice-issue-submit')).click();

    const number = page.locator(`${testId('escalated-notice')}[data-alert-id="${alertId}"]`);
    // The list reloads after the notice is issued: give a busy machine time.
    await expect
      .poll(
        async () => {
          const error = page.locator(testId('notice-issue-error'));
          if (await error.count()) return `error: ${await error.textContent()}`;
          return number.count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    const shown = (await number.innerText()).trim();
    expect(shown).toMatch(/^〔\d{4}〕督字第\d+号$/);
    const alert = await stack.call('GET', `/api/alerts/${alertId}`, { token });
    expect(alert.body.notice.number).toBe(shown);
    const notice = await stack.call('GET', `/api/notices/${alert.body.notice.id}`, { token });
    expect(notice.body).toMatchObject({ sourceType: 'alert', sourceId: alertId, number: shown });
    expect(errors).toEqual([]);
    await own.close();
  });

  it('runs the meeting page on a phone: the agenda and the decision form fit 390 px', async () => {
    const token = await stack.login('bureau');
    const chairs = await stack.call('GET', '/api/meetings/chairs', { token });
    const created = await stack.call('POST', '/api/meetings', {
      token,
      body: {
        date: new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10),
        title: '手机调度会',
        kind: 'monthly',
        chairUserId: chairs.body[0].id,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await phone.newPage();
    // On a phone the menu is a drawer (hidden): the breadcrumbs say the app is there.
    await page.goto(`${stack.api.baseUrl}/login`);
    await submitLogin(page, 'bureau');
    await page.locator(testId('breadcrumb')).waitFor();
    const errors = collectPageErrors(page);
    await page.goto(`${stack.api.baseUrl}/meetings/${created.body.id}`);
    await page.locator(testId('meeting-agenda')).waitFor();
    await page.locator(testId('decision-form')).waitFor();
    await page.screenshot({ path: artifactPath('dispatch-meeting-phone.png'), animations: 'disabled' });

    // Nothing scrolls sideways, and every part of the agenda and of the form lies within the screen.
    const overflow = await page.evaluate(() => {
      const main = document.querySelector('.app-main');
      const outside = Array.from(
        document.querySelectorAll(
          '[data-testid="meeting-agenda"] *, [data-testid="decision-form"] *, [data-testid="meeting-head"] *',
        ),
      )
        .filter((node) => {
          const rect = node.getBoundingClientRect();
          return rect.width > 0 && (rect.left < -1 || rect.right > window.innerWidth + 1);
        })
        .map((node) => `${node.tagName.toLowerCase()}.${Array.from(node.classList).join('.')}`);
      return {
        page: document.scrollingElement!.scrollWidth - window.innerWidth,
        main: main ? main.scrollWidth - main.clientWidth : 0,
        outside: [...new Set(outside)].slice(0, 10),
      };
    });
    expect(overflow).toEqual({ page: 0, main: 0, outside: [] });
    // The form's fields take the screen's width (labels above them), not a sliver beside a label.
    for (const id of ['decision-text', 'decision-submit']) {
      const box = (await page.locator(testId(id)).boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(390);
    }
    const text = (await page.locator(testId('decision-text')).boundingBox())!;
    expect(text.width).toBeGreaterThan(300);

    // A decision recorded from the phone.
    await page.locator(testId('decision-problem')).click();
    await page.locator('.decision-problem-options .el-select-dropdown__item').first().click();
    await page.locator(testId('decision-supervised')).click();
    await page.locator(testId('decision-text')).fill('手机上交办');
    await page.locator(testId('decision-submit')).click();
    await expect
      .poll(async () => {
        const error = page.locator(testId('decision-error'));
        if (await error.count()) return `error: ${await error.textContent()}`;
        return page.locator(testId('decisions-table')).innerText();
      })
      .toContain('手机上交办');
    await page.locator(testId('meeting-decisions')).screenshot({
      path: artifactPath('dispatch-meeting-phone-decisions.png'),
      animations: 'disabled',
    });
    await page.addStyleTag({
      content: '.app-shell { height: auto !important; } .app-main { overflow: visible !important; }',
    });
    await page.screenshot({
      path: artifactPath('dispatch-meeting-phone-full.png'),
      fullPage: true,
      animations: 'disabled',
    });
    expect(errors).toEqual([]);
    await phone.close();
  });
});
