import { startStack, type TestStack } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 11 item 2: a throttled username must stay throttled whatever way it is spelt. The database
 * collation ignores trailing spaces, folds case, full-width letters and ignorable characters, so
 * every spelling that reaches the same account must count against the same throttle.
 */
describe('usernames are normalised once for storage, lookup and throttle (real MariaDB + Redis)', () => {
  let stack: TestStack;
  let admin: string;
  const PASSWORD = 'river stones and paper kites';

  beforeAll(async () => {
    stack = await startStack({ env: { LOGIN_MAX_FAILURES: '5', LOGIN_WINDOW_SECONDS: '60' } });
    admin = await stack.login('admin');
    for (const username of ['victim', 'target', 'Mixed.Case']) {
      const created = await stack.call('POST', '/api/users', {
        token: admin,
        body: { username, password: PASSWORD, displayName: username, role: 'bureau' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const login = (username: string, password = PASSWORD) =>
    stack.call('POST', '/api/auth/login', { body: { username, password } });

  it('keeps a throttled user throttled under every spelling that reaches the same account', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await login('victim', `wrong guess number ${attempt}`)).status).toBe(401);
    }
    const spellings = [
      'victim',
      'victim ',
      ' victim',
      'victim\u00a0',
      'ｖｉｃｔｉｍ',
      'VICTIM',
      'Victim\u3000',
    ];
    const answers = [];
    for (const spelling of spellings) answers.push(await login(spelling));
    expect(answers.map((answer) => answer.status)).toEqual(spellings.map(() => 429));
    for (const answer of answers) {
      const retryAfter = Number(answer.headers.get('retry-after'));
      expect(retryAfter, 'Retry-After in seconds').toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(answer.body).toMatchObject({ statusCode: 429, retryAfterSeconds: retryAfter });
    }
  });

  it('refuses invisible, control and zero-width characters and inner whitespace with 400 naming username', async () => {
    for (const spelling of [
      'vic\u200btim',
      'victim\u200b',
      '\ufeffvictim',
      'vic\u200dtim',
      'vic\u00adtim',
      'vic tim',
      'vic\ttim',
      'victim\u0000',
    ]) {
      const answer = await login(spelling);
      expect(answer.status, JSON.stringify(spelling)).toBe(400);
      expect(answer.body.message).toMatch(/^username: /);
      expect(answer.body.code).toMatch(/^username_/);
    }
  });

  it('does not let an accented or otherwise folded spelling reach another account', async () => {
    // The collation is accent-insensitive: "targét" would find "target" if the lookup trusted it.
    expect((await login('targét')).status).toBe(401);
    expect((await login('target')).status).toBe(200);
  });

  it('stores usernames normalised: creating a spelling of an existing name is a conflict', async () => {
    for (const spelling of ['victim ', 'ＶＩＣＴＩＭ', 'VICTIM']) {
      const answer = await stack.call('POST', '/api/users', {
        token: admin,
        body: { username: spelling, password: PASSWORD, displayName: 'x', role: 'bureau' },
      });
      expect(answer.status, JSON.stringify(spelling)).toBe(409);
    }
    const invisible = await stack.call('POST', '/api/users', {
      token: admin,
      body: { username: 'new\u200buser', password: PASSWORD, displayName: 'x', role: 'bureau' },
    });
    expect(invisible.status).toBe(400);
    expect(invisible.body.message).toMatch(/^username: /);
    const users = await stack.call('GET', '/api/users?pageSize=200', { token: admin });
    const names = users.body.items.map((user: { username: string }) => user.username);
    expect(names).toContain('mixed.case');
    expect(names).not.toContain('Mixed.Case');
    expect((await login('MIXED.case')).status).toBe(200);
  });

  it('answers tokens with Cache-Control: no-store (login and refresh)', async () => {
    const signedIn = await login('target');
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    const refreshed = await stack.call('POST', '/api/auth/refresh', {
      body: { refreshToken: signedIn.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('cache-control')).toBe('no-store');
  });
});
