import { artifactPath, launchBrowser, startStack, type TestStack } from '@luodi/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_HOMES, signIn, testId } from './helpers';

describe('system status page in the browser (built web app served by the API)', () => {
  let stack: TestStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  beforeEach(async () => {
    // Wide enough for the menu's labels (up to 1440 px it shows icons only: responsive.spec.ts).
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  it('shows OK with a drawn chart, and switches to English for good', async () => {
    await signIn(page, stack.api.baseUrl, 'leader');
    await page.goto(`${stack.api.baseUrl}/`);
    await page.waitForURL((url) => url.pathname === DEMO_HOMES.leader);
    await page.locator(testId('page-cockpit')).waitFor();

    await page.locator(testId('nav-system-status')).click();
    await page.waitForURL((url) => url.pathname === '/system/status');
    const overall = page.locator(testId('overall-status'));
    await overall.getByText('正常').waitFor();

    const canvas = page.locator(`${testId('status-chart')} canvas`).first();
    await canvas.waitFor();
    const size = await canvas.boundingBox();
    expect(size?.width).toBeGreaterThan(0);
    expect(size?.height).toBeGreaterThan(0);

    await page.locator(testId('locale-switch')).click();
    await page.locator(testId('locale-option-en')).click();
    await page.locator(testId('nav')).getByText('Projects').waitFor();
    await overall.getByText('OK').waitFor();

    await page.reload();
    await page.locator(testId('overall-status')).getByText('OK').waitFor();
    await page.locator(testId('nav')).getByText('Projects').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({
      path: artifactPath('system-status.png'),
      fullPage: true,
      animations: 'disabled',
    });
  });

  it('serves the app for a client route opened directly (SPA fallback), not a 404', async () => {
    const response = await page.goto(`${stack.api.baseUrl}/projects`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    // No session in a fresh context: the app itself answers, with its login page.
    await page.locator(testId('login-username')).waitFor();
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/projects');
  });
});
