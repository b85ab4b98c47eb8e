import { DEMO_TEST_PASSWORD } from '@luodi/testing';
import type { Page } from 'playwright-core';

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
