import { artifactPath, uniqueSuffix } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import {
  DEMO_HOMES,
  useBrowserStack,
  navEntries,
  signIn,
  submitLogin,
  testId,
  type DemoUser,
} from './helpers';

const EVERYONE = [
  'nav-alerts',
  'nav-approvals',
  'nav-cockpit',
  'nav-commitments',
  'nav-key-works',
  'nav-notices',
  'nav-problems',
  'nav-projects',
  'nav-system-status',
];
/**
 * What each demo user's nav shows: domain §1 (users/departments admin only; audit admin and leader;
 * 督办 for leadership, the bureau and admins; failed deliveries and route templates admin only; 履约跟踪 for
 * all, 实绩导入 for admins and the bureau; 审批环节导入 for admins, the bureau and departments).
 */
const NAV: Record<DemoUser, string[]> = {
  admin: [
    ...EVERYONE,
    'nav-alerts-escalated',
    'nav-approvals-import',
    'nav-commitments-import',
    'nav-meetings',
    'nav-system-audit',
    'nav-system-calendar',
    'nav-system-catalog',
    'nav-system-deliveries',
    'nav-system-departments',
    'nav-system-routes',
    'nav-system-settings',
    'nav-system-users',
  ].sort(),
  bureau: [
    ...EVERYONE,
    'nav-alerts-escalated',
    'nav-approvals-import',
    'nav-commitments-import',
    'nav-meetings',
  ].sort(),
  leader: [...EVERYONE, 'nav-alerts-escalated', 'nav-meetings', 'nav-system-audit'].sort(),
  dept: [...EVERYONE, 'nav-approvals-import'].sort(),
};

describe('sign-in through the browser: roles, nav, forbidden pages, logout', () => {
  // Wide enough for the menu's labels (up to 1440 px it shows icons only: responsive.spec.ts).
  const e2e = useBrowserStack({ context: { viewport: { width: 1440, height: 900 } } });

  for (const user of Object.keys(DEMO_HOMES) as DemoUser[]) {
    it(`${user}: signs in, lands on the role's home and sees exactly its nav`, async () => {
      await e2e.page.goto(`${e2e.stack.api.baseUrl}/login`);
      await submitLogin(e2e.page, user);
      await e2e.page.waitForURL((url) => url.pathname === DEMO_HOMES[user]);
      await e2e.page.locator(testId('nav')).waitFor();

      expect(await navEntries(e2e.page)).toEqual(NAV[user]);
      const nav = e2e.page.locator(testId('nav'));
      if (user === 'admin') await expect(nav.getByText('用户管理').isVisible()).resolves.toBe(true);
      else expect(await nav.getByText('用户管理').count()).toBe(0);
      // The header names the user and the role.
      await expect(e2e.page.locator(testId('user-menu')).innerText()).resolves.toMatch(
        { admin: /系统管理员/, bureau: /招商局/, leader: /区领导/, dept: /部门用户/ }[user],
      );
      await e2e.page.screenshot({ path: artifactPath(`sign-in-${user}.png`), animations: 'disabled' });
    });
  }

  it('a department user opening /system/users directly gets the forbidden page', async () => {
    await signIn(e2e.page, e2e.stack.api.baseUrl, 'dept');
    // A full page load: the session comes back from the refresh cookie.
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/system/users`);
    await e2e.page.locator(testId('forbidden')).waitFor();
    expect(await e2e.page.locator(testId('users-table')).count()).toBe(0);
    expect(new URL(e2e.page.url()).pathname).toBe('/system/users');
  });

  it('a wrong password shows the server message and stays on /login', async () => {
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/login`);
    await submitLogin(e2e.page, 'admin', 'not the right password');
    const error = e2e.page.locator(testId('login-error'));
    await error.waitFor();
    // The Chinese UI shows the server's message in Chinese (Accept-Language from the chosen locale).
    expect(await error.innerText()).toContain('用户名或密码错误');
    expect(await error.innerText()).not.toMatch(/wrong username/);
    expect(new URL(e2e.page.url()).pathname).toBe('/login');
  });

  it('a visitor without a session is sent to /login and comes back after signing in', async () => {
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/key-works`);
    await e2e.page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(e2e.page.url()).searchParams.get('redirect')).toBe('/key-works');
    await submitLogin(e2e.page, 'bureau');
    await e2e.page.waitForURL((url) => url.pathname === '/key-works');
    await e2e.page.locator(testId('page-key-works')).waitFor();
  });

  it('logout returns to /login and neither back nor reload brings the app back', async () => {
    await signIn(e2e.page, e2e.stack.api.baseUrl, 'leader');
    await e2e.page.locator(testId('nav-projects')).click();
    await e2e.page.waitForURL((url) => url.pathname === '/projects');

    await e2e.page.locator(testId('user-menu')).click();
    await e2e.page.locator(testId('logout')).click();
    await e2e.page.waitForURL((url) => url.pathname === '/login');
    await e2e.page.locator(testId('login-username')).waitFor();

    await e2e.page.goBack();
    await e2e.page.waitForURL((url) => url.pathname === '/login');
    await e2e.page.locator(testId('login-username')).waitFor();
    expect(await e2e.page.locator(testId('nav')).count()).toBe(0);

    await e2e.page.reload();
    await e2e.page.locator(testId('login-username')).waitFor();
    expect(new URL(e2e.page.url()).pathname).toBe('/login');
    expect(await e2e.page.locator(testId('nav')).count()).toBe(0);
  });

  it('an admin creates a department on the 部门管理 page and sees it in the table', async () => {
    await signIn(e2e.page, e2e.stack.api.baseUrl, 'admin');
    await e2e.page.locator(testId('nav-system-departments')).click();
    const table = e2e.page.locator(testId('departments-table'));
    // The list is paged (20 a page, by code): find a department further down through the search box.
    const search = e2e.page.locator(testId('departments-search'));
    await search.fill('自然资源');
    await search.press('Enter');
    await table.getByText('自然资源局').first().waitFor();

    const suffix = uniqueSuffix().slice(-6).toUpperCase();
    const code = `E2E_${suffix}`;
    const name = `浏览器测试局${suffix}`;
    await e2e.page.locator(testId('department-create')).click();
    await e2e.page.locator(testId('department-code')).fill(code);
    await e2e.page.locator(testId('department-name')).fill(name);
    await e2e.page.locator(testId('department-email')).fill('e2e@example.gov.cn');
    await e2e.page.locator(testId('department-save')).click();

    await search.fill(code);
    await search.press('Enter');
    await table.getByText(name).waitFor();
    await table.getByText(code).waitFor();
    const created = await e2e.stack.call('GET', '/api/departments', {
      token: await e2e.stack.login('admin'),
    });
    expect(created.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ code, name })]));
  });

  it('an admin sees the users, and the audit log with an intact chain', async () => {
    await signIn(e2e.page, e2e.stack.api.baseUrl, 'admin');
    await e2e.page.locator(testId('nav-system-users')).click();
    await e2e.page.locator(testId('users-table')).getByText('dept', { exact: true }).waitFor();

    await e2e.page.locator(testId('nav-system-audit')).click();
    await e2e.page
      .locator(`${testId('audit-table')} .el-table__row`)
      .first()
      .waitFor();
    await e2e.page.locator(testId('audit-verify')).click();
    const result = e2e.page.locator(testId('audit-verify-result'));
    await result.waitFor();
    expect(await result.innerText()).toMatch(/审计链完整，共 \d+ 条记录/);
  });
});
