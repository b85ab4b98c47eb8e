import { type TestStack } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import {
  acceptedMilestone,
  createZrzyjItem,
  expectError,
  type Tokens,
  useSignedInStack,
} from './support/fixtures';

/**
 * The calendar of next year (issue 13 item 7): the calendar package has no 2027 yet, so a deadline in
 * 2027 is provisional (待确认) and admins get the calendar_unconfirmed alert at once; entering the
 * year's arrangement (the State Council's notice, pasted) recomputes the deadline and resolves the
 * alert. The clock is LUODI_FAKE_NOW = 2026-11-20 (before December 1: only the deadline raises it).
 */
const NOW = '2026-11-20T18:00:00+08:00';

/** A 2027 arrangement in the notice's words (the real one is not published at the time of writing). */
const NOTICE_2027 =
  '国务院办公厅关于2027年部分节假日安排的通知\n' +
  '一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n' +
  '二、春节：2月6日（周六）至14日（周日）放假调休，共9天。2月20日（周六）上班。\n' +
  '三、清明节：4月3日（周六）至5日（周一）放假，共3天。';

describe('calendar of next year: provisional deadlines, the admin alert, one-step entry (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;

  useSignedInStack(
    async (started) => {
      ({ stack, tokens, zrzyj } = started);
      await createZrzyjItem(started, 'T_THIRTY', '测试事项（30日）', 30, 30);
    },
    { env: { LUODI_FAKE_NOW: NOW } },
  );

  const calendarAlerts = async (token = tokens.admin) => {
    const answer = await stack.call('GET', '/api/alerts?kind=calendar_unconfirmed&pageSize=100', { token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.items as Array<Record<string, any>>;
  };
  const runChecks = async () => {
    const answer = await stack.call('POST', '/api/checks/run', { token: tokens.admin });
    expect(answer.status).toBe(200);
  };

  it('a 2027 deadline is provisional, raises the admin alert, and entering 2027 recomputes it and resolves the alert', async () => {
    const dataSource = await stack.database.dataSource();
    const [{ n: demoIn2027 }] = (await dataSource.query(
      "SELECT COUNT(*) AS n FROM milestone WHERE decided_at IS NULL AND deadline >= '2027-01-01'",
    )) as Array<{ n: string }>;

    // Before December 1, with no open deadline in 2027: no alert.
    const before = await stack.call('GET', '/api/calendar?year=2027', { token: tokens.admin });
    expect(before.body).toMatchObject({ year: 2027, confirmed: false });
    await runChecks();
    expect((await calendarAlerts()).filter((alert) => alert.status !== 'resolved')).toHaveLength(
      Number(demoIn2027) > 0 ? 1 : 0,
    );

    // A milestone accepted on Friday 2026-11-20 with 30 working days: the 30th is Friday 2027-01-01.
    const { projectId, milestoneId } = await acceptedMilestone(
      stack,
      tokens.bureau,
      zrzyj,
      'T_THIRTY',
      '2026-11-20',
    );
    const provisional = await stack.call('GET', `/api/milestones/${milestoneId}`, { token: tokens.dept });
    expect(provisional.body).toMatchObject({ deadline: '2027-01-01', deadlineProvisional: true });
    const listed = await stack.call('GET', `/api/milestones?projectId=${projectId}`, { token: tokens.dept });
    expect(listed.body.items[0]).toMatchObject({ deadline: '2027-01-01', deadlineProvisional: true });

    // At once (not only from December 1): the admins' alert for 2027, district-wide, level 1.
    await runChecks();
    const [alert] = (await calendarAlerts()).filter((entry) => entry.status !== 'resolved');
    expect(alert).toMatchObject({
      kind: 'calendar_unconfirmed',
      subjectType: 'calendar_year',
      subjectId: '2027',
      level: 1,
      projectId: null,
      departmentId: null,
    });
    expect(alert!.detail.openDeadlines).toBe(Number(demoIn2027) + 1);
    expect(alert!.detail.firstDeadline).toBe('2027-01-01');
    // Its in-app delivery goes to the admins; a department does not see it.
    const [delivery] = (await dataSource.query('SELECT recipient FROM delivery WHERE alert_id = ?', [
      alert!.id,
    ])) as Array<{ recipient: string }>;
    expect(delivery?.recipient).toBe('admin');
    expect(await calendarAlerts(tokens.dept)).toEqual([]);

    // Preview the notice: nothing saved yet.
    const preview = await stack.call('POST', '/api/calendar/arrangement/preview', {
      token: tokens.admin,
      body: { year: 2027, text: NOTICE_2027 },
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.entries).toHaveLength(3 + 9 + 1 + 3);
    expect(preview.body.entries[0]).toEqual({
      date: '2027-01-01',
      kind: 'holiday',
      name: '元旦',
      current: null,
    });
    expect(
      (await stack.call('GET', `/api/milestones/${milestoneId}`, { token: tokens.dept })).body,
    ).toMatchObject({ deadline: '2027-01-01', deadlineProvisional: true });

    // Bad input: 400 naming the field.
    expectError(
      await stack.call('PUT', '/api/calendar/arrangement/2027', {
        token: tokens.admin,
        body: { entries: [{ date: '2028-01-01', kind: 'holiday' }] },
      }),
      400,
      'entries[0].date',
    );
    expect(
      (
        await stack.call('PUT', '/api/calendar/arrangement/2027', {
          token: tokens.dept,
          body: { entries: [] },
        })
      ).status,
    ).toBe(403);

    // Save: the deadline moves past 元旦 (1–3 January) to Monday 2027-01-04, no longer provisional.
    const saved = await stack.call('PUT', '/api/calendar/arrangement/2027', {
      token: tokens.admin,
      body: { entries: preview.body.entries.map(({ current: _current, ...entry }: any) => entry) },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ year: 2027, saved: 16 });
    expect(saved.body.recomputed).toBeGreaterThanOrEqual(1);
    const confirmed = await stack.call('GET', `/api/milestones/${milestoneId}`, { token: tokens.dept });
    expect(confirmed.body).toMatchObject({ deadline: '2027-01-04', deadlineProvisional: false });
    expect((await stack.call('GET', '/api/calendar?year=2027', { token: tokens.dept })).body).toMatchObject({
      year: 2027,
      confirmed: true,
    });
    // The alert resolved itself (the save runs the checks).
    const after = await calendarAlerts();
    expect(after.find((entry) => entry.id === alert!.id)?.status).toBe('resolved');
  });
});
