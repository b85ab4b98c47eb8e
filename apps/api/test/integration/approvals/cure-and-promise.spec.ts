import { type TestStack } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import {
  createZrzyjItem,
  createProject,
  expectError,
  type Tokens,
  useSignedInStack,
} from '../support/fixtures';

/**
 * 容缺受理 and 告知承诺制 (routes-and-forecast §2, §5) through the API and the stall checks: a cure
 * deadline passed without the materials raises cure_overdue (resolved by 补正 or 终止); a promise not
 * verified by its date raises promise_unverified (resolved by 核查). LUODI_FAKE_NOW = Fri 2026-11-20.
 */
const NOW = '2026-11-20T18:00:00+08:00';

describe('容缺受理 and 告知承诺制 (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;

  useSignedInStack(
    async (started) => {
      ({ stack, tokens, zrzyj } = started);
      // 10 promised working days: accepted Mon 2 Nov, the 10th is Mon 16 Nov.
      await createZrzyjItem(started, 'T_CURE', '测试事项（容缺）', 20, 10);
    },
    { env: { LUODI_FAKE_NOW: NOW } },
  );

  const event = (milestoneId: string, body: Record<string, unknown>, token = tokens.dept) =>
    stack.call('POST', `/api/milestones/${milestoneId}/events`, { token, body });

  /** A milestone of a new project, submitted on 2 Nov at 09:00. */
  async function submitted(): Promise<string> {
    const project = await createProject(stack, tokens.bureau, zrzyj, { industry: '新能源' });
    const created = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
      token: tokens.bureau,
      body: { itemCode: 'T_CURE' },
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect((await event(id, { type: 'submit', at: '2026-11-02T09:00:00+08:00' })).status).toBe(200);
    return id;
  }

  async function acceptedWithMissing(cureDeadline = '2026-11-10'): Promise<string> {
    const id = await submitted();
    const accepted = await event(id, {
      type: 'accept',
      at: '2026-11-02T15:00:00+08:00',
      missingMaterials: ['环评批复（原件）', '法人授权书'],
      cureDeadline,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    return id;
  }

  const runChecks = async () => {
    const answer = await stack.call('POST', '/api/checks/run', { token: tokens.admin });
    expect(answer.status).toBe(200);
  };
  const alertOf = async (milestoneId: string, kind: string) => {
    const answer = await stack.call('GET', `/api/alerts?kind=${kind}&pageSize=100`, { token: tokens.admin });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return (answer.body.items as Array<Record<string, any>>).find(
      (alert) => String(alert.subjectId) === milestoneId,
    );
  };

  it('the demo district has one 容缺 acceptance still uncured (deadline ahead) and one promise to verify', async () => {
    const rows: Array<Record<string, any>> = [];
    for (let page = 1; ; page += 1) {
      const answer = await stack.call('GET', `/api/milestones?pageSize=100&page=${page}`, {
        token: tokens.bureau,
      });
      expect(answer.status).toBe(200);
      rows.push(...answer.body.items);
      if (rows.length >= answer.body.total || answer.body.items.length === 0) break;
    }
    const uncured = rows.filter((row) => row.cure && !row.cure.curedAt && !row.cure.overdue);
    expect(uncured.map((row) => row.itemCode)).toContain('LAND_PRE');
    expect(uncured.every((row) => row.cure.deadline > '2026-11-20')).toBe(true);
    const promised = rows.filter((row) => row.promise && !row.promise.outcome && !row.promise.overdue);
    expect(promised.map((row) => [row.itemCode, row.state])).toContainEqual(['ENERGY', 'approved']);
  });

  it('refuses a cure deadline beyond the promised working days (400 naming the field and the rule)', async () => {
    const id = await submitted();
    const beyond = await event(id, {
      type: 'accept',
      at: '2026-11-02T15:00:00+08:00',
      missingMaterials: ['环评批复'],
      cureDeadline: '2026-11-17',
    });
    expectError(beyond, 400, 'cureDeadline');
    expect(beyond.body).toMatchObject({
      code: 'cure_deadline_out_of_range',
      params: { field: 'cureDeadline', limit: '2026-11-16', promisedDays: 10 },
    });
    expectError(
      await event(id, { type: 'accept', at: '2026-11-02T15:00:00+08:00', missingMaterials: [] }),
      400,
      'missingMaterials',
    );
    expectError(
      await event(id, { type: 'accept', at: '2026-11-02T15:00:00+08:00', cureDeadline: '2026-11-31' }),
      400,
      'cureDeadline',
    );
    // Nothing was recorded: the submission alone (deemed accepted 5 working days later), no 容缺.
    const detail = await stack.call('GET', `/api/milestones/${id}`, { token: tokens.dept });
    expect(detail.body).toMatchObject({ acceptanceDeemed: true, cure: null });
    expect(detail.body.events).toHaveLength(1);
  });

  it('shows 容缺 on the milestone, refuses the approval until cured, raises cure_overdue and resolves it on the cure', async () => {
    const id = await acceptedWithMissing();
    const detail = await stack.call('GET', `/api/milestones/${id}`, { token: tokens.dept });
    expect(detail.body).toMatchObject({
      state: 'accepted',
      deadline: '2026-11-16',
      cure: {
        missingMaterials: ['环评批复（原件）', '法人授权书'],
        deadline: '2026-11-10',
        curedAt: null,
        overdue: true,
      },
      promise: null,
    });
    expect(detail.body.events[1]).toMatchObject({ type: 'accept', cureDeadline: '2026-11-10' });
    const listed = await stack.call('GET', `/api/milestones?projectId=${detail.body.projectId}`, {
      token: tokens.dept,
    });
    expect(listed.body.items[0]).toMatchObject({
      cure: { deadline: '2026-11-10', curedAt: null, overdue: true },
      promise: null,
    });

    const approve = await event(id, { type: 'approve', at: '2026-11-20T10:00:00+08:00' });
    expectError(approve, 409, 'cured before the approval');

    await runChecks();
    expect(await alertOf(id, 'cure_overdue')).toMatchObject({ level: 2, status: 'open' });

    expect((await event(id, { type: 'cure', at: '2026-11-20T11:00:00+08:00' })).status).toBe(200);
    await runChecks();
    expect(await alertOf(id, 'cure_overdue')).toMatchObject({ status: 'resolved' });
    const cured = await stack.call('GET', `/api/milestones/${id}`, { token: tokens.dept });
    expect(cured.body.cure).toMatchObject({ curedAt: '2026-11-20T03:00:00.000Z', overdue: false });
    expect((await event(id, { type: 'approve', at: '2026-11-20T12:00:00+08:00' })).status).toBe(200);
  });

  it('terminates (终止, with a reason) after the cure deadline: the state is decided and the alert resolves', async () => {
    const id = await acceptedWithMissing();
    await runChecks();
    expect(await alertOf(id, 'cure_overdue')).toMatchObject({ status: 'open' });
    expectError(await event(id, { type: 'terminate', at: '2026-11-20T10:00:00+08:00' }), 400, 'reason');
    const terminated = await event(id, {
      type: 'terminate',
      at: '2026-11-20T10:00:00+08:00',
      reason: '逾期未补正',
    });
    expect(terminated.status, JSON.stringify(terminated.body)).toBe(200);
    expect(terminated.body).toMatchObject({ state: 'discontinued', light: null, remainingWorkingDays: null });
    await runChecks();
    expect(await alertOf(id, 'cure_overdue')).toMatchObject({ status: 'resolved' });
    const open = await stack.call('GET', `/api/milestones?open=true&projectId=${terminated.body.projectId}`, {
      token: tokens.dept,
    });
    expect(open.body.total).toBe(0);
  });

  it('approves on a promise, raises promise_unverified after verifyBy and resolves it on 核查不通过 (the approval stands)', async () => {
    const id = await submitted();
    expect((await event(id, { type: 'accept', at: '2026-11-02T15:00:00+08:00' })).status).toBe(200);
    expectError(
      await event(id, {
        type: 'approve',
        at: '2026-11-03T10:00:00+08:00',
        byPromise: true,
        verifyBy: '2026-11-02',
      }),
      400,
      'verifyBy',
    );
    const approved = await event(id, {
      type: 'approve',
      at: '2026-11-03T10:00:00+08:00',
      byPromise: true,
      verifyBy: '2026-11-13',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      promise: { verifyBy: '2026-11-13', outcome: null, overdue: true },
    });
    await runChecks();
    expect(await alertOf(id, 'promise_unverified')).toMatchObject({ level: 2, status: 'open' });

    // Another department's user and a leader may not verify.
    expect((await event(id, { type: 'verified' }, tokens.leader)).status).toBe(403);
    expectError(await event(id, { type: 'verification_failed' }), 400, 'reason');
    const failed = await event(id, { type: 'verification_failed', reason: '现场核查与承诺不符' });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect(failed.body).toMatchObject({
      state: 'approved',
      promise: { outcome: 'verification_failed', failureReason: '现场核查与承诺不符', overdue: false },
    });
    await runChecks();
    expect(await alertOf(id, 'promise_unverified')).toMatchObject({ status: 'resolved' });
    expectError(await event(id, { type: 'verified' }), 409);
  });
});
