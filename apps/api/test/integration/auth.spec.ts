import { startStack, type TestStack, DEMO_TEST_PASSWORD } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('sign-in, sessions and throttling (real MariaDB + Redis)', () => {
  let stack: TestStack;
  let admin: string;

  beforeAll(async () => {
    stack = await startStack({ env: { LOGIN_MAX_FAILURES: '5', LOGIN_WINDOW_SECONDS: '60' } });
    admin = await stack.login('admin');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('signs in a demo user and answers /api/me', async () => {
    const login = await stack.call('POST', '/api/auth/login', {
      body: { username: 'dept', password: DEMO_TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({
      expiresIn: 900,
      user: { username: 'dept', role: 'department', departmentName: '自然资源局' },
    });
    expect(login.body.accessToken).toMatch(/^ey/);
    expect(login.headers.get('set-cookie')).toMatch(/luodi_refresh=.*HttpOnly.*SameSite=Strict/i);
    const me = await stack.call('GET', '/api/me', { token: login.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: 'dept',
      role: 'department',
      departmentId: login.body.user.departmentId,
    });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const wrong = await stack.call('POST', '/api/auth/login', {
      body: { username: 'leader', password: 'not the password at all' },
    });
    const unknown = await stack.call('POST', '/api/auth/login', {
      body: { username: 'nobody-here', password: 'not the password at all' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      code: 'wrong_credentials',
      params: {},
      message: 'wrong username or password',
    });
  });

  it('answers a failed sign-in in Chinese by default and in English on Accept-Language: en', async () => {
    const body = { username: 'admin', password: 'not the password at all' };
    for (const [language, message] of [
      ['', '用户名或密码错误'],
      ['zh-CN,zh;q=0.9', '用户名或密码错误'],
      ['en-US,en;q=0.9,zh-CN;q=0.5', 'wrong username or password'],
    ] as const) {
      const answer = await stack.call('POST', '/api/auth/login', {
        body,
        headers: { 'accept-language': language },
      });
      expect(answer.status, language).toBe(401);
      expect(answer.body, language).toMatchObject({ code: 'wrong_credentials', message });
    }
  });

  it('answers the 6th failure within a minute with 429, per username and IP, even with the right password', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const answer = await stack.call('POST', '/api/auth/login', {
        body: { username: 'bureau', password: `wrong guess ${attempt}!!` },
      });
      expect(answer.status, `attempt ${attempt}`).toBe(401);
    }
    const sixth = await stack.call('POST', '/api/auth/login', {
      body: { username: 'bureau', password: DEMO_TEST_PASSWORD },
    });
    expect(sixth.status).toBe(429);
    expect(sixth.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(sixth.body.message).toMatch(/too many failed sign-ins/);
    // Another username from the same IP is not affected.
    expect(
      (
        await stack.call('POST', '/api/auth/login', {
          body: { username: 'leader', password: DEMO_TEST_PASSWORD },
        })
      ).status,
    ).toBe(200);
  });

  it('validates the login body: unknown fields and wrong types are 400 naming the field', async () => {
    const extra = await stack.call('POST', '/api/auth/login', {
      body: { username: 'admin', password: 'x', role: 'admin' },
    });
    expect(extra.status).toBe(400);
    expect(extra.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'field_not_allowed',
      params: { field: 'role', rule: 'is not an allowed field' },
      message: 'role: is not an allowed field',
    });
    const wrongType = await stack.call('POST', '/api/auth/login', { body: { username: 42, password: 'x' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toContain('username: must be a string');
  });

  it('logout revokes the session at once: its access and refresh tokens stop working', async () => {
    const login = await stack.call('POST', '/api/auth/login', {
      body: { username: 'leader', password: DEMO_TEST_PASSWORD },
    });
    const token = login.body.accessToken as string;
    expect((await stack.call('GET', '/api/me', { token })).status).toBe(200);
    expect((await stack.call('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await stack.call('GET', '/api/me', { token })).status).toBe(401);
    const refresh = await stack.call('POST', '/api/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  it('refresh rotates: the new token works, the old one is refused and its reuse ends the session', async () => {
    const login = await stack.call('POST', '/api/auth/login', {
      body: { username: 'leader', password: DEMO_TEST_PASSWORD },
    });
    const first = login.body.refreshToken as string;
    const rotated = await stack.call('POST', '/api/auth/refresh', { body: { refreshToken: first } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(first);
    expect((await stack.call('GET', '/api/me', { token: rotated.body.accessToken })).status).toBe(200);

    const reused = await stack.call('POST', '/api/auth/refresh', { body: { refreshToken: first } });
    expect(reused.status).toBe(401);
    // Reuse of an old token means it was copied: the whole session ends, the new tokens too.
    expect((await stack.call('GET', '/api/me', { token: rotated.body.accessToken })).status).toBe(401);
    expect(
      (await stack.call('POST', '/api/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } }))
        .status,
    ).toBe(401);
  });

  it('refresh works from the httpOnly cookie too', async () => {
    const login = await stack.call('POST', '/api/auth/login', {
      body: { username: 'leader', password: DEMO_TEST_PASSWORD },
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const refreshed = await stack.call('POST', '/api/auth/refresh', { body: {}, headers: { cookie } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user.username).toBe('leader');
  });

  it('disabling a user refuses their sign-in and their live token at once; enabling restores sign-in', async () => {
    const created = await stack.call('POST', '/api/users', {
      token: admin,
      body: {
        username: 'temp.clerk',
        password: 'a long enough passphrase',
        displayName: '临时',
        role: 'bureau',
      },
    });
    expect(created.status).toBe(201);
    const token = await stack.login('temp.clerk', 'a long enough passphrase');
    expect((await stack.call('GET', '/api/me', { token })).status).toBe(200);

    const disabled = await stack.call('PATCH', `/api/users/${created.body.id}`, {
      token: admin,
      body: { enabled: false },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.enabled).toBe(false);
    expect((await stack.call('GET', '/api/me', { token })).status).toBe(401);
    const again = await stack.call('POST', '/api/auth/login', {
      body: { username: 'temp.clerk', password: 'a long enough passphrase' },
    });
    expect(again.status).toBe(401);
    expect(again.body.message).toBe('wrong username or password');

    await stack.call('PATCH', `/api/users/${created.body.id}`, { token: admin, body: { enabled: true } });
    expect(
      (
        await stack.call('POST', '/api/auth/login', {
          body: { username: 'temp.clerk', password: 'a long enough passphrase' },
        })
      ).status,
    ).toBe(200);
  });

  it('enforces the password policy and department rules on user creation, changing nothing', async () => {
    const before = await stack.call('GET', '/api/users?pageSize=200', { token: admin });
    const short = await stack.call('POST', '/api/users', {
      token: admin,
      body: { username: 'shorty', password: 'too short', displayName: 'x', role: 'bureau' },
    });
    expect(short.status).toBe(400);
    expect(short.body.message).toBe('password: must be at least 12 characters');
    const noDepartment = await stack.call('POST', '/api/users', {
      token: admin,
      body: {
        username: 'nodept',
        password: 'a long enough passphrase',
        displayName: 'x',
        role: 'department',
      },
    });
    expect(noDepartment.status).toBe(400);
    expect(noDepartment.body.message).toMatch(/^departmentId: /);
    const unknownDepartment = await stack.call('POST', '/api/users', {
      token: admin,
      body: {
        username: 'ghost',
        password: 'a long enough passphrase',
        displayName: 'x',
        role: 'department',
        departmentId: '999999',
      },
    });
    expect(unknownDepartment.status).toBe(400);
    expect(unknownDepartment.body.message).toBe('departmentId: no department with id 999999');
    const taken = await stack.call('POST', '/api/users', {
      token: admin,
      body: { username: 'admin', password: 'a long enough passphrase', displayName: 'x', role: 'bureau' },
    });
    expect(taken.status).toBe(409);
    const after = await stack.call('GET', '/api/users?pageSize=200', { token: admin });
    expect(after.body.total).toBe(before.body.total);
  });

  it('keeps at least one enabled admin', async () => {
    const users = await stack.call('GET', '/api/users?pageSize=200', { token: admin });
    const adminUser = users.body.items.find((user: { username: string }) => user.username === 'admin');
    const answer = await stack.call('PATCH', `/api/users/${adminUser.id}`, {
      token: admin,
      body: { enabled: false },
    });
    expect(answer.status).toBe(409);
    expect((await stack.call('GET', '/api/me', { token: admin })).status).toBe(200);
  });
});
