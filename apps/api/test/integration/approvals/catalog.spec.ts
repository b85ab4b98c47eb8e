import { expect, it } from 'vitest';
import { expectError } from '../support/fixtures';
import { departments, describeApprovals, milestones, newItem, stack, tokens } from './support';

describeApprovals('the catalog', () => {
  it('lists the default items of domain §4 to everyone; only admins add or edit; limits are validated', async () => {
    const list = await stack.call('GET', '/api/approval-items', { token: tokens.dept });
    expect(list.status).toBe(200);
    const byCode = new Map<string, any>(list.body.items.map((item: { code: string }) => [item.code, item]));
    for (const [code, departmentCode, promisedDays, statutoryDays] of [
      ['FILING', 'FGJ', 1, 5],
      ['LAND_PRE', 'ZRZYJ', 10, 20],
      ['LAND_PLAN', 'ZRZYJ', 5, 20],
      ['EIA', 'STHJJ', 10, 20],
      ['ENERGY', 'FGJ', 5, 20],
      ['PLAN_REVIEW', 'ZRZYJ', 7, 20],
      ['BUILD_PLAN', 'ZRZYJ', 7, 20],
      ['FIRE', 'ZJJ', 10, 15],
      ['CONSTRUCT', 'ZJJ', 3, 7],
    ] as const) {
      expect(byCode.get(code), code).toMatchObject({
        departmentId: departments.get(departmentCode),
        promisedDays,
        statutoryDays,
      });
    }
    const body = {
      code: 'T_WATER',
      name: '取水许可',
      departmentId: departments.get('FGJ'),
      statutoryDays: 20,
      promisedDays: 10,
    };
    for (const token of [tokens.bureau, tokens.leader, tokens.dept]) {
      expectError(await stack.call('POST', '/api/approval-items', { token, body }), 403);
      expectError(
        await stack.call('PATCH', '/api/approval-items/T_THREE', { token, body: { name: 'x' } }),
        403,
      );
    }
    for (const [change, status, message] of [
      [{ promisedDays: 21 }, 400, 'promisedDays'],
      [{ code: 'lower' }, 400, 'code'],
      [{ departmentId: '99999999' }, 400, 'departmentId'],
      [{ code: 'T_THREE' }, 409, 'T_THREE'],
    ] as const) {
      expectError(
        await stack.call('POST', '/api/approval-items', {
          token: tokens.admin,
          body: { ...body, ...change },
        }),
        status,
        message,
      );
    }
    expectError(
      await stack.call('PATCH', '/api/approval-items/NO_SUCH', {
        token: tokens.admin,
        body: { name: 'x' },
      }),
      404,
    );
    expectError(
      await stack.call('PATCH', '/api/approval-items/T_THREE', {
        token: tokens.admin,
        body: { promisedDays: 6 },
      }),
      400,
      'promisedDays',
    );
  });

  it("editing an item's promised days recomputes the deadlines of its open milestones", async () => {
    await newItem({ code: 'T_EDIT', name: '测试事项（可改）', statutoryDays: 10, promisedDays: 3 });
    const milestone = await milestones.accepted('T_EDIT', '2026-02-13');
    expect(milestone.deadline).toBe('2026-02-25');
    const patched = await stack.call('PATCH', '/api/approval-items/T_EDIT', {
      token: tokens.admin,
      body: { promisedDays: 4 },
    });
    expect(patched.status).toBe(200);
    expect(await milestones.get(milestone.id)).toMatchObject({ deadline: '2026-02-26' });
    const list = await stack.call('GET', `/api/milestones?projectId=${milestone.projectId}`, {
      token: tokens.bureau,
    });
    expect(list.body.items[0]).toMatchObject({ deadline: '2026-02-26' });
  });
});
