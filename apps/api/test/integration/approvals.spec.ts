import { startStack, type TestStack } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  createProject,
  departmentIds,
  expectError,
  loginAll,
  shanghaiToday,
  type Tokens,
} from './support/fixtures';

/**
 * Approvals (domain §4) through the built API on real MariaDB + Redis: the event state machine, 5-day
 * deemed acceptance, deadlines across the real 2026 holidays of the data package, 超时默认 and the
 * department scope. Events are dated in the past (`at`) so that the expected deadlines do not depend
 * on the day the tests run. Expected dates are worked out by hand from the 2026 calendar:
 *   Spring Festival 15–23 Feb off, Sat 14 Feb and Sat 28 Feb worked;
 *   National Day 1–7 Oct off, Sun 20 Sep and Sat 10 Oct worked.
 */

/** A moment on a calendar day in Asia/Shanghai, written with its offset. */
const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;

const EVENT_TYPES = [
  'submit',
  'request_supplement',
  'accept',
  'suspend',
  'resume',
  'extend',
  'approve',
  'reject',
] as const;

describe('approvals: state machine, working-day clock, 超时默认, department scope (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let departments: Map<string, string>;
  let zrzyj: string;
  let fgj: string;
  let deptUserId: string;
  const today = shanghaiToday();

  beforeAll(async () => {
    stack = await startStack();
    tokens = await loginAll(stack);
    departments = await departmentIds(stack);
    zrzyj = departments.get('ZRZYJ')!;
    fgj = departments.get('FGJ')!;
    deptUserId = (await stack.call('GET', '/api/me', { token: tokens.dept })).body.id;
    // Items of the test's own: 3 promised working days, with and without 超时默认, a low extension cap.
    for (const item of [
      { code: 'T_THREE', name: '测试事项（3日）', deemedApproval: false },
      { code: 'T_DEEMED', name: '测试事项（超时默认）', deemedApproval: true },
      { code: 'T_MAXEXT', name: '测试事项（延期上限3日）', deemedApproval: false, maxExtensionDays: 3 },
    ]) {
      const created = await stack.call('POST', '/api/approval-items', {
        token: tokens.admin,
        body: { departmentId: zrzyj, statutoryDays: 5, promisedDays: 3, ...item },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** A fresh project (as the bureau) with one milestone of `itemCode`; returns the milestone. */
  const newMilestone = async (
    itemCode: string,
    options: { contractAmount?: string; departmentId?: string; leadDepartmentId?: string } = {},
  ) => {
    const project = await createProject(stack, tokens.bureau, options.leadDepartmentId ?? zrzyj, {
      industry: '新能源',
      contractAmount: options.contractAmount ?? '1000.00',
    });
    const created = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
      token: tokens.bureau,
      body: { itemCode, ...(options.departmentId ? { departmentId: options.departmentId } : {}) },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };

  const getMilestone = async (id: string, token = tokens.bureau) => {
    const answer = await stack.call('GET', `/api/milestones/${id}`, { token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };

  const post = (id: string, body: Record<string, unknown>, token = tokens.bureau) =>
    stack.call('POST', `/api/milestones/${id}/events`, { token, body });

  /** Record an event that must succeed; returns the milestone as answered. */
  const record = async (id: string, body: Record<string, unknown>, token = tokens.bureau) => {
    const answer = await post(id, body, token);
    expect(answer.status, `${String(body['type'])}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body;
  };

  /** A refused event: answered `status` with a message matching `message`, and nothing changed. */
  const refused = async (
    id: string,
    body: Record<string, unknown>,
    status: number,
    message: string | RegExp,
    token = tokens.bureau,
  ) => {
    const before = await getMilestone(id);
    const answer = await post(id, body, token);
    expectError(answer, status, message);
    const after = await getMilestone(id);
    expect(after).toEqual(before);
    expect(after.events).toHaveLength(before.events.length);
    return answer;
  };

  /** submit and accept on `date` (09:00 and 15:00). */
  const accepted = async (itemCode: string, date: string, options: { contractAmount?: string } = {}) => {
    const milestone = await newMilestone(itemCode, options);
    await record(milestone.id, { type: 'submit', at: at(date, '09:00') });
    return record(milestone.id, { type: 'accept', at: at(date, '15:00') });
  };

  describe('the event state machine: illegal events are 409 naming the state, and change nothing', () => {
    it('accept when planned', async () => {
      const milestone = await newMilestone('T_THREE');
      expect(milestone).toMatchObject({ state: 'planned', deadline: null, events: [] });
      await refused(
        milestone.id,
        { type: 'accept', at: at('2026-03-02') },
        409,
        'not allowed in state "planned"',
      );
      for (const type of ['request_supplement', 'suspend', 'resume', 'approve'] as const) {
        await refused(milestone.id, { type, reason: '测试' }, 409, 'not allowed in state "planned"');
      }
    });

    it('request_supplement after acceptance (首办负责制)', async () => {
      const milestone = await accepted('T_THREE', '2026-03-02');
      expect(milestone).toMatchObject({
        state: 'accepted',
        acceptedOn: '2026-03-02',
        acceptanceDeemed: false,
      });
      await refused(
        milestone.id,
        { type: 'request_supplement', reason: '缺少材料' },
        409,
        /not allowed in state "accepted".*首办负责制/,
      );
    });

    it('a second request_supplement for the same submission; a new submission may get one again', async () => {
      const milestone = await newMilestone('T_THREE');
      await record(milestone.id, { type: 'submit', at: at('2026-03-02', '09:00') });
      const asked = await record(milestone.id, {
        type: 'request_supplement',
        at: at('2026-03-02', '11:00'),
        reason: '缺少用地范围图',
      });
      expect(asked.state).toBe('supplement_requested');
      await refused(
        milestone.id,
        { type: 'request_supplement', at: at('2026-03-02', '12:00'), reason: '还缺少申请表' },
        409,
        'not allowed in state "supplement_requested"',
      );
      await refused(
        milestone.id,
        { type: 'accept', at: at('2026-03-02', '12:00') },
        409,
        'supplement_requested',
      );
      // The applicant's next submit restarts receipt: one request is allowed for it.
      await record(milestone.id, { type: 'submit', at: at('2026-03-03', '09:00') });
      const again = await record(milestone.id, {
        type: 'request_supplement',
        at: at('2026-03-03', '10:00'),
        reason: '补正材料仍不完整',
      });
      expect(again.state).toBe('supplement_requested');
      expect(again.submittedAt).toBe(new Date(at('2026-03-03', '09:00')).toISOString());
    });

    it('approve (or reject) while suspended', async () => {
      const milestone = await accepted('T_THREE', '2026-03-02');
      await record(milestone.id, { type: 'suspend', at: at('2026-03-03'), reason: '专家评审' });
      await refused(milestone.id, { type: 'approve' }, 409, /not allowed in state "suspended".*resume/);
      await refused(
        milestone.id,
        { type: 'reject', reason: '不符合规划' },
        409,
        'not allowed in state "suspended"',
      );
      await refused(milestone.id, { type: 'suspend' }, 409, 'not allowed in state "suspended"');
    });

    it('any event after approval', async () => {
      const milestone = await accepted('T_THREE', '2026-03-02');
      const approved = await record(milestone.id, { type: 'approve', at: at('2026-03-04') });
      expect(approved).toMatchObject({ state: 'approved', decidedOnTime: true, light: null });
      for (const type of EVENT_TYPES) {
        await refused(
          milestone.id,
          { type, ...(type === 'extend' ? { days: 2 } : {}), reason: '测试' },
          409,
          'not allowed in state "approved"',
          type === 'extend' ? tokens.leader : tokens.bureau,
        );
      }
    });

    it('any event after rejection', async () => {
      const milestone = await accepted('T_THREE', '2026-03-02');
      const rejected = await record(milestone.id, {
        type: 'reject',
        at: at('2026-03-04'),
        reason: '不符合产业政策',
      });
      expect(rejected).toMatchObject({ state: 'rejected', decidedOnTime: true });
      await refused(milestone.id, { type: 'submit' }, 409, 'not allowed in state "rejected"');
      await refused(milestone.id, { type: 'approve' }, 409, 'not allowed in state "rejected"');
    });

    it('an extension after the deadline', async () => {
      // Accepted Mon 2 Mar with 3 working days: deadline Thu 5 Mar 2026.
      const milestone = await accepted('T_THREE', '2026-03-02');
      expect(milestone.deadline).toBe('2026-03-05');
      const body = { type: 'extend', days: 2, reason: '需专家论证' };
      await refused(
        milestone.id,
        body,
        409,
        /not allowed in state "accepted".*before the deadline \(2026-03-05\)/,
        tokens.leader,
      );
      await refused(
        milestone.id,
        { ...body, at: at('2026-03-06', '00:00') },
        409,
        'before the deadline',
        tokens.leader,
      );
      // The very end of the deadline day is still in time.
      const extended = await record(
        milestone.id,
        { ...body, at: '2026-03-05T23:59:00+08:00' },
        tokens.leader,
      );
      expect(extended).toMatchObject({ extensionDays: 2, deadline: '2026-03-09' });
    });

    it('an extension twice', async () => {
      const milestone = await accepted('T_THREE', '2026-03-02');
      const extended = await record(
        milestone.id,
        { type: 'extend', at: at('2026-03-03'), days: 2, reason: '需专家论证' },
        tokens.leader,
      );
      // 3 + 2 working days after Mon 2 Mar: 3, 4, 5, 6, 9 Mar.
      expect(extended).toMatchObject({ extensionDays: 2, deadline: '2026-03-09' });
      await refused(
        milestone.id,
        { type: 'extend', at: at('2026-03-04'), days: 1, reason: '再延一天' },
        409,
        /not allowed in state "accepted".*once/,
        tokens.leader,
      );
    });

    it('reject without a reason → 400 naming reason', async () => {
      const milestone = await accepted('T_THREE', '2026-03-02');
      await refused(milestone.id, { type: 'reject', at: at('2026-03-04') }, 400, 'reason');
      await refused(milestone.id, { type: 'reject', at: at('2026-03-04'), reason: '   ' }, 400, 'reason');
    });

    it('an extension beyond the maximum days → 400 naming days', async () => {
      const standard = await accepted('T_THREE', '2026-03-02');
      await refused(
        standard.id,
        { type: 'extend', at: at('2026-03-03'), days: 11, reason: '需专家论证' },
        400,
        /^days: .*at most 10/,
        tokens.leader,
      );
      const capped = await accepted('T_MAXEXT', '2026-03-02');
      await refused(
        capped.id,
        { type: 'extend', at: at('2026-03-03'), days: 4, reason: '需专家论证' },
        400,
        /^days: .*at most 3/,
        tokens.leader,
      );
      await refused(
        capped.id,
        { type: 'extend', at: at('2026-03-03'), days: 0, reason: '零天' },
        400,
        'days',
        tokens.leader,
      );
      await refused(
        capped.id,
        { type: 'extend', at: at('2026-03-03'), reason: '未写天数' },
        400,
        'days',
        tokens.leader,
      );
      await refused(
        capped.id,
        { type: 'extend', at: at('2026-03-03'), days: 2 },
        400,
        'reason',
        tokens.leader,
      );
      const ok = await record(
        capped.id,
        { type: 'extend', at: at('2026-03-03'), days: 3, reason: '需专家论证' },
        tokens.leader,
      );
      expect(ok).toMatchObject({ extensionDays: 3, deadline: '2026-03-10' });
    });

    it('an event in the future → 400 naming at', async () => {
      const milestone = await newMilestone('T_THREE');
      const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString();
      await refused(milestone.id, { type: 'submit', at: tomorrow }, 400, /^at: .*future/);
      const inAnHour = new Date(Date.now() + 3600_000).toISOString();
      await refused(milestone.id, { type: 'submit', at: inAnHour }, 400, /^at: .*future/);
    });

    it('an event before the previous one → 400 naming at', async () => {
      const milestone = await newMilestone('T_THREE');
      await record(milestone.id, { type: 'submit', at: at('2026-03-03') });
      await refused(
        milestone.id,
        { type: 'accept', at: at('2026-03-02') },
        400,
        /^at: .*before the previous event/,
      );
      await refused(milestone.id, { type: 'accept', at: at('2026-03-03', '09:59') }, 400, /^at: /);
    });

    it('bad bodies → 400 naming the field: unknown type, unknown field, a moment that is not ISO-8601', async () => {
      const milestone = await newMilestone('T_THREE');
      await refused(milestone.id, { type: 'approve_all' }, 400, /^type: /);
      await refused(milestone.id, { type: 'submit', actor: 'admin' }, 400, 'actor');
      await refused(milestone.id, { type: 'submit', at: '3 March 2026' }, 400, /^at: /);
      await refused(milestone.id, { type: 'submit', days: 'two' }, 400, /^days: /);
    });

    it('a moment without an offset is refused (moments are ISO-8601 with offset)', async () => {
      const milestone = await newMilestone('T_THREE');
      await refused(milestone.id, { type: 'submit', at: '2026-03-02T10:00:00' }, 400, /^at: /);
      await refused(milestone.id, { type: 'submit', at: '2026-03-02' }, 400, /^at: /);
    });

    it('an unknown milestone → 404; a catalog item that does not exist → 400 naming itemCode', async () => {
      expectError(await post('99999999', { type: 'submit' }), 404, 'milestone 99999999');
      expectError(await stack.call('GET', '/api/milestones/abc', { token: tokens.bureau }), 404);
      const project = await createProject(stack, tokens.bureau, zrzyj, { industry: '新能源' });
      expectError(
        await stack.call('POST', `/api/projects/${project.id}/milestones`, {
          token: tokens.bureau,
          body: { itemCode: 'NO_SUCH_ITEM' },
        }),
        400,
        /^itemCode: /,
      );
      const first = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
        token: tokens.bureau,
        body: { itemCode: 'LAND_PRE' },
      });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ itemCode: 'LAND_PRE', departmentId: zrzyj, state: 'planned' });
      // One milestone per item and project.
      expectError(
        await stack.call('POST', `/api/projects/${project.id}/milestones`, {
          token: tokens.bureau,
          body: { itemCode: 'LAND_PRE' },
        }),
        409,
        'itemCode',
      );
    });
  });

  describe('5-working-day deemed acceptance (行政许可法 art. 32)', () => {
    it('a submission 21 days ago with no answer counts as accepted on the submit date', async () => {
      // 21 calendar days always hold more than 6 working days, whatever the holidays.
      const submitDate = addDays(today, -21);
      const milestone = await newMilestone('T_THREE');
      await record(milestone.id, { type: 'submit', at: at(submitDate) });
      const view = await getMilestone(milestone.id);
      expect(view).toMatchObject({
        state: 'accepted',
        acceptanceDeemed: true,
        acceptedOn: submitDate,
        submittedAt: new Date(at(submitDate)).toISOString(),
        acceptedAt: new Date(at(submitDate)).toISOString(),
      });
      expect(view.deadline).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
      await refused(
        milestone.id,
        { type: 'request_supplement', reason: '缺少材料' },
        409,
        'not allowed in state "accepted"',
      );
      await refused(milestone.id, { type: 'accept' }, 409, /not allowed in state "accepted".*deemed/);
      // The list (stored columns) agrees with the detail.
      const list = await stack.call('GET', `/api/milestones?projectId=${view.projectId}`, {
        token: tokens.bureau,
      });
      expect(list.body.items).toEqual([
        expect.objectContaining({
          id: milestone.id,
          state: 'accepted',
          acceptanceDeemed: true,
          acceptedOn: submitDate,
        }),
      ]);
    });

    it('an answer on the 5th working day is in time; from the 6th the submission is already accepted', async () => {
      // Submitted Mon 2 Mar 2026: the 5th working day after it is Mon 9 Mar.
      const inTime = await newMilestone('T_THREE');
      await record(inTime.id, { type: 'submit', at: at('2026-03-02') });
      const asked = await record(inTime.id, {
        type: 'request_supplement',
        at: '2026-03-09T23:59:00+08:00',
        reason: '缺少申请表',
      });
      expect(asked).toMatchObject({
        state: 'supplement_requested',
        acceptanceDeemed: false,
        acceptedOn: null,
      });

      const tooLate = await newMilestone('T_THREE');
      await record(tooLate.id, { type: 'submit', at: at('2026-03-02') });
      await refused(
        tooLate.id,
        { type: 'request_supplement', at: '2026-03-10T00:01:00+08:00', reason: '缺少申请表' },
        409,
        'not allowed in state "accepted"',
      );
      const view = await getMilestone(tooLate.id);
      // Deemed accepted on 2 Mar: the deadline is the 3rd working day after it.
      expect(view).toMatchObject({
        acceptedOn: '2026-03-02',
        acceptanceDeemed: true,
        deadline: '2026-03-05',
      });
    });

    it('the 5 working days follow the calendar across the Spring Festival', async () => {
      // Submitted Thu 12 Feb 2026: working days 13, 14 (Sat, 调休), 24, 25, 26 Feb — the 5th is 26 Feb.
      const inTime = await newMilestone('T_THREE');
      await record(inTime.id, { type: 'submit', at: at('2026-02-12') });
      const accepted26 = await record(inTime.id, { type: 'accept', at: at('2026-02-26', '16:00') });
      expect(accepted26).toMatchObject({ acceptanceDeemed: false, acceptedOn: '2026-02-26' });
      // 3 working days after 26 Feb: 27 Feb, 28 Feb (Sat, 调休), 2 Mar.
      expect(accepted26.deadline).toBe('2026-03-02');

      const deemed = await newMilestone('T_THREE');
      await record(deemed.id, { type: 'submit', at: at('2026-02-12') });
      await refused(
        deemed.id,
        { type: 'accept', at: at('2026-02-27', '09:00') },
        409,
        'not allowed in state "accepted"',
      );
      // Deemed accepted on 12 Feb: 3 working days after it are 13, 14 (Sat), 24 Feb.
      expect(await getMilestone(deemed.id)).toMatchObject({
        acceptedOn: '2026-02-12',
        acceptanceDeemed: true,
        deadline: '2026-02-24',
      });
    });
  });

  describe('deadlines across the real holidays of 2026', () => {
    it('accepted Fri 13 Feb with 3 promised days → deadline Wed 25 Feb (Sat 14 worked, 15–23 off)', async () => {
      const milestone = await accepted('T_THREE', '2026-02-13');
      expect(milestone).toMatchObject({
        state: 'accepted',
        acceptedOn: '2026-02-13',
        deadline: '2026-02-25',
      });
      expect(milestone.acceptedAt).toBe(new Date(at('2026-02-13', '15:00')).toISOString());
      // Long past: overdue and red (超时默认 does not apply to this item).
      expect(milestone.light).toBe('red');
      expect(milestone.remainingWorkingDays).toBeLessThan(0);
      const decided = await record(milestone.id, { type: 'approve', at: at('2026-02-25', '17:30') });
      expect(decided).toMatchObject({ state: 'approved', decidedOnTime: true, remainingWorkingDays: null });
    });

    it('accepted on the working Saturday 14 Feb → 26 Feb; accepted Fri 27 Feb → Tue 3 Mar', async () => {
      expect((await accepted('T_THREE', '2026-02-14')).deadline).toBe('2026-02-26');
      expect((await accepted('T_THREE', '2026-02-27')).deadline).toBe('2026-03-03');
    });

    it('a suspension across National Day pushes the deadline by the working days suspended; an extension adds its days', async () => {
      // Accepted Mon 28 Sep: 3 working days are 29, 30 Sep and 8 Oct.
      const milestone = await accepted('T_THREE', '2026-09-28');
      expect(milestone.deadline).toBe('2026-10-08');
      await record(milestone.id, { type: 'suspend', at: at('2026-09-29'), reason: '专家评审' });
      // Suspended 29 Sep (inclusive) to 9 Oct (exclusive): working days 29, 30 Sep and 8 Oct = 3.
      const resumed = await record(milestone.id, { type: 'resume', at: at('2026-10-09') });
      expect(resumed).toMatchObject({ state: 'accepted', suspendedWorkingDays: 3 });
      // 6 working days after 28 Sep: 29, 30 Sep, 8, 9, 10 (Sat, 调休), 12 Oct.
      expect(resumed.deadline).toBe('2026-10-12');
      const extended = await record(
        milestone.id,
        { type: 'extend', at: at('2026-10-09', '11:00'), days: 2, reason: '需组织专家技术评估' },
        tokens.leader,
      );
      expect(extended).toMatchObject({ extensionDays: 2, deadline: '2026-10-14' });
      expect(extended.events.map((event: { type: string }) => event.type)).toEqual([
        'submit',
        'accept',
        'suspend',
        'resume',
        'extend',
      ]);
      expect(extended.events[4]).toMatchObject({ days: 2, reason: '需组织专家技术评估' });
      const late = await record(milestone.id, { type: 'approve', at: at('2026-10-15') });
      expect(late).toMatchObject({ state: 'approved', decidedOnTime: false, deadline: '2026-10-14' });
    });

    it('a suspension spanning only the holidays costs no working days', async () => {
      // Accepted Wed 30 Sep: deadline 8, 9, 10 Oct (Sat, 调休) → 10 Oct.
      const milestone = await accepted('T_THREE', '2026-09-30');
      expect(milestone.deadline).toBe('2026-10-10');
      await record(milestone.id, { type: 'suspend', at: at('2026-10-01') });
      const resumed = await record(milestone.id, { type: 'resume', at: at('2026-10-08') });
      expect(resumed).toMatchObject({ suspendedWorkingDays: 0, deadline: '2026-10-10' });
    });
  });

  describe('超时默认 (deemed approval at the deadline)', () => {
    it('applies at a contract amount ≥ the threshold, not below; raising the threshold does not undo it', async () => {
      const settings = await stack.call('GET', '/api/settings', { token: tokens.admin });
      expect(settings.status).toBe(200);
      expect(settings.body).toMatchObject({ deemedApprovalThreshold: '10000.00', yellowDays: 3 });

      // Accepted Mon 2 Mar with 3 days: deadline Thu 5 Mar; long missed.
      const atThreshold = await accepted('T_DEEMED', '2026-03-02', { contractAmount: '10000.00' });
      expect(atThreshold).toMatchObject({
        state: 'deemed_approved',
        deadline: '2026-03-05',
        decidedOnTime: false,
        light: null,
        decidedAt: new Date('2026-03-05T23:59:59.999+08:00').toISOString(),
      });
      const below = await accepted('T_DEEMED', '2026-03-02', { contractAmount: '9999.99' });
      expect(below).toMatchObject({
        state: 'accepted',
        light: 'red',
        deadline: '2026-03-05',
        decidedAt: null,
      });
      // A deemed approval is a decision: it takes no more events.
      await refused(atThreshold.id, { type: 'approve' }, 409, 'not allowed in state "deemed_approved"');
      // This history was entered after its deadline; let the system have watched the deadline pass
      // (events recorded on the day they happened), so that 超时默认 is applied and recorded.
      const dataSource = await stack.database.dataSource();
      await dataSource.query('UPDATE milestone_event SET recorded_at = at WHERE milestone_id = ?', [
        atThreshold.id,
      ]);
      expect(await getMilestone(atThreshold.id)).toMatchObject({ state: 'deemed_approved' });
      expect(
        (await getMilestone(atThreshold.id)).events.map((event: { type: string }) => event.type),
      ).toContain('deemed_approve');

      const listed = async (id: string) => {
        const project = (await getMilestone(id)).projectId;
        const list = await stack.call('GET', `/api/milestones?projectId=${project}`, {
          token: tokens.bureau,
        });
        return list.body.items[0];
      };
      expect(await listed(atThreshold.id)).toMatchObject({ state: 'deemed_approved', light: null });
      expect(await listed(below.id)).toMatchObject({ state: 'accepted', light: 'red' });

      try {
        // Lowering the threshold recomputes the open milestones: the one below now falls under 超时默认.
        const lowered = await stack.call('PATCH', '/api/settings', {
          token: tokens.admin,
          body: { deemedApprovalThreshold: '9999.99' },
        });
        expect(lowered.status).toBe(200);
        expect(lowered.body.deemedApprovalThreshold).toBe('9999.99');
        expect(await getMilestone(below.id)).toMatchObject({
          state: 'deemed_approved',
          decidedOnTime: false,
        });
        expect(await listed(below.id)).toMatchObject({ state: 'deemed_approved' });

        // Raising it again: a deemed approval already applied is a decision and stands — the detail says
        // the same as the list. The other one, whose history was entered after its deadline and never
        // watched by the system, is recomputed: it is open (red) again.
        const raised = await stack.call('PATCH', '/api/settings', {
          token: tokens.admin,
          body: { deemedApprovalThreshold: '20000.00' },
        });
        expect(raised.status).toBe(200);
        expect(await getMilestone(below.id)).toMatchObject({ state: 'accepted', light: 'red' });
        expect(await listed(below.id)).toMatchObject({ state: 'accepted', light: 'red' });
        for (const id of [atThreshold.id]) {
          expect.soft(await listed(id), `list ${id}`).toMatchObject({ state: 'deemed_approved' });
          expect.soft(await getMilestone(id), `detail ${id}`).toMatchObject({
            state: 'deemed_approved',
            decidedOnTime: false,
          });
          // …and it still takes no events.
          expect.soft((await post(id, { type: 'approve' })).status, `approve ${id}`).toBe(409);
        }
      } finally {
        await stack.call('PATCH', '/api/settings', {
          token: tokens.admin,
          body: { deemedApprovalThreshold: '10000.00' },
        });
      }
    });

    it('validates the settings: unknown fields, negative or non-decimal amounts → 400 naming the field', async () => {
      const before = (await stack.call('GET', '/api/settings', { token: tokens.admin })).body;
      for (const [body, field] of [
        [{ deemedApprovalThreshold: '-1' }, 'deemedApprovalThreshold'],
        [{ deemedApprovalThreshold: 'lots' }, 'deemedApprovalThreshold'],
        [{ yellowDays: -1 }, 'yellowDays'],
        [{ yellowDays: 'three' }, 'yellowDays'],
        [{ notRegisteredDays: 0 }, 'notRegisteredDays'],
        [{ colour: 'red' }, 'colour'],
      ] as const) {
        expectError(await stack.call('PATCH', '/api/settings', { token: tokens.admin, body }), 400, field);
      }
      expect((await stack.call('GET', '/api/settings', { token: tokens.admin })).body).toEqual(before);
      for (const token of [tokens.bureau, tokens.leader, tokens.dept]) {
        expect((await stack.call('GET', '/api/settings', { token })).status).toBe(403);
        expect((await stack.call('PATCH', '/api/settings', { token, body: { yellowDays: 5 } })).status).toBe(
          403,
        );
      }
    });

    it('yellowDays: raising it turns a green open milestone yellow (recomputed on PATCH)', async () => {
      // An item with 20 promised days accepted today: remaining 20 > 3 → green; yellowDays 25 → yellow.
      const item = await stack.call('POST', '/api/approval-items', {
        token: tokens.admin,
        body: {
          code: 'T_LONG',
          name: '测试事项（20日）',
          departmentId: zrzyj,
          statutoryDays: 20,
          promisedDays: 20,
        },
      });
      expect(item.status).toBe(201);
      const milestone = await newMilestone('T_LONG');
      await record(milestone.id, { type: 'submit' });
      const fresh = await record(milestone.id, { type: 'accept' });
      expect(fresh).toMatchObject({ light: 'green', remainingWorkingDays: 20 });
      try {
        expect(
          (await stack.call('PATCH', '/api/settings', { token: tokens.admin, body: { yellowDays: 25 } }))
            .status,
        ).toBe(200);
        expect(await getMilestone(milestone.id)).toMatchObject({ light: 'yellow' });
        const list = await stack.call('GET', `/api/milestones?projectId=${fresh.projectId}`, {
          token: tokens.bureau,
        });
        expect(list.body.items[0]).toMatchObject({ light: 'yellow' });
      } finally {
        await stack.call('PATCH', '/api/settings', { token: tokens.admin, body: { yellowDays: 3 } });
      }
      expect(await getMilestone(milestone.id)).toMatchObject({ light: 'green' });
    });
  });

  describe('department scope and roles', () => {
    it('a department lists only its own milestones, most urgent first', async () => {
      const dataSource = await stack.database.dataSource();
      const [{ n }] = (await dataSource.query('SELECT COUNT(*) AS n FROM milestone WHERE department_id = ?', [
        zrzyj,
      ])) as Array<{ n: string }>;
      const list = await stack.call('GET', '/api/milestones?pageSize=200', { token: tokens.dept });
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(Number(n));
      expect(list.body.items.length).toBe(Math.min(200, Number(n)));
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const item of list.body.items) expect(item.departmentId).toBe(zrzyj);
      // Asking for another department's gives nothing, not its milestones.
      const other = await stack.call('GET', `/api/milestones?departmentId=${fgj}`, { token: tokens.dept });
      expect(other.status).toBe(200);
      expect(other.body).toMatchObject({ items: [], total: 0 });
      // Open ones first, by deadline.
      const open = list.body.items.filter((item: { state: string }) =>
        ['planned', 'submitted', 'supplement_requested', 'accepted', 'suspended'].includes(item.state),
      );
      expect(list.body.items.slice(0, open.length)).toEqual(open);
      const deadlines = open
        .map((item: { deadline: string | null }) => item.deadline)
        .filter((deadline: string | null): deadline is string => deadline !== null);
      expect(deadlines).toEqual([...deadlines].sort());
    });

    it("another department's milestone is 404 to a department user (GET and events), and stays unchanged", async () => {
      const otherMilestone = await newMilestone('FILING', { leadDepartmentId: fgj });
      expect(otherMilestone.departmentId).toBe(fgj);
      const before = await getMilestone(otherMilestone.id);
      expectError(
        await stack.call('GET', `/api/milestones/${otherMilestone.id}`, { token: tokens.dept }),
        404,
      );
      const answer = await post(otherMilestone.id, { type: 'submit' }, tokens.dept);
      expectError(answer, 404);
      // Same answer as for a milestone that does not exist.
      expect(answer.body.message).toBe(`milestone ${otherMilestone.id} not found`);
      expect(await getMilestone(otherMilestone.id)).toEqual(before);
      // …and a demo milestone of another department too.
      const dataSource = await stack.database.dataSource();
      const rows = (await dataSource.query('SELECT id FROM milestone WHERE department_id <> ? LIMIT 3', [
        zrzyj,
      ])) as Array<{ id: string }>;
      for (const row of rows) {
        expectError(await stack.call('GET', `/api/milestones/${row.id}`, { token: tokens.dept }), 404);
        expectError(await post(String(row.id), { type: 'accept' }, tokens.dept), 404);
      }
    });

    it('a department records events on its own milestones', async () => {
      const own = await newMilestone('LAND_PRE', { leadDepartmentId: fgj });
      expect(own.departmentId).toBe(zrzyj);
      const submitted = await record(own.id, { type: 'submit' }, tokens.dept);
      expect(submitted).toMatchObject({ state: 'submitted' });
      expect(submitted.events[0]).toMatchObject({ type: 'submit', actorUserId: deptUserId });
      const acceptedView = await record(own.id, { type: 'accept', note: '材料齐全' }, tokens.dept);
      expect(acceptedView).toMatchObject({ state: 'accepted', acceptedOn: today });
      expect(acceptedView.events[1]).toMatchObject({ type: 'accept', note: '材料齐全' });
    });

    it('GET /api/projects/:id/milestones: a department sees only its own milestones of a project it is led by', async () => {
      const project = await createProject(stack, tokens.bureau, zrzyj, { industry: '新能源' });
      for (const itemCode of ['LAND_PRE', 'FILING', 'EIA', 'LAND_PLAN']) {
        const created = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
          token: tokens.bureau,
          body: { itemCode },
        });
        expect(created.status).toBe(201);
      }
      const all = await stack.call('GET', `/api/projects/${project.id}/milestones`, { token: tokens.leader });
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(4);
      const mine = await stack.call('GET', `/api/projects/${project.id}/milestones`, { token: tokens.dept });
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((item: { itemCode: string }) => item.itemCode).sort()).toEqual([
        'LAND_PLAN',
        'LAND_PRE',
      ]);
      for (const item of mine.body.items) expect(item.departmentId).toBe(zrzyj);
    });

    it('GET /api/projects/:id/milestones: a department reads a project it holds a milestone on (domain §1), its own only', async () => {
      // Led by 发改局; 自然资源局 holds the LAND_PRE milestone.
      const project = await createProject(stack, tokens.bureau, fgj, { industry: '新能源' });
      for (const itemCode of ['LAND_PRE', 'FILING']) {
        const created = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
          token: tokens.bureau,
          body: { itemCode },
        });
        expect(created.status).toBe(201);
      }
      const mine = await stack.call('GET', `/api/projects/${project.id}/milestones`, { token: tokens.dept });
      expect(mine.status, JSON.stringify(mine.body)).toBe(200);
      expect(mine.body.items.map((item: { itemCode: string }) => item.itemCode)).toEqual(['LAND_PRE']);
      // A project the department neither leads nor holds a milestone on is absent for it.
      const unrelated = await createProject(stack, tokens.bureau, fgj, { industry: '新能源' });
      expectError(
        await stack.call('GET', `/api/projects/${unrelated.id}/milestones`, { token: tokens.dept }),
        404,
      );
    });

    it('a leader may only extend: approve → 403, extend → 200', async () => {
      const milestone = await newMilestone('T_THREE');
      await record(milestone.id, { type: 'submit' });
      const fresh = await record(milestone.id, { type: 'accept' });
      await refused(milestone.id, { type: 'approve' }, 403, 'leader', tokens.leader);
      await refused(milestone.id, { type: 'suspend' }, 403, 'leader', tokens.leader);
      const extended = await record(
        milestone.id,
        { type: 'extend', days: 2, reason: '需专家论证' },
        tokens.leader,
      );
      expect(extended.extensionDays).toBe(2);
      expect(extended.remainingWorkingDays).toBe(fresh.remainingWorkingDays + 2);
      expect(extended.events[2]).toMatchObject({ type: 'extend', days: 2, reason: '需专家论证' });
    });

    it('an extension is approved by a leader: bureau and department users get 403 (role), nothing changes', async () => {
      const milestone = await newMilestone('T_THREE');
      await record(milestone.id, { type: 'submit' });
      await record(milestone.id, { type: 'accept' });
      await refused(
        milestone.id,
        { type: 'extend', days: 2, reason: '需专家论证' },
        403,
        'extend',
        tokens.bureau,
      );
      await refused(
        milestone.id,
        { type: 'extend', days: 2, reason: '需专家论证' },
        403,
        'extend',
        tokens.dept,
      );
    });

    it('creating milestones: admin and bureau only; a department override is kept', async () => {
      const project = await createProject(stack, tokens.bureau, zrzyj, { industry: '新能源' });
      for (const token of [tokens.leader, tokens.dept]) {
        expectError(
          await stack.call('POST', `/api/projects/${project.id}/milestones`, {
            token,
            body: { itemCode: 'EIA' },
          }),
          403,
        );
      }
      const overridden = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
        token: tokens.admin,
        body: { itemCode: 'EIA', departmentId: zrzyj },
      });
      expect(overridden.status).toBe(201);
      expect(overridden.body).toMatchObject({ itemCode: 'EIA', departmentId: zrzyj, state: 'planned' });
      expect((await getMilestone(overridden.body.id, tokens.dept)).id).toBe(overridden.body.id);
      expectError(
        await stack.call('POST', `/api/projects/99999999/milestones`, {
          token: tokens.bureau,
          body: { itemCode: 'EIA' },
        }),
        404,
      );
    });
  });

  describe('the catalog', () => {
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
        departmentId: fgj,
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
      expectError(
        await stack.call('POST', '/api/approval-items', {
          token: tokens.admin,
          body: { ...body, promisedDays: 21 },
        }),
        400,
        'promisedDays',
      );
      expectError(
        await stack.call('POST', '/api/approval-items', {
          token: tokens.admin,
          body: { ...body, code: 'lower' },
        }),
        400,
        'code',
      );
      expectError(
        await stack.call('POST', '/api/approval-items', {
          token: tokens.admin,
          body: { ...body, departmentId: '99999999' },
        }),
        400,
        'departmentId',
      );
      expectError(
        await stack.call('POST', '/api/approval-items', {
          token: tokens.admin,
          body: { ...body, code: 'T_THREE' },
        }),
        409,
        'T_THREE',
      );
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
      const created = await stack.call('POST', '/api/approval-items', {
        token: tokens.admin,
        body: {
          code: 'T_EDIT',
          name: '测试事项（可改）',
          departmentId: zrzyj,
          statutoryDays: 10,
          promisedDays: 3,
        },
      });
      expect(created.status).toBe(201);
      const milestone = await accepted('T_EDIT', '2026-02-13');
      expect(milestone.deadline).toBe('2026-02-25');
      const patched = await stack.call('PATCH', '/api/approval-items/T_EDIT', {
        token: tokens.admin,
        body: { promisedDays: 4 },
      });
      expect(patched.status).toBe(200);
      expect(await getMilestone(milestone.id)).toMatchObject({ deadline: '2026-02-26' });
      const list = await stack.call('GET', `/api/milestones?projectId=${milestone.projectId}`, {
        token: tokens.bureau,
      });
      expect(list.body.items[0]).toMatchObject({ deadline: '2026-02-26' });
    });
  });
});
