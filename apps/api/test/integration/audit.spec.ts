import { startStack, type TestStack, useStack } from '@luodi/testing';
import { describe, expect, it } from 'vitest';

describe('audit trail: every write recorded, hash-chained, tamper-evident (real MariaDB)', () => {
  let stack: TestStack;
  let admin: string;

  useStack(async (started) => {
    stack = started;
    admin = await stack.login('admin');
  });

  const audit = async (query: string) =>
    (await stack.call('GET', `/api/audit?${query}`, { token: admin })).body;

  it('records a create and an update with who, when, before → after', async () => {
    const created = await stack.call('POST', '/api/departments', {
      token: admin,
      body: { code: 'AUD1', name: '审计测试局', email: 'aud1@district.gov.cn' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const patched = await stack.call('PATCH', `/api/departments/${id}`, {
      token: admin,
      body: { name: '审计测试局（改）' },
      headers: { 'x-request-id': 'audit-test-request-1' },
    });
    expect(patched.status).toBe(200);

    const entries = await audit(`entityType=department&entityId=${id}`);
    expect(entries.total).toBe(2);
    const [update, create] = entries.items;
    expect(create).toMatchObject({
      action: 'create',
      actorUsername: 'admin',
      entityType: 'department',
      entityId: id,
      before: null,
      after: { code: 'AUD1', name: '审计测试局', email: 'aud1@district.gov.cn' },
    });
    expect(update).toMatchObject({
      action: 'update',
      actorUsername: 'admin',
      before: { name: '审计测试局' },
      after: { name: '审计测试局（改）' },
      requestId: 'audit-test-request-1',
      ip: '127.0.0.1',
    });
    expect(new Date(update.at).toISOString()).toBe(update.at);
  });

  it('never writes a secret: a password change shows as changed, without the hash', async () => {
    const created = await stack.call('POST', '/api/users', {
      token: admin,
      body: {
        username: 'audit.user',
        password: 'first long passphrase',
        displayName: '审计',
        role: 'leader',
      },
    });
    await stack.call('PATCH', `/api/users/${created.body.id}`, {
      token: admin,
      body: { password: 'second long passphrase' },
    });
    const entries = await audit(`entityType=user&entityId=${created.body.id}`);
    const text = JSON.stringify(entries);
    expect(text).not.toMatch(/argon2|passwordHash":"\$|first long passphrase|second long passphrase/);
    const update = entries.items.find((entry: { action: string }) => entry.action === 'update');
    expect(update.after).toEqual({ passwordHash: '(changed)' });
  });

  it('records sign-ins, failed sign-ins and refused access', async () => {
    await stack.call('POST', '/api/auth/login', {
      body: { username: 'dept', password: 'definitely wrong!!' },
    });
    const dept = await stack.login('dept');
    expect((await stack.call('GET', '/api/users', { token: dept })).status).toBe(403);
    const actions = (await audit('pageSize=20')).items.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.login', 'access.denied']));
  });

  it('verifies the chain, and points at a row edited or deleted by hand in the database', async () => {
    const intact = await stack.call('GET', '/api/audit/verify', { token: admin });
    expect(intact.status).toBe(200);
    expect(intact.body.ok).toBe(true);
    const count = intact.body.count as number;
    expect(count).toBeGreaterThan(40);

    const dataSource = await stack.database.dataSource();
    const target = Math.floor(count / 2);
    const [original] = (await dataSource.query('SELECT after_json FROM audit_log WHERE seq = ?', [
      target,
    ])) as Array<{
      after_json: string | null;
    }>;
    await dataSource.query('UPDATE audit_log SET after_json = ? WHERE seq = ?', ['{"forged":true}', target]);
    const edited = await stack.call('GET', '/api/audit/verify', { token: admin });
    expect(edited.body).toMatchObject({ ok: false, firstBroken: { seq: target } });
    expect(edited.body.firstBroken.reason).toMatch(/changed/);

    await dataSource.query('UPDATE audit_log SET after_json = ? WHERE seq = ?', [
      original!.after_json,
      target,
    ]);
    expect((await stack.call('GET', '/api/audit/verify', { token: admin })).body.ok).toBe(true);

    await dataSource.query('DELETE FROM audit_log WHERE seq = ?', [target + 1]);
    const deleted = await stack.call('GET', '/api/audit/verify', { token: admin });
    expect(deleted.body).toMatchObject({ ok: false, firstBroken: { seq: target + 1 } });
    expect(deleted.body.firstBroken.reason).toMatch(/missing/);
  });

  it('notices the newest row removed (the chain head disagrees)', async () => {
    const other = await startStack();
    try {
      const token = await other.login('admin');
      const before = (await other.call('GET', '/api/audit/verify', { token })).body;
      expect(before.ok).toBe(true);
      const dataSource = await other.database.dataSource();
      const [{ last }] = (await dataSource.query('SELECT MAX(seq) AS last FROM audit_log')) as Array<{
        last: string;
      }>;
      await dataSource.query('DELETE FROM audit_log WHERE seq = ?', [last]);
      const after = (await other.call('GET', '/api/audit/verify', { token })).body;
      expect(after.ok).toBe(false);
      expect(after.firstBroken.seq).toBe(Number(last));
    } finally {
      await other.stop();
    }
  });
});
