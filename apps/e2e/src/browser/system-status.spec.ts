import { artifactPath } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import { DEMO_HOMES, useBrowserStack, signIn, testId } from './helpers';

describe('system status page in the browser (built web app served by the API)', () => {
  const e2e = useBrowserStack({ context: { viewport: { width: 1280, height: 800 } } });

  it('shows OK with a drawn chart, and switches to English for good', async () => {
    await signIn(e2e.page, e2e.stack.api.baseUrl, 'leader');
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/`);
    await e2e.page.waitForURL((url) => url.pathname === DEMO_HOMES.leader);
    await e2e.page.locator(testId('page-cockpit')).waitFor();

    await e2e.page.locator(testId('nav-system-status')).click();
    await e2e.page.waitForURL((url) => url.pathname === '/system/status');
    const overall = e2e.page.locator(testId('overall-status'));
    await overall.getByText('正常').waitFor();

    const canvas = e2e.page.locator(`${testId('status-chart')} canvas`).first();
    await canvas.waitFor();
    const size = await canvas.boundingBox();
    expect(size?.width).toBeGreaterThan(0);
    expect(size?.height).toBeGreaterThan(0);

    await e2e.page.locator(testId('locale-switch')).click();
    await e2e.page.locator(testId('locale-option-en')).click();
    await e2e.page.locator(testId('nav')).getByText('Projects').waitFor();
    await overall.getByText('OK').waitFor();

    await e2e.page.reload();
    await e2e.page.locator(testId('overall-status')).getByText('OK').waitFor();
    await e2e.page.locator(testId('nav')).getByText('Projects').waitFor();
    expect(await e2e.page.locator('html').getAttribute('lang')).toBe('en');
    await e2e.page.screenshot({
      path: artifactPath('system-status.png'),
      fullPage: true,
      animations: 'disabled',
    });
  });

  it('serves the app for a client route opened directly (SPA fallback), not a 404', async () => {
    const response = await e2e.page.goto(`${e2e.stack.api.baseUrl}/projects`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    // No session in a fresh context: the app itself answers, with its login page.
    await e2e.page.locator(testId('login-username')).waitFor();
    expect(new URL(e2e.page.url()).searchParams.get('redirect')).toBe('/projects');
  });
});
