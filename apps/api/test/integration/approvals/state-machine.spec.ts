import { expect, it } from 'vitest';
import { createProject, expectError } from '../support/fixtures';
import { at, describeApprovals, EVENT_TYPES, milestones, stack, tokens, zrzyj } from './support';

describeApprovals(
  'the event state machine: illegal events are 409 naming the state, and change nothing',
  () => {
    it('accept when planned', async () => {
      const milestone = await milestones.create('T_THREE');
      expect(milestone).toMatchObject({ state: 'planned', deadline: null, events: [] });
      await milestones.refused(
        milestone.id,
        { type: 'accept', at: at('2026-03-02') },
        409,
        'not allowed in state "planned"',
      );
      for (const type of ['request_supplement', 'suspend', 'resume', 'approve'] as const) {
        await milestones.refused(
          milestone.id,
          { type, reason: '测试' },
          409,
          'not allowed in state "planned"',
        );
      }
    });

    it('request_supplement after acceptance (首办负责制)', async () => {
      const milestone = await milestones.accepted('T_THREE', '2026-03-02');
      expect(milestone).toMatchObject({
        state: 'accepted',
        acceptedOn: '2026-03-02',
        acceptanceDeemed: false,
      });
      await milestones.refused(
        milestone.id,
        { type: 'request_supplement', reason: '缺少材料' },
        409,
        /not allowed in state "accepted".*首办负责制/,
      );
    });

    it('a second request_supplement for the same submission; a new submission may get one again', async () => {
      const milestone = await milestones.create('T_THREE');
      await milestones.record(milestone.id, { type: 'submit', at: at('2026-03-02', '09:00') });
      const asked = await milestones.record(milestone.id, {
        type: 'request_supplement',
        at: at('2026-03-02', '11:00'),
        reason: '缺少用地范围图',
      });
      expect(asked.state).toBe('supplement_requested');
      await milestones.refused(
        milestone.id,
        { type: 'request_supplement', at: at('2026-03-02', '12:00'), reason: '还缺少申请表' },
        409,
        'not allowed in state "supplement_requested"',
      );
      await milestones.refused(
        milestone.id,
        { type: 'accept', at: at('2026-03-02', '12:00') },
        409,
        'supplement_requested',
      );
      // The applicant's next submit restarts receipt: one request is allowed for it.
      await milestones.record(milestone.id, { type: 'submit', at: at('2026-03-03', '09:00') });
      const again = await milestones.record(milestone.id, {
        type: 'request_supplement',
        at: at('2026-03-03', '10:00'),
        reason: '补正材料仍不完整',
      });
      expect(again.state).toBe('supplement_requested');
      expect(again.submittedAt).toBe(new Date(at('2026-03-03', '09:00')).toISOString());
    });

    it('approve (or reject) while suspended', async () => {
      const milestone = await milestones.accepted('T_THREE', '2026-03-02');
      await milestones.record(milestone.id, { type: 'suspend', at: at('2026-03-03'), reason: '专家评审' });
      await milestones.refused(
        milestone.id,
        { type: 'approve' },
        409,
        /not allowed in state "suspended".*resume/,
      );
      await milestones.refused(
        milestone.id,
        { type: 'reject', reason: '不符合规划' },
        409,
        'not allowed in state "suspended"',
      );
      await milestones.refused(milestone.id, { type: 'suspend' }, 409, 'not allowed in state "suspended"');
    });

    it('any event after approval', async () => {
      const milestone = await milestones.accepted('T_THREE', '2026-03-02');
      const approved = await milestones.record(milestone.id, { type: 'approve', at: at('2026-03-04') });
      expect(approved).toMatchObject({ state: 'approved', decidedOnTime: true, light: null });
      for (const type of EVENT_TYPES) {
        await milestones.refused(
          milestone.id,
          { type, ...(type === 'extend' ? { days: 2 } : {}), reason: '测试' },
          409,
          'not allowed in state "approved"',
          type === 'extend' ? tokens.leader : tokens.bureau,
        );
      }
    });

    it('any event after rejection', async () => {
      const milestone = await milestones.accepted('T_THREE', '2026-03-02');
      const rejected = await milestones.record(milestone.id, {
        type: 'reject',
        at: at('2026-03-04'),
        reason: '不符合产业政策',
      });
      expect(rejected).toMatchObject({ state: 'rejected', decidedOnTime: true });
      await milestones.refused(milestone.id, { type: 'submit' }, 409, 'not allowed in state "rejected"');
      await milestones.refused(milestone.id, { type: 'approve' }, 409, 'not allowed in state "rejected"');
    });

    it('an extension after the deadline', async () => {
      // Accepted Mon 2 Mar with 3 working days: deadline Thu 5 Mar 2026.
      const milestone = await milestones.accepted('T_THREE', '2026-03-02');
      expect(milestone.deadline).toBe('2026-03-05');
      const body = { type: 'extend', days: 2, reason: '需专家论证' };
      await milestones.refused(
        milestone.id,
        body,
        409,
        /not allowed in state "accepted".*before the deadline \(2026-03-05\)/,
        tokens.leader,
      );
      await milestones.refused(
        milestone.id,
        { ...body, at: at('2026-03-06', '00:00') },
        409,
        'before the deadline',
        tokens.leader,
      );
      // The very end of the deadline day is still in time.
      const extended = await milestones.record(
        milestone.id,
        { ...body, at: '2026-03-05T23:59:00+08:00' },
        tokens.leader,
      );
      expect(extended).toMatchObject({ extensionDays: 2, deadline: '2026-03-09' });
    });

    it('an extension twice', async () => {
      const milestone = await milestones.accepted('T_THREE', '2026-03-02');
      const extended = await milestones.record(
        milestone.id,
        { type: 'extend', at: at('2026-03-03'), days: 2, reason: '需专家论证' },
        tokens.leader,
      );
      // 3 + 2 working days after Mon 2 Mar: 3, 4, 5, 6, 9 Mar.
      expect(extended).toMatchObject({ extensionDays: 2, deadline: '2026-03-09' });
      await milestones.refused(
        milestone.id,
        { type: 'extend', at: at('2026-03-04'), days: 1, reason: '再延一天' },
        409,
        /not allowed in state "accepted".*once/,
        tokens.leader,
      );
    });

    it('reject without a reason → 400 naming reason', async () => {
      const milestone = await milestones.accepted('T_THREE', '2026-03-02');
      await milestones.refused(milestone.id, { type: 'reject', at: at('2026-03-04') }, 400, 'reason');
      await milestones.refused(
        milestone.id,
        { type: 'reject', at: at('2026-03-04'), reason: '   ' },
        400,
        'reason',
      );
    });

    it('an extension beyond the maximum days → 400 naming days', async () => {
      const standard = await milestones.accepted('T_THREE', '2026-03-02');
      await milestones.refused(
        standard.id,
        { type: 'extend', at: at('2026-03-03'), days: 11, reason: '需专家论证' },
        400,
        /^days: .*at most 10/,
        tokens.leader,
      );
      const capped = await milestones.accepted('T_MAXEXT', '2026-03-02');
      await milestones.refused(
        capped.id,
        { type: 'extend', at: at('2026-03-03'), days: 4, reason: '需专家论证' },
        400,
        /^days: .*at most 3/,
        tokens.leader,
      );
      await milestones.refused(
        capped.id,
        { type: 'extend', at: at('2026-03-03'), days: 0, reason: '零天' },
        400,
        'days',
        tokens.leader,
      );
      await milestones.refused(
        capped.id,
        { type: 'extend', at: at('2026-03-03'), reason: '未写天数' },
        400,
        'days',
        tokens.leader,
      );
      await milestones.refused(
        capped.id,
        { type: 'extend', at: at('2026-03-03'), days: 2 },
        400,
        'reason',
        tokens.leader,
      );
      const ok = await milestones.record(
        capped.id,
        { type: 'extend', at: at('2026-03-03'), days: 3, reason: '需专家论证' },
        tokens.leader,
      );
      expect(ok).toMatchObject({ extensionDays: 3, deadline: '2026-03-10' });
    });

    it('an event in the future → 400 naming at', async () => {
      const milestone = await milestones.create('T_THREE');
      const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString();
      await milestones.refused(milestone.id, { type: 'submit', at: tomorrow }, 400, /^at: .*future/);
      const inAnHour = new Date(Date.now() + 3600_000).toISOString();
      await milestones.refused(milestone.id, { type: 'submit', at: inAnHour }, 400, /^at: .*future/);
    });

    it('an event before the previous one → 400 naming at', async () => {
      const milestone = await milestones.create('T_THREE');
      await milestones.record(milestone.id, { type: 'submit', at: at('2026-03-03') });
      await milestones.refused(
        milestone.id,
        { type: 'accept', at: at('2026-03-02') },
        400,
        /^at: .*before the previous event/,
      );
      await milestones.refused(milestone.id, { type: 'accept', at: at('2026-03-03', '09:59') }, 400, /^at: /);
    });

    it('bad bodies → 400 naming the field: unknown type, unknown field, a moment that is not ISO-8601', async () => {
      const milestone = await milestones.create('T_THREE');
      await milestones.refused(milestone.id, { type: 'approve_all' }, 400, /^type: /);
      await milestones.refused(milestone.id, { type: 'submit', actor: 'admin' }, 400, 'actor');
      await milestones.refused(milestone.id, { type: 'submit', at: '3 March 2026' }, 400, /^at: /);
      await milestones.refused(milestone.id, { type: 'submit', days: 'two' }, 400, /^days: /);
    });

    it('a moment without an offset is refused (moments are ISO-8601 with offset)', async () => {
      const milestone = await milestones.create('T_THREE');
      await milestones.refused(milestone.id, { type: 'submit', at: '2026-03-02T10:00:00' }, 400, /^at: /);
      await milestones.refused(milestone.id, { type: 'submit', at: '2026-03-02' }, 400, /^at: /);
    });

    it('an unknown milestone → 404; a catalog item that does not exist → 400 naming itemCode', async () => {
      expectError(await milestones.post('99999999', { type: 'submit' }), 404, 'milestone 99999999');
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
  },
);
