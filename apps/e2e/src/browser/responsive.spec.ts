import { artifactPath, launchBrowser, startStack, type TestStack } from '@luodi/testing';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectPageErrors, expectNoSidewaysScroll, submitLogin, testId, type DemoUser } from './helpers';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The item of the milestone made overdue below: 建设用地规划许可证, handled by 自然资源局 (the demo dept user). */
const ITEM_CODE = 'LAND_PLAN';
const ITEM_NAME = '建设用地规划许可证';

/** A leader's phone in a 浙政钉/政务微信 webview, and the common office PC. */
const SCREENS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'office', width: 1366, height: 768 },
] as const;
type Screen = (typeof SCREENS)[number];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxesOf(locator: Locator): Promise<Box[]> {
  return locator.evaluateAll((nodes) =>
    nodes.map((node) => {
      const rect = node.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    }),
  );
}

/** Each box below the one before it, at the same left edge: one per row. */
function expectStacked(boxes: Box[], minWidth: number): void {
  expect(boxes.length).toBeGreaterThan(1);
  for (const [index, box] of boxes.entries()) {
    expect(box.width, `box ${index} width`).toBeGreaterThanOrEqual(minWidth);
    if (index === 0) continue;
    const above = boxes[index - 1]!;
    expect(Math.abs(box.x - above.x), `box ${index} left edge`).toBeLessThan(2);
    expect(box.y, `box ${index} below the one before`).toBeGreaterThanOrEqual(above.y + above.height - 1);
  }
}

/** Waits until no transition or animation runs (a dialog's or the drawer's), for a true screenshot. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running'),
  );
}

/** The dialog that just opened fills the phone's width; a screenshot of it, then Esc closes it. */
async function expectFullScreenDialog(page: Page, selector: string, width: number, name: string) {
  const dialog = page.locator(selector);
  await dialog.waitFor();
  expect(Math.round((await dialog.boundingBox())!.width)).toBe(width);
  await settled(page);
  await page.screenshot({ path: artifactPath(`responsive-phone-${name}.png`) });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * Two screenshots: what the window shows (`name.png`), then the whole page (`name-full.png`, the shell
 * let grow to its content first: its main area scrolls).
 */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(`responsive-${name}.png`) });
  await page.addStyleTag({
    content: '.app-shell { height: auto !important; } .app-main { overflow: visible !important; }',
  });
  await page.screenshot({ path: artifactPath(`responsive-${name}-full.png`), fullPage: true });
}

/**
 * Issue 13 item 1: the leader's cockpit, the department's alert inbox and the bureau's project pages
 * on a phone (390×844) and an office PC (1366×768): the menu is a drawer on the phone and icons on the
 * PC, nothing scrolls sideways, cards stack one per row, an alert card names its project and approval
 * item, dialogs fill a phone's screen, every page has breadcrumbs and the menu works from the keyboard.
 * Screenshots go to test-artifacts/responsive-*.png.
 */
describe('phones and office PCs (390×844, 1366×768)', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let project: { id: string; name: string };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
    const bureauToken = await stack.login('bureau');
    // A 自然资源局 milestone long past its deadline, so the department's inbox has an alert about it.
    const projects = await stack.call('GET', '/api/projects?pageSize=200', { token: bureauToken });
    expect(projects.status).toBe(200);
    for (const candidate of projects.body.items as Array<{ id: string; name: string }>) {
      const track = await stack.call('GET', `/api/projects/${candidate.id}/milestones`, {
        token: bureauToken,
      });
      if (!(track.body.items as Array<{ itemCode: string }>).some((row) => row.itemCode === ITEM_CODE)) {
        project = candidate;
        break;
      }
    }
    expect(project, 'a demo project without a LAND_PLAN milestone').toBeDefined();
    const created = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
      token: bureauToken,
      body: { itemCode: ITEM_CODE },
    });
    expect(created.status).toBe(201);
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS).toISOString();
    for (const [type, when] of [
      ['submit', at(91)],
      ['accept', at(90)],
    ] as const) {
      const recorded = await stack.call('POST', `/api/milestones/${created.body.id as string}/events`, {
        token: bureauToken,
        body: { type, at: when },
      });
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    }
    expect((await stack.call('POST', '/api/checks/run', { token: bureauToken })).status).toBe(200);
    // The alert list answers with the item's name, not only the kind of subject.
    const alerts = await stack.call('GET', '/api/alerts?pageSize=200', { token: bureauToken });
    const ours = (alerts.body.items as Array<{ subjectId: string; itemName: string | null }>).find(
      (alert) => alert.subjectId === created.body.id,
    );
    expect(ours?.itemName).toBe(ITEM_NAME);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    await context?.close();
  });

  /** Sign in at this screen size and wait for the shell (its breadcrumbs). */
  async function signInAt(screen: Screen, user: DemoUser): Promise<void> {
    context = await browser.newContext({ viewport: { width: screen.width, height: screen.height } });
    page = await context.newPage();
    await page.goto(`${stack.api.baseUrl}/login`);
    await submitLogin(page, user);
    await page.locator(testId('breadcrumb')).waitFor();
    errors = collectPageErrors(page);
  }

  /** The menu: a closed drawer behind ☰ on the phone, an icon column on the office PC. */
  async function expectMenuFor(screen: Screen): Promise<void> {
    if (screen.name === 'phone') {
      await expect.poll(() => page.locator(testId('nav')).isVisible()).toBe(false);
      expect(await page.locator(testId('nav-toggle')).isVisible()).toBe(true);
      expect(await page.locator('.app-aside').count()).toBe(0);
    } else {
      const aside = page.locator('.app-aside');
      await expect.poll(async () => (await aside.boundingBox())?.width ?? 0).toBeLessThan(80);
      expect(await page.locator(testId('nav')).isVisible()).toBe(true);
    }
  }

  beforeEach(() => {
    errors = [];
  });

  for (const screen of SCREENS) {
    describe(`${screen.name} ${screen.width}×${screen.height}`, () => {
      it("the leader's cockpit: menu, breadcrumbs, cards and charts, nothing sideways", async () => {
        await signInAt(screen, 'leader');
        await page.waitForURL((url) => url.pathname === '/cockpit');
        const signed = page.locator(testId('kpi-signed'));
        await expect
          .poll(async () => (await signed.textContent())?.trim(), { timeout: 15_000 })
          .toMatch(/^\d+$/);
        await page
          .locator(`${testId('chart-funnel')} svg`)
          .first()
          .waitFor({ timeout: 15_000 });
        expect(await page.locator(testId('breadcrumb-current')).textContent()).toContain('驾驶舱');
        await screenshot(page, `${screen.name}-cockpit`);
        await expectMenuFor(screen);
        await expectNoSidewaysScroll(page);

        const cards = await boxesOf(page.locator(`${testId('kpi-strip')} > *`));
        const charts = await boxesOf(page.locator('.cockpit .grid > *'));
        if (screen.name === 'phone') {
          // One card a row, as wide as the page allows (390 − the main area's padding), charts likewise.
          expectStacked(cards, 300);
          expectStacked(charts, 300);
          expect(Math.min(...charts.map((chart) => chart.height))).toBeGreaterThanOrEqual(250);
          // The 督办 list and the scorecard are cards, not tables scrolling sideways.
          expect(await page.locator(`${testId('cockpit-escalated')} .el-table`).count()).toBe(0);
          expect(await page.locator(`${testId('scorecard')} .el-table`).count()).toBe(0);
          const scoreCards = page.locator(`${testId('scorecard-table')} ${testId('list-card')}`);
          await scoreCards.first().waitFor({ timeout: 15_000 });
          expectStacked(await boxesOf(scoreCards), 300);
          // The lower cards at their own size, to look at.
          for (const [index, card] of (await page.locator('.cockpit .grid > *').all()).slice(4).entries())
            await card.screenshot({ path: artifactPath(`responsive-phone-cockpit-card-${index + 5}.png`) });
        } else {
          // Several cards a row on the PC; the 督办 list and the scorecard are tables there.
          expect(new Set(cards.map((card) => Math.round(card.y))).size).toBeLessThan(cards.length);
          expect(await page.locator(`${testId('scorecard-table')}.el-table`).count()).toBe(1);
          expect(await page.locator(`${testId('cockpit-escalated-table')}.el-table`).count()).toBe(1);
        }

        if (screen.name === 'phone') {
          // ☰ opens the drawer; choosing 预警 goes there and closes it.
          await page.locator(testId('nav-toggle')).click();
          const drawer = page.locator(testId('nav'));
          await drawer.waitFor();
          // Slid in (the drawer animates from the left edge), and narrower than the phone.
          await expect.poll(async () => Math.round((await drawer.boundingBox())?.x ?? -1)).toBe(0);
          expect((await drawer.boundingBox())!.width).toBeLessThan(screen.width);
          await settled(page);
          await page.screenshot({ path: artifactPath('responsive-phone-drawer.png') });
          await page.locator(testId('nav-alerts')).click();
          await page.waitForURL((url) => url.pathname === '/alerts');
          await expect.poll(() => drawer.isVisible()).toBe(false);
        } else {
          // The menu from the keyboard: Tab reaches 项目 (with a visible focus ring), Enter opens it.
          let focused = '';
          for (let step = 0; step < 25 && focused !== 'nav-projects'; step += 1) {
            await page.keyboard.press('Tab');
            focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
          }
          expect(focused).toBe('nav-projects');
          const outline = await page.evaluate(
            () => getComputedStyle(document.activeElement as Element).outlineStyle,
          );
          expect(outline).not.toBe('none');
          await page.keyboard.press('Enter');
          await page.waitForURL((url) => url.pathname === '/projects');
          expect(await page.locator(testId('breadcrumb-current')).textContent()).toContain('项目');
        }
      });

      it("the department's alert inbox: each alert names its project and approval item", async () => {
        await signInAt(screen, 'dept');
        await page.goto(`${stack.api.baseUrl}/alerts`);
        await page.locator(testId('page-alerts')).waitFor();
        await expectMenuFor(screen);
        expect(await page.locator(testId('breadcrumb-current')).textContent()).toContain('预警');
        if (screen.name === 'phone') {
          const cards = page.locator(`${testId('alerts-table')} ${testId('list-card')}`);
          await cards.first().waitFor({ timeout: 15_000 });
          expect(await page.locator(`${testId('alerts-table')}.el-table`).count()).toBe(0);
          expectStacked(await boxesOf(cards), 300);
          const ours = cards.filter({ hasText: project.name });
          expect(await ours.count()).toBeGreaterThan(0);
          const text = (await ours.first().textContent()) ?? '';
          expect(text).toContain(project.name);
          expect(text).toContain(ITEM_NAME);
          // The card's buttons are there too (查看 at least).
          expect(await ours.first().locator(testId('alert-view')).isVisible()).toBe(true);
          // A dialog fills the phone's screen.
          await ours.first().locator(testId('alert-view')).click();
          await expectFullScreenDialog(page, '.el-dialog.is-fullscreen', screen.width, 'alert-dialog');
        } else {
          const row = page.locator(`${testId('alerts-table')} .el-table__body tr`).filter({
            hasText: project.name,
          });
          await row.first().waitFor({ timeout: 15_000 });
          expect((await row.first().locator(testId('alert-item')).first().textContent())?.trim()).toBe(
            ITEM_NAME,
          );
          // The key columns (level, the project and item) stay in view when the table scrolls.
          expect(
            await page.locator(`${testId('alerts-table')} th.el-table-fixed-column--left`).count(),
          ).toBeGreaterThanOrEqual(2);
        }
        await expectNoSidewaysScroll(page);
        await screenshot(page, `${screen.name}-alerts`);
      });

      it("the bureau's projects and a project's page", async () => {
        await signInAt(screen, 'bureau');
        await page.waitForURL((url) => url.pathname === '/projects');
        await expectMenuFor(screen);
        if (screen.name === 'phone') {
          const cards = page.locator(`${testId('projects-table')} ${testId('list-card')}`);
          await cards.first().waitFor({ timeout: 15_000 });
          expectStacked(await boxesOf(cards), 300);
          expect(await cards.first().locator('a[href^="/projects/"]').count()).toBe(1);
        } else {
          await page
            .locator(`${testId('projects-table')} .el-table__body tr`)
            .first()
            .waitFor();
          expect(
            await page.locator(`${testId('projects-table')} th.el-table-fixed-column--left`).count(),
          ).toBe(2);
        }
        await expectNoSidewaysScroll(page);
        await screenshot(page, `${screen.name}-projects`);

        if (screen.name === 'phone') {
          // The new-project form fills the screen.
          await page.locator(testId('project-create')).click();
          const form = `${testId('project-form-dialog')}.is-fullscreen`;
          await expectFullScreenDialog(page, form, screen.width, 'project-form');
        }

        await page.goto(`${stack.api.baseUrl}/projects/${project.id}`);
        await page.locator(testId('page-project')).waitFor();
        await page.getByText(ITEM_NAME).first().waitFor({ timeout: 15_000 });
        const crumbs = await page
          .locator(`${testId('breadcrumb')} .el-breadcrumb__inner`)
          .evaluateAll((nodes) => nodes.map((node) => node.textContent?.trim()));
        expect(crumbs).toEqual(['首页', '项目', '项目详情']);
        await expectNoSidewaysScroll(page);
        await screenshot(page, `${screen.name}-project`);

        if (screen.name === 'phone') {
          // A confirmation (utils/confirm.ts: terminating asks first) fits the phone, its buttons large.
          await page.locator(testId('stage-next')).click();
          await page.locator(testId('stage-option-terminated')).click();
          await page
            .locator(`textarea${testId('stage-reason')}, ${testId('stage-reason')} textarea`)
            .first()
            .fill('投资方撤资');
          await page.locator(testId('stage-submit')).click();
          const box = page.locator('.el-message-box');
          await box.waitFor();
          await settled(page);
          const boxWidth = (await box.boundingBox())!.width;
          expect(boxWidth).toBeGreaterThanOrEqual(screen.width - 40);
          expect(boxWidth).toBeLessThanOrEqual(screen.width);
          const buttons = await boxesOf(box.locator('.el-message-box__btns .el-button'));
          expect(buttons).toHaveLength(2);
          for (const button of buttons) {
            expect(button.height).toBeGreaterThanOrEqual(40);
            expect(button.width).toBeGreaterThanOrEqual(120);
          }
          await page.screenshot({ path: artifactPath('responsive-phone-confirm.png') });
          // 取消: nothing is terminated.
          await box.locator('.el-message-box__btns .el-button:not(.el-button--primary)').click();
          await box.waitFor({ state: 'hidden' });
          expect(await page.locator(testId('project-stage-tag')).textContent()).not.toContain('终止');
          await expectNoSidewaysScroll(page);
        }
      });
    });
  }
});
