import { expect, it } from 'vitest';
import { expectError } from '../support/fixtures';
import { describeApprovals, milestones, newItem, stack, tokens } from './support';

describeApprovals('超时默认 (deemed approval at the deadline)', () => {
  it('applies at a contract amount ≥ the threshold, not below; raising the threshold does not undo it', async () => {
    const settings = await stack.call('GET', '/api/settings', { token: tokens.admin });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ deemedApprovalThreshold: '10000.00', yellowDays: 3 });

    // Accepted Mon 2 Mar with 3 days: deadline Thu 5 Mar; long missed.
    const atThreshold = await milestones.accepted('T_DEEMED', '2026-03-02', { contractAmount: '10000.00' });
    expect(atThreshold).toMatchObject({
      state: 'deemed_approved',
      deadline: '2026-03-05',
      decidedOnTime: false,
      light: null,
      decidedAt: new Date('2026-03-05T23:59:59.999+08:00').toISOString(),
    });
    const below = await milestones.accepted('T_DEEMED', '2026-03-02', { contractAmount: '9999.99' });
    expect(below).toMatchObject({
      state: 'accepted',
      light: 'red',
      deadline: '2026-03-05',
      decidedAt: null,
    });
    // A deemed approval is a decision: it takes no more events.
    await milestones.refused(
      atThreshold.id,
      { type: 'approve' },
      409,
      'not allowed in state "deemed_approved"',
    );
    // This history was entered after its deadline; let the system have watched the deadline pass
    // (events recorded on the day they happened), so that 超时默认 is applied and recorded.
    const dataSource = await stack.database.dataSource();
    await dataSource.query('UPDATE milestone_event SET recorded_at = at WHERE milestone_id = ?', [
      atThreshold.id,
    ]);
    expect(await milestones.get(atThreshold.id)).toMatchObject({ state: 'deemed_approved' });
    expect(
      (await milestones.get(atThreshold.id)).events.map((event: { type: string }) => event.type),
    ).toContain('deemed_approve');

    const listed = async (id: string) => {
      const project = (await milestones.get(id)).projectId;
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
      expect(await milestones.get(below.id)).toMatchObject({
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
      expect(await milestones.get(below.id)).toMatchObject({ state: 'accepted', light: 'red' });
      expect(await listed(below.id)).toMatchObject({ state: 'accepted', light: 'red' });
      for (const id of [atThreshold.id]) {
        expect.soft(await listed(id), `list ${id}`).toMatchObject({ state: 'deemed_approved' });
        expect.soft(await milestones.get(id), `detail ${id}`).toMatchObject({
          state: 'deemed_approved',
          decidedOnTime: false,
        });
        // …and it still takes no events.
        expect.soft((await milestones.post(id, { type: 'approve' })).status, `approve ${id}`).toBe(409);
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
    await newItem({ code: 'T_LONG', name: '测试事项（20日）', statutoryDays: 20, promisedDays: 20 });
    const milestone = await milestones.create('T_LONG');
    await milestones.record(milestone.id, { type: 'submit' });
    const fresh = await milestones.record(milestone.id, { type: 'accept' });
    expect(fresh).toMatchObject({ light: 'green', remainingWorkingDays: 20 });
    try {
      expect(
        (await stack.call('PATCH', '/api/settings', { token: tokens.admin, body: { yellowDays: 25 } }))
          .status,
      ).toBe(200);
      expect(await milestones.get(milestone.id)).toMatchObject({ light: 'yellow' });
      const list = await stack.call('GET', `/api/milestones?projectId=${fresh.projectId}`, {
        token: tokens.bureau,
      });
      expect(list.body.items[0]).toMatchObject({ light: 'yellow' });
    } finally {
      await stack.call('PATCH', '/api/settings', { token: tokens.admin, body: { yellowDays: 3 } });
    }
    expect(await milestones.get(milestone.id)).toMatchObject({ light: 'green' });
  });
});
