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
 * The district calendar (domain §4, the clock): the data package's 2026 holidays and 调休 days, and
 * admin overrides that move the deadlines of open milestones at once (real MariaDB + Redis).
 */

describe('calendar: package holidays, admin overrides and the deadlines they move (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;

  useSignedInStack(async (started) => {
    ({ stack, tokens, zrzyj } = started);
    await createZrzyjItem(started, 'T_THREE', '测试事项（3日）', 5, 3);
  });

  const calendar = async (year: number, token = tokens.dept) => {
    const answer = await stack.call('GET', `/api/calendar?year=${year}`, { token });
    expect(answer.status).toBe(200);
    return answer.body.items as Array<{ date: string; kind: string; name: string | null; source: string }>;
  };

  /** An admin's override of a day (PUT) and its removal (DELETE), as `token`. */
  const putDay = (date: string, body: Record<string, unknown>, token = tokens.admin) =>
    stack.call('PUT', `/api/calendar/${date}`, { token, body });
  const deleteDay = (date: string, token = tokens.admin) =>
    stack.call('DELETE', `/api/calendar/${date}`, { token });

  const getMilestone = async (id: string) => {
    const answer = await stack.call('GET', `/api/milestones/${id}`, { token: tokens.bureau });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  /** An open milestone of a 3-day item accepted on `date` (not decided: the deadline is from events only). */
  const acceptedOn = async (date: string) =>
    getMilestone((await acceptedMilestone(stack, tokens.bureau, zrzyj, 'T_THREE', date)).milestoneId);

  const listed = async (projectId: string) => {
    const answer = await stack.call('GET', `/api/milestones?projectId=${projectId}`, {
      token: tokens.bureau,
    });
    expect(answer.status).toBe(200);
    return answer.body.items[0];
  };

  it('GET /api/calendar?year=2026 lists the exceptions to Monday–Friday from the data package', async () => {
    const items = await calendar(2026);
    const byDate = new Map(items.map((item) => [item.date, item]));
    expect(byDate.get('2026-02-14')).toMatchObject({ kind: 'workday', source: 'package' });
    expect(byDate.get('2026-02-28')).toMatchObject({ kind: 'workday', source: 'package' });
    expect(byDate.get('2026-09-20')).toMatchObject({ kind: 'workday' });
    expect(byDate.get('2026-10-10')).toMatchObject({ kind: 'workday' });
    for (const date of ['2026-02-16', '2026-02-23', '2026-10-01', '2026-10-05', '2026-10-07']) {
      expect(byDate.get(date), date).toMatchObject({ kind: 'holiday', source: 'package' });
    }
    // Holidays on a weekend are no exception to Monday–Friday.
    expect(byDate.has('2026-10-03')).toBe(false);
    expect(byDate.has('2026-10-04')).toBe(false);
    for (const item of items) expect(item.date.startsWith('2026-')).toBe(true);
    // Sorted by date.
    expect(items.map((item) => item.date)).toEqual([...items.map((item) => item.date)].sort());
    // Another year, and the bad ones.
    expect((await calendar(2025)).every((item) => item.date.startsWith('2025-'))).toBe(true);
    expectError(await stack.call('GET', '/api/calendar?year=abc', { token: tokens.dept }), 400, 'year');
    expectError(await stack.call('GET', '/api/calendar?year=1999', { token: tokens.dept }), 400, 'year');
    expect((await stack.call('GET', '/api/calendar?year=2026')).status).toBe(401);
  });

  it('an admin holiday inside an open milestone window moves its deadline one working day; DELETE restores it', async () => {
    // Accepted Mon 2 Mar 2026 with 3 days: 3, 4, 5 Mar → deadline Thu 5 Mar.
    const milestone = await acceptedOn('2026-03-02');
    expect(milestone.deadline).toBe('2026-03-05');

    const put = await putDay('2026-03-04', { kind: 'holiday', name: '防汛应急' });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({
      date: '2026-03-04',
      kind: 'holiday',
      name: '防汛应急',
      source: 'admin',
    });
    expect(await getMilestone(milestone.id)).toMatchObject({ deadline: '2026-03-06' });
    expect(await listed(milestone.projectId)).toMatchObject({ deadline: '2026-03-06' });
    expect((await calendar(2026)).find((item) => item.date === '2026-03-04')).toMatchObject({
      kind: 'holiday',
      name: '防汛应急',
      source: 'admin',
    });

    // Putting the same date again updates the override (no duplicate).
    expect((await putDay('2026-03-04', { kind: 'holiday' })).status).toBe(200);
    expect((await calendar(2026)).filter((item) => item.date === '2026-03-04')).toHaveLength(1);

    const removed = await deleteDay('2026-03-04');
    expect(removed.status).toBe(204);
    expect(await getMilestone(milestone.id)).toMatchObject({ deadline: '2026-03-05' });
    expect(await listed(milestone.projectId)).toMatchObject({ deadline: '2026-03-05' });
    expect((await calendar(2026)).some((item) => item.date === '2026-03-04')).toBe(false);
    // Nothing left to remove.
    expectError(await deleteDay('2026-03-04'), 404);
  });

  it('an admin workday on a weekend inside the window brings the deadline one working day earlier', async () => {
    // Accepted Fri 6 Mar: 9, 10, 11 Mar → Wed 11 Mar; with Sat 7 Mar worked: 7, 9, 10 → Tue 10 Mar.
    const milestone = await acceptedOn('2026-03-06');
    expect(milestone.deadline).toBe('2026-03-11');
    try {
      const put = await putDay('2026-03-07', { kind: 'workday', name: '补班' });
      expect(put.status).toBe(200);
      expect(await getMilestone(milestone.id)).toMatchObject({ deadline: '2026-03-10' });
      expect(await listed(milestone.projectId)).toMatchObject({ deadline: '2026-03-10' });
    } finally {
      await deleteDay('2026-03-07');
    }
    expect(await getMilestone(milestone.id)).toMatchObject({ deadline: '2026-03-11' });
  });

  it("an override can turn a package holiday back into a working day (the admin's value wins)", async () => {
    // Accepted Fri 13 Feb: 14 (Sat, 调休), 24, 25 Feb; with Mon 16 Feb worked: 14, 16, 24 → 24 Feb.
    const milestone = await acceptedOn('2026-02-13');
    expect(milestone.deadline).toBe('2026-02-25');
    try {
      expect((await putDay('2026-02-16', { kind: 'workday' })).status).toBe(200);
      expect(await getMilestone(milestone.id)).toMatchObject({ deadline: '2026-02-24' });
      expect((await calendar(2026)).find((item) => item.date === '2026-02-16')).toMatchObject({
        kind: 'workday',
        source: 'admin',
      });
    } finally {
      await deleteDay('2026-02-16');
    }
    expect(await getMilestone(milestone.id)).toMatchObject({ deadline: '2026-02-25' });
    expect((await calendar(2026)).find((item) => item.date === '2026-02-16')).toMatchObject({
      kind: 'holiday',
      source: 'package',
    });
  });

  it('only admins change the calendar (403); bad dates and bodies → 400 naming the field; nothing changes', async () => {
    const before = await calendar(2026);
    for (const token of [tokens.bureau, tokens.leader, tokens.dept]) {
      expectError(await putDay('2026-03-04', { kind: 'holiday' }, token), 403);
      expectError(await deleteDay('2026-02-16', token), 403);
    }
    expect((await stack.call('PUT', '/api/calendar/2026-03-04', { body: { kind: 'holiday' } })).status).toBe(
      401,
    );
    for (const date of ['2026-02-30', '2026-13-01', 'tomorrow', '20260304', '2026-3-4']) {
      expectError(await putDay(date, { kind: 'holiday' }), 400, /^date: /);
      expectError(await deleteDay(date), 400, /^date: /);
    }
    expectError(await putDay('2026-03-04', { kind: 'weekend' }), 400, 'kind');
    expectError(await putDay('2026-03-04', {}), 400, 'kind');
    expectError(await putDay('2026-03-04', { kind: 'holiday', source: 'package' }), 400, 'source');
    expect(await calendar(2026)).toEqual(before);
  });
});
