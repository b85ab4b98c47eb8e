import { DEMO_TEST_PASSWORD, type TestStack, useStack } from '@luodi/testing';
import { describe, expect, it } from 'vitest';

/** Issue 11 item 7 (weak passwords): NIST SP 800-63B rules on user creation and password change. */
describe('password policy through the API (real MariaDB + Redis)', () => {
  let stack: TestStack;
  let admin: string;

  useStack(async (started) => {
    stack = started;
    admin = await stack.login('admin');
  });

  const create = (username: string, password: string) =>
    stack.call('POST', '/api/users', {
      token: admin,
      body: { username, password, displayName: '测试', role: 'bureau' },
    });

  it('refuses common, padded, keyboard, username and app-name passwords with 400 naming password, rule and code', async () => {
    const before = (await stack.call('GET', '/api/users?pageSize=200', { token: admin })).body.total;
    for (const [password, code] of [
      ['password1234', 'password_common'],
      ['P@ssw0rd2026!', 'password_common'],
      ['qwerty123456', 'password_common'],
      ['iloveyou1234', 'password_common'],
      ['123456789012', 'password_sequence'],
      ['qwertyuiop[]', 'password_sequence'],
      ['short pass', 'password_too_short'],
      ['weak.clerk was here', 'password_contains_username'],
      ['i love luodi so much', 'password_contains_app_name'],
    ] as const) {
      const answer = await create('weak.clerk', password);
      expect(answer.status, password).toBe(400);
      expect(answer.body.message, password).toMatch(/^password: /);
      expect(answer.body.code, password).toBe(code);
    }
    const after = (await stack.call('GET', '/api/users?pageSize=200', { token: admin })).body.total;
    expect(after).toBe(before);
  });

  it('applies the same rules to a password change, and changes nothing when refused', async () => {
    const created = await create('strong.clerk', 'seven orange lanterns drift');
    expect(created.status).toBe(201);
    const refused = await stack.call('PATCH', `/api/users/${created.body.id}`, {
      token: admin,
      body: { password: 'password1234' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'password_common' });
    expect(refused.body.message).toMatch(/^password: /);
    expect((await stack.login('strong.clerk', 'seven orange lanterns drift')).length).toBeGreaterThan(20);
  });

  it('keeps the demo password valid', async () => {
    expect((await stack.login('leader', DEMO_TEST_PASSWORD)).length).toBeGreaterThan(20);
  });
});
