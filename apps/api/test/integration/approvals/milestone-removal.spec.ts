import { expect, it } from 'vitest';
import { at, describeApprovals, milestones, stack, today, tokens } from './support';

describeApprovals('removing a milestone added by mistake', () => {
  it('the bureau removes a milestone without events: 204, gone from the track, audited, chain intact', async () => {
    const milestone = await milestones.create('T_THREE');
    const removed = await stack.call('DELETE', `/api/milestones/${milestone.id}`, { token: tokens.bureau });
    expect(removed.status, JSON.stringify(removed.body)).toBe(204);
    expect(
      (await stack.call('GET', `/api/milestones/${milestone.id}`, { token: tokens.bureau })).status,
    ).toBe(404);
    const track = await stack.call('GET', `/api/projects/${milestone.projectId}/milestones`, {
      token: tokens.bureau,
    });
    expect(track.body.items).toEqual([]);
    const trail = await stack.call('GET', `/api/audit?entityType=milestone&entityId=${milestone.id}`, {
      token: tokens.admin,
    });
    expect(trail.body.items.map((entry: any) => entry.action).sort()).toEqual(['create', 'delete']);
    expect((await stack.call('GET', '/api/audit/verify', { token: tokens.admin })).body.ok).toBe(true);
    // The same item can be added again afterwards.
    const again = await stack.call('POST', `/api/projects/${milestone.projectId}/milestones`, {
      token: tokens.admin,
      body: { itemCode: 'T_THREE' },
    });
    expect(again.status).toBe(201);
    expect(
      (await stack.call('DELETE', `/api/milestones/${again.body.id}`, { token: tokens.admin })).status,
    ).toBe(204);
  });

  it('refuses once the milestone has events (409 milestone_has_events), and to leaders and departments (403)', async () => {
    const milestone = await milestones.create('T_THREE');
    for (const token of [tokens.leader, tokens.dept]) {
      const denied = await stack.call('DELETE', `/api/milestones/${milestone.id}`, { token });
      expect(denied.status).toBe(403);
    }
    await milestones.record(milestone.id, { type: 'submit', at: at(today, '00:01') });
    const refused = await stack.call('DELETE', `/api/milestones/${milestone.id}`, { token: tokens.bureau });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'milestone_has_events', events: 1 });
    expect(refused.body.message).toMatch(/^id: /);
    expect(
      (await stack.call('GET', `/api/milestones/${milestone.id}`, { token: tokens.bureau })).body.events,
    ).toHaveLength(1);
    const absent = await stack.call('DELETE', '/api/milestones/999999999', { token: tokens.bureau });
    expect(absent.status).toBe(404);
  });
});
