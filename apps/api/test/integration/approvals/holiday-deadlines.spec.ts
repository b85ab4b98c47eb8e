import { expect, it } from 'vitest';
import { at, describeApprovals, milestones, tokens } from './support';

describeApprovals('deadlines across the real holidays of 2026', () => {
  it('accepted Fri 13 Feb with 3 promised days → deadline Wed 25 Feb (Sat 14 worked, 15–23 off)', async () => {
    const milestone = await milestones.accepted('T_THREE', '2026-02-13');
    expect(milestone).toMatchObject({
      state: 'accepted',
      acceptedOn: '2026-02-13',
      deadline: '2026-02-25',
    });
    expect(milestone.acceptedAt).toBe(new Date(at('2026-02-13', '15:00')).toISOString());
    // Long past: overdue and red (超时默认 does not apply to this item).
    expect(milestone.light).toBe('red');
    expect(milestone.remainingWorkingDays).toBeLessThan(0);
    const decided = await milestones.record(milestone.id, { type: 'approve', at: at('2026-02-25', '17:30') });
    expect(decided).toMatchObject({ state: 'approved', decidedOnTime: true, remainingWorkingDays: null });
  });

  it('accepted on the working Saturday 14 Feb → 26 Feb; accepted Fri 27 Feb → Tue 3 Mar', async () => {
    expect((await milestones.accepted('T_THREE', '2026-02-14')).deadline).toBe('2026-02-26');
    expect((await milestones.accepted('T_THREE', '2026-02-27')).deadline).toBe('2026-03-03');
  });

  it('a suspension across National Day pushes the deadline by the working days suspended; an extension adds its days', async () => {
    // Accepted Mon 28 Sep: 3 working days are 29, 30 Sep and 8 Oct.
    const milestone = await milestones.accepted('T_THREE', '2026-09-28');
    expect(milestone.deadline).toBe('2026-10-08');
    await milestones.record(milestone.id, { type: 'suspend', at: at('2026-09-29'), reason: '专家评审' });
    // Suspended 29 Sep (inclusive) to 9 Oct (exclusive): working days 29, 30 Sep and 8 Oct = 3.
    const resumed = await milestones.record(milestone.id, { type: 'resume', at: at('2026-10-09') });
    expect(resumed).toMatchObject({ state: 'accepted', suspendedWorkingDays: 3 });
    // 6 working days after 28 Sep: 29, 30 Sep, 8, 9, 10 (Sat, 调休), 12 Oct.
    expect(resumed.deadline).toBe('2026-10-12');
    const extended = await milestones.record(
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
    const late = await milestones.record(milestone.id, { type: 'approve', at: at('2026-10-15') });
    expect(late).toMatchObject({ state: 'approved', decidedOnTime: false, deadline: '2026-10-14' });
  });

  it('a suspension spanning only the holidays costs no working days', async () => {
    // Accepted Wed 30 Sep: deadline 8, 9, 10 Oct (Sat, 调休) → 10 Oct.
    const milestone = await milestones.accepted('T_THREE', '2026-09-30');
    expect(milestone.deadline).toBe('2026-10-10');
    await milestones.record(milestone.id, { type: 'suspend', at: at('2026-10-01') });
    const resumed = await milestones.record(milestone.id, { type: 'resume', at: at('2026-10-08') });
    expect(resumed).toMatchObject({ suspendedWorkingDays: 0, deadline: '2026-10-10' });
  });
});
