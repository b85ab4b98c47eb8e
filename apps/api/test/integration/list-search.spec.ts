import type { TestStack } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import { expectError, type Tokens, useSignedInStack } from './support/fixtures';

interface Row {
  projectCode: string;
  projectName: string;
  itemName?: string;
}

/**
 * The search box (`q`) of 审批待办 (`GET /api/milestones`) and 预警 (`GET /api/alerts`) through the built
 * API on real MariaDB with the demo data: project name or code and the approval item's name, trimmed,
 * LIKE wildcards taken literally, at most 100 characters (400 naming `q` beyond), inside the scope.
 */
describe('inbox search: q on milestones and alerts (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  useSignedInStack(async (started) => {
    ({ stack, tokens, zrzyj } = started);
    expect((await stack.call('POST', '/api/checks/run', { token: tokens.admin })).status).toBe(200);
  });

  const list = async (path: string, q: string, token = tokens.bureau) => {
    const answer = await stack.call('GET', `${path}?pageSize=200&q=${encodeURIComponent(q)}`, { token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as { items: Row[]; total: number };
  };
  const all = async (path: string, token = tokens.bureau) =>
    (await stack.call('GET', `${path}?pageSize=200`, { token })).body as { items: Row[]; total: number };

  it('milestones: by project code, project name or item name; trimmed; wildcards literal; ≤ 100', async () => {
    const everything = await all('/api/milestones');
    expect(everything.total).toBeGreaterThan(1);
    const sample = everything.items[0]!;

    const byCode = await list('/api/milestones', `  ${sample.projectCode}  `);
    expect(byCode.total).toBeGreaterThan(0);
    expect(byCode.total).toBeLessThan(everything.total);
    for (const row of byCode.items) expect(row.projectCode).toContain(sample.projectCode);

    const byName = await list('/api/milestones', sample.projectName);
    expect(byName.items.some((row) => row.projectCode === sample.projectCode)).toBe(true);
    for (const row of byName.items) expect(row.projectName).toContain(sample.projectName);

    const byItem = await list('/api/milestones', sample.itemName!);
    expect(byItem.total).toBeGreaterThan(0);
    for (const row of byItem.items)
      expect(`${row.itemName} ${row.projectName} ${row.projectCode}`).toContain(sample.itemName);

    expect((await list('/api/milestones', '   ')).total).toBe(everything.total);
    expect((await list('/api/milestones', '%')).total).toBe(0);
    expect((await list('/api/milestones', '找不到的项目名称')).total).toBe(0);
    expect((await list('/api/milestones', 'x'.repeat(100))).total).toBe(0);
    expectError(
      await stack.call('GET', `/api/milestones?q=${'x'.repeat(101)}`, { token: tokens.bureau }),
      400,
      'q',
    );

    // A department searches only its own.
    const own = await list('/api/milestones', sample.itemName!, tokens.dept);
    for (const row of own.items as Array<Row & { departmentId: string }>)
      expect(row.departmentId).toBe(zrzyj);
  });

  it("alerts: by project code or name, and a milestone's alert by its approval item", async () => {
    const everything = await all('/api/alerts');
    expect(everything.total).toBeGreaterThan(1);
    const sample = everything.items[0]!;

    const byCode = await list('/api/alerts', ` ${sample.projectCode} `);
    expect(byCode.total).toBeGreaterThan(0);
    expect(byCode.total).toBeLessThanOrEqual(everything.total);
    for (const row of byCode.items) expect(row.projectCode).toContain(sample.projectCode);

    const byName = await list('/api/alerts', sample.projectName);
    for (const row of byName.items) expect(row.projectName).toContain(sample.projectName);

    // A milestone's alert is found by its approval item's name.
    const dataSource = await stack.database.dataSource();
    const [milestoneAlert] = (await dataSource.query(
      `SELECT a.id, i.name AS itemName FROM alert a
         JOIN milestone m ON m.id = a.subject_id JOIN approval_item i ON i.code = m.item_code
        WHERE a.subject_type = 'milestone' LIMIT 1`,
    )) as Array<{ id: string; itemName: string }>;
    expect(milestoneAlert).toBeDefined();
    const byItem = await list('/api/alerts', milestoneAlert!.itemName);
    expect(byItem.items.map((row) => String((row as Row & { id: string }).id))).toContain(
      String(milestoneAlert!.id),
    );

    expect((await list('/api/alerts', '')).total).toBe(everything.total);
    expect((await list('/api/alerts', '_')).total).toBe(0);
    expectError(
      await stack.call('GET', `/api/alerts?q=${'预'.repeat(101)}`, { token: tokens.bureau }),
      400,
      'q',
    );
  });

  it('users and departments: paged and searched; departments unpaged without page (the pickers)', async () => {
    const users = (await stack.call('GET', '/api/users?pageSize=200', { token: tokens.admin })).body;
    expect(users.total).toBeGreaterThan(2);
    const firstPage = await stack.call('GET', '/api/users?page=1&pageSize=2', { token: tokens.admin });
    expect(firstPage.body.items).toHaveLength(2);
    expect(firstPage.body.total).toBe(users.total);
    const bureau = await stack.call('GET', '/api/users?q=%20BUREAU%20', { token: tokens.admin });
    expect(bureau.status).toBe(200);
    expect(bureau.body.total).toBeGreaterThan(0);
    for (const user of bureau.body.items) expect(user.username.toLowerCase()).toContain('bureau');
    expectError(
      await stack.call('GET', `/api/users?q=${'u'.repeat(101)}`, { token: tokens.admin }),
      400,
      'q',
    );
    expectError(await stack.call('GET', '/api/users?q=bureau', { token: tokens.bureau }), 403);

    const every = (await stack.call('GET', '/api/departments', { token: tokens.dept })).body;
    expect(every.items.length).toBe(every.total);
    expect(every.total).toBeGreaterThan(2);
    const paged = (await stack.call('GET', '/api/departments?page=2&pageSize=2', { token: tokens.admin }))
      .body;
    expect(paged.total).toBe(every.total);
    expect(paged.items).toEqual(every.items.slice(2, 4));
    const byName = (
      await stack.call('GET', `/api/departments?q=${encodeURIComponent('自然资源')}`, { token: tokens.admin })
    ).body;
    expect(byName.items.map((d: { id: string }) => d.id)).toContain(zrzyj);
    for (const d of byName.items) expect(`${d.code} ${d.name}`).toContain('自然资源');
    const byCode = (await stack.call('GET', '/api/departments?q=zrzy', { token: tokens.admin })).body;
    expect(byCode.items.map((d: { id: string }) => d.id)).toContain(zrzyj);
    expectError(
      await stack.call('GET', `/api/departments?q=${'d'.repeat(101)}`, { token: tokens.admin }),
      400,
      'q',
    );
    expectError(
      await stack.call('GET', '/api/departments?pageSize=0', { token: tokens.admin }),
      400,
      'pageSize',
    );
  });
});
