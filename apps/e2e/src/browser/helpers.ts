import { DEMO_TEST_PASSWORD, hookHandles, launchBrowser, startStack, type TestStack } from '@luodi/testing';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

/** The demo users and the page each one lands on after signing in (domain §1). */
export const DEMO_HOMES = {
  admin: '/system/status',
  bureau: '/projects',
  leader: '/cockpit',
  dept: '/approvals',
} as const;
export type DemoUser = keyof typeof DEMO_HOMES;

export const testId = (id: string) => `[data-testid="${id}"]`;

/** Fill the login form and submit it (on a page already showing it). */
export async function submitLogin(
  page: Page,
  username: string,
  password = DEMO_TEST_PASSWORD,
): Promise<void> {
  await page.locator(testId('login-username')).fill(username);
  await page.locator(testId('login-password')).fill(password);
  await page.locator(testId('login-submit')).click();
}

/** Open /login, sign in, and wait for the app shell (the nav) to show. */
export async function signIn(page: Page, baseUrl: string, username: DemoUser): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await submitLogin(page, username);
  await page.locator(testId('nav')).waitFor();
}

/** The nav entries the page shows, by their test ids (nav-cockpit, nav-system-users, …). */
export async function navEntries(page: Page): Promise<string[]> {
  const ids = await page
    .locator(`${testId('nav')} [data-testid^="nav-"]`)
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid') ?? ''));
  return ids.sort();
}

/** Errors the page reported (uncaught exceptions and console errors), to assert there are none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** The stack, Chromium and page a browser test file works with (see useBrowserStack). */
export interface BrowserStack {
  /** The file's own stack (a database with the demo district, the built API, the worker when asked). */
  readonly stack: TestStack;
  /** The file's headless Chromium. */
  readonly browser: Browser;
  /** The current test's page, in a fresh browser context (no cookies, no storage). */
  readonly page: Page;
}

/**
 * The hooks of a browser test file: one stack and one Chromium for the file (started together),
 * a fresh context and page per test with `context` options (viewport, downloads), all closed after.
 * Read `stack`, `browser` and `page` from the returned session inside hooks and tests.
 */
export function useBrowserStack(options: {
  context: BrowserContextOptions;
  stack?: Parameters<typeof startStack>[0];
}): BrowserStack {
  let stack: TestStack | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(options.stack), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  beforeEach(async () => {
    if (!browser) throw new Error('useBrowserStack: Chromium did not start');
    context = await browser.newContext(options.context);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  return hookHandles<BrowserStack>('useBrowserStack', {
    stack: () => stack,
    browser: () => browser,
    page: () => page,
  });
}

/** Neither the page nor the shell's main area scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const main = document.querySelector('.app-main');
    return {
      page: document.scrollingElement!.scrollWidth,
      inner: window.innerWidth,
      main: main?.scrollWidth ?? 0,
      mainClient: main?.clientWidth ?? 0,
    };
  });
  expect(widths.page, 'document.scrollingElement.scrollWidth <= innerWidth').toBeLessThanOrEqual(
    widths.inner,
  );
  expect(widths.main, 'the main area does not scroll sideways').toBeLessThanOrEqual(widths.mainClient);
}
