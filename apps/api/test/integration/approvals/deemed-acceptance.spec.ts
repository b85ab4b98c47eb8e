import { expect, it } from 'vitest';
import { addDays } from '../support/fixtures';
import { at, describeApprovals, milestones, stack, today, tokens } from './support';

describeApprovals('5-working-day deemed acceptance (行政许可法 art. 32)', () => {
  it('a submission 21 days ago with no answer counts as accepted on the submit date', async () => {
    // 21 calendar days always hold more than 6 working days, whatever the holidays.
    const submitDate = addDays(today, -21);
    const milestone = await milestones.create('T_THREE');
    await milestones.record(milestone.id, { type: 'submit', at: at(submitDate) });
    const view = await milestones.get(milestone.id);
    expect(view).toMatchObject({
      state: 'accepted',
      acceptanceDeemed: true,
      acceptedOn: submitDate,
      submittedAt: new Date(at(submitDate)).toISOString(),
      acceptedAt: new Date(at(submitDate)).toISOString(),
    });
    expect(view.deadline).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    await milestones.refused(
      milestone.id,
      { type: 'request_supplement', reason: '缺少材料' },
      409,
      'not allowed in state "accepted"',
    );
    await milestones.refused(
      milestone.id,
      { type: 'accept' },
      409,
      /not allowed in state "accepted".*deemed/,
    );
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
    const inTime = await milestones.create('T_THREE');
    await milestones.record(inTime.id, { type: 'submit', at: at('2026-03-02') });
    const asked = await milestones.record(inTime.id, {
      type: 'request_supplement',
      at: '2026-03-09T23:59:00+08:00',
      reason: '缺少申请表',
    });
    expect(asked).toMatchObject({
      state: 'supplement_requested',
      acceptanceDeemed: false,
      acceptedOn: null,
    });

    const tooLate = await milestones.create('T_THREE');
    await milestones.record(tooLate.id, { type: 'submit', at: at('2026-03-02') });
    await milestones.refused(
      tooLate.id,
      { type: 'request_supplement', at: '2026-03-10T00:01:00+08:00', reason: '缺少申请表' },
      409,
      'not allowed in state "accepted"',
    );
    const view = await milestones.get(tooLate.id);
    // Deemed accepted on 2 Mar: the deadline is the 3rd working day after it.
    expect(view).toMatchObject({
      acceptedOn: '2026-03-02',
      acceptanceDeemed: true,
      deadline: '2026-03-05',
    });
  });

  it('the 5 working days follow the calendar across the Spring Festival', async () => {
    // Submitted Thu 12 Feb 2026: working days 13, 14 (Sat, 调休), 24, 25, 26 Feb — the 5th is 26 Feb.
    const inTime = await milestones.create('T_THREE');
    await milestones.record(inTime.id, { type: 'submit', at: at('2026-02-12') });
    const accepted26 = await milestones.record(inTime.id, { type: 'accept', at: at('2026-02-26', '16:00') });
    expect(accepted26).toMatchObject({ acceptanceDeemed: false, acceptedOn: '2026-02-26' });
    // 3 working days after 26 Feb: 27 Feb, 28 Feb (Sat, 调休), 2 Mar.
    expect(accepted26.deadline).toBe('2026-03-02');

    const deemed = await milestones.create('T_THREE');
    await milestones.record(deemed.id, { type: 'submit', at: at('2026-02-12') });
    await milestones.refused(
      deemed.id,
      { type: 'accept', at: at('2026-02-27', '09:00') },
      409,
      'not allowed in state "accepted"',
    );
    // Deemed accepted on 12 Feb: 3 working days after it are 13, 14 (Sat), 24 Feb.
    expect(await milestones.get(deemed.id)).toMatchObject({
      acceptedOn: '2026-02-12',
      acceptanceDeemed: true,
      deadline: '2026-02-24',
    });
  });
});
