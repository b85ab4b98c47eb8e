import { duplicatedAlertRows, startStack, type TestStack } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  createProject,
  changeStage,
  departmentIds,
  loginAll,
  shanghaiToday,
  type Tokens,
} from './support/fixtures';

/**
 * The stall checks (domain §5) through the built API on real MariaDB, with data of the test's own and
 * `POST /api/checks/run`: each kind raised at its boundary and not before, escalation to 督办, automatic
 * resolution, and idempotence of parallel runs. Expectations are worked out here from the stack's
 * clock (LUODI_FAKE_NOW) and the calendar the API serves, not from the app's code.
 */

const at = (date: string, time: string) => `${date}T${time}:00+08:00`;

interface AlertFact {
  id: string;
  kind: string;
  level: number;
  status: string;
}

describe('alerts: each kind at its boundary, escalation, resolution, idempotence (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  let fgj: string;
  let overrides: Map<string, string>;
  /**
   * The checks run as of mid-June of the tests' year, whatever today is: the key-work kinds need
   * months of the year behind them (序时进度 of four months and more, a report month that has ended).
   */
  const clockAt = `${shanghaiToday().slice(0, 4)}-06-16T10:00:00+08:00`;
  const today = shanghaiToday(new Date(clockAt));
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));

  /** Mon–Fri unless the calendar says otherwise (the exceptions the API serves). */
  const isWorkingDay = (date: string) => {
    const kind = overrides.get(date);
    if (kind) return kind === 'workday';
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  const runChecks = async () => {
    const answer = await stack.call('POST', '/api/checks/run', { token: tokens.bureau });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as { raised: number; escalated: number; resolved: number; deemedApproved: number };
  };

  const alertsOf = async (subjectType: string, subjectId: string): Promise<AlertFact[]> => {
    const dataSource = await stack.database.dataSource();
    const rows = (await dataSource.query(
      'SELECT id, kind, level, status FROM alert WHERE subject_type = ? AND subject_id = ? ORDER BY kind',
      [subjectType, subjectId],
    )) as Array<{ id: string; kind: string; level: number; status: string }>;
    return rows.map((row) => ({
      id: String(row.id),
      kind: row.kind,
      level: Number(row.level),
      status: row.status,
    }));
  };

  const kindsOf = async (subjectType: string, subjectId: string) =>
    (await alertsOf(subjectType, subjectId))
      .filter((alert) => alert.status !== 'resolved')
      .map((alert) => `${alert.kind}@${alert.level}`);

  beforeAll(async () => {
    stack = await startStack({ env: { LUODI_FAKE_NOW: clockAt } });
    tokens = await loginAll(stack);
    const departments = await departmentIds(stack);
    zrzyj = departments.get('ZRZYJ')!;
    fgj = departments.get('FGJ')!;
    overrides = new Map();
    for (const calendarYear of [year - 1, year]) {
      const calendar = await stack.call('GET', `/api/calendar?year=${calendarYear}`, { token: tokens.admin });
      expect(calendar.status).toBe(200);
      for (const item of calendar.body.items as Array<{ date: string; kind: string }>)
        overrides.set(item.date, item.kind);
    }
    for (const item of [
      { code: 'T_ALERT', name: '测试事项（预警）', deemedApproval: false },
      { code: 'T_ALERT_DEEMED', name: '测试事项（预警超时默认）', deemedApproval: true },
    ]) {
      const created = await stack.call('POST', '/api/approval-items', {
        token: tokens.admin,
        body: { departmentId: zrzyj, statutoryDays: 5, promisedDays: 2, yellowDays: 1, ...item },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('two runs at once on the fresh demo raise each alert once; a third run finds nothing to do', async () => {
    const [first, second] = await Promise.all([runChecks(), runChecks()]);
    const dataSource = await stack.database.dataSource();
    const [count] = (await dataSource.query('SELECT COUNT(*) AS n FROM alert')) as Array<{ n: string }>;
    expect(Number(count!.n)).toBeGreaterThan(5);
    expect(first.raised + second.raised).toBe(Number(count!.n));
    expect(await duplicatedAlertRows(dataSource)).toEqual({ alerts: [], deliveries: [], notifications: [] });
    // One delivery per recipient of each alert's level (in-app only: the demo sets no e-mail or webhook).
    const [mismatch] = (await dataSource.query(
      `SELECT COUNT(*) AS n FROM alert a
        WHERE (SELECT COUNT(*) FROM delivery d WHERE d.alert_id = a.id AND d.level = a.level) <> IF(a.level = 3, 3, 1)`,
    )) as Array<{ n: string }>;
    expect(Number(mismatch!.n)).toBe(0);
    expect(await runChecks()).toEqual({ raised: 0, escalated: 0, resolved: 0, deemedApproved: 0 });
    expect(await duplicatedAlertRows(dataSource)).toEqual({ alerts: [], deliveries: [], notifications: [] });
  });

  /** Milestones accepted 0…n calendar days ago (2 promised working days, yellow from 1 remaining). */
  const spread = async (itemCode: string, days: number, contractAmount = '1000.00') => {
    const milestones: Array<{ id: string; state: string; light: string | null; remaining: number | null }> =
      [];
    for (let ago = 0; ago <= days; ago += 1) {
      const project = await createProject(stack, tokens.bureau, zrzyj, {
        contractAmount,
        talksStartedAt: addDays(today, -60),
      });
      const created = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
        token: tokens.bureau,
        body: { itemCode },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const date = addDays(today, -ago);
      for (const [type, time] of [
        ['submit', '00:01'],
        ['accept', '00:02'],
      ] as const) {
        const answer = await stack.call('POST', `/api/milestones/${created.body.id}/events`, {
          token: tokens.bureau,
          body: { type, at: at(date, time) },
        });
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      }
      const milestone = (
        await stack.call('GET', `/api/milestones/${created.body.id}`, { token: tokens.bureau })
      ).body;
      milestones.push({
        id: String(milestone.id),
        state: milestone.state,
        light: milestone.light,
        remaining: milestone.remainingWorkingDays,
      });
    }
    return milestones;
  };

  /** Working days a milestone is overdue, from its remaining working days (domain §4's count). */
  const overdueWorkingDays = (remaining: number) => (isWorkingDay(today) ? -remaining : -remaining - 1);

  let milestoneSpread: Awaited<ReturnType<typeof spread>> = [];

  it('milestone_due when the light turns yellow, milestone_overdue when red (level 3 from 3 working days overdue), none while green', async () => {
    milestoneSpread = await spread('T_ALERT', 14);
    await runChecks();
    const lights = new Set<string | null>();
    for (const milestone of milestoneSpread) {
      lights.add(milestone.light);
      const kinds = await kindsOf('milestone', milestone.id);
      if (milestone.light === 'green') expect(kinds, JSON.stringify(milestone)).toEqual([]);
      if (milestone.light === 'yellow') {
        expect(milestone.remaining).toBeGreaterThanOrEqual(0);
        expect(milestone.remaining).toBeLessThanOrEqual(1);
        expect(kinds, JSON.stringify(milestone)).toEqual(['milestone_due@1']);
      }
      if (milestone.light === 'red') {
        const level = overdueWorkingDays(milestone.remaining!) >= 3 ? 3 : 2;
        expect(kinds, JSON.stringify(milestone)).toEqual([`milestone_overdue@${level}`]);
      }
    }
    // The spread crosses every boundary: green (2 remaining), yellow, red, and red ≥ 3 working days.
    expect([...lights].sort()).toEqual(['green', 'red', 'yellow']);
    const reds = milestoneSpread.filter((milestone) => milestone.light === 'red');
    expect(reds.some((milestone) => overdueWorkingDays(milestone.remaining!) < 3)).toBe(true);
    expect(reds.some((milestone) => overdueWorkingDays(milestone.remaining!) === 3)).toBe(true);
    // The last yellow day (0 or 1 remaining) is not overdue; the first red day (-1) is.
    const lastYellow = milestoneSpread.filter((milestone) => milestone.light === 'yellow').at(-1)!;
    expect(await kindsOf('milestone', lastYellow.id)).toEqual(['milestone_due@1']);
    const firstRed = reds[0]!;
    expect(firstRed.remaining).toBe(-1);
    expect((await kindsOf('milestone', firstRed.id))[0]).toMatch(/^milestone_overdue@/);
  });

  it('deemed_approval once 超时默认 applies (the day after the deadline), not on the deadline day', async () => {
    const milestones = await spread('T_ALERT_DEEMED', 7, '999999.00');
    await runChecks();
    const states = new Set<string>();
    for (const milestone of milestones) {
      states.add(milestone.state);
      const kinds = await kindsOf('milestone', milestone.id);
      if (milestone.state === 'deemed_approved')
        expect(kinds, JSON.stringify(milestone)).toEqual(['deemed_approval@2']);
      else {
        expect(kinds, JSON.stringify(milestone)).not.toContain('deemed_approval@2');
        expect(milestone.light).not.toBe('red');
      }
    }
    expect(states).toContain('deemed_approved');
    expect(states).toContain('accepted');
  });

  it('level 3 after 1 working day unacknowledged at level 2; an acknowledged level 2 stays; resolved when decided', async () => {
    const level2 = [];
    for (const milestone of milestoneSpread.filter((candidate) => candidate.light === 'red')) {
      const [alert] = await alertsOf('milestone', milestone.id);
      if (alert?.level === 2) level2.push({ milestone, alert });
    }
    expect(level2.length).toBeGreaterThanOrEqual(1);
    const unacknowledged = level2[0]!;
    // An acknowledged level-2 alert of our own (a project signed 130 days ago, never registered).
    const stalled = await createProject(stack, tokens.bureau, zrzyj, {
      talksStartedAt: addDays(today, -200),
    });
    await changeStage(stack, tokens.bureau, stalled.id, { stage: 'signed', at: addDays(today, -130) });
    await runChecks();
    const [acknowledged] = await alertsOf('project', stalled.id);
    expect(acknowledged).toMatchObject({ kind: 'not_registered', level: 2 });
    const ack = await stack.call('POST', `/api/alerts/${acknowledged!.id}/ack`, {
      token: tokens.dept,
      body: { note: '已签收，正在督促注册' },
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);

    // Not before: on the day it reached level 2 nothing rises.
    const before = await runChecks();
    expect(before.escalated).toBe(0);
    expect((await alertsOf('milestone', unacknowledged.milestone.id))[0]!.level).toBe(2);

    // Two weeks at level 2 (≥ 1 working day, whatever the holidays).
    const dataSource = await stack.database.dataSource();
    await dataSource.query('UPDATE alert SET level_since = ? WHERE id IN (?, ?)', [
      new Date(Date.parse(clockAt) - 14 * 24 * 3600 * 1000),
      unacknowledged.alert.id,
      acknowledged!.id,
    ]);
    const after = await runChecks();
    expect(after.escalated).toBe(1);
    expect((await alertsOf('milestone', unacknowledged.milestone.id))[0]).toMatchObject({
      level: 3,
      status: 'open',
    });
    expect((await alertsOf('project', stalled.id))[0]).toMatchObject({ level: 2, status: 'acknowledged' });
    const detail = await stack.call('GET', `/api/alerts/${unacknowledged.alert.id}`, {
      token: tokens.leader,
    });
    expect(detail.status).toBe(200);
    expect(
      detail.body.events.map((event: { type: string; level: number }) => `${event.type}@${event.level}`),
    ).toEqual(['raised@2', 'level_up@3']);
    // Level 3 goes to the bureau and leadership as well.
    const recipients = (await dataSource.query(
      "SELECT recipient FROM delivery WHERE alert_id = ? AND level = 3 AND channel = 'in_app' ORDER BY recipient",
      [unacknowledged.alert.id],
    )) as Array<{ recipient: string }>;
    expect(recipients.map((row) => row.recipient)).toEqual(['bureau', `department:${zrzyj}`, 'leadership']);

    // Decided → resolved, with an event.
    const approved = await stack.call('POST', `/api/milestones/${unacknowledged.milestone.id}/events`, {
      token: tokens.bureau,
      body: { type: 'approve' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const resolvedRun = await runChecks();
    expect(resolvedRun.resolved).toBe(1);
    const resolved = await stack.call('GET', `/api/alerts/${unacknowledged.alert.id}`, {
      token: tokens.dept,
    });
    expect(resolved.body).toMatchObject({ status: 'resolved', level: 3 });
    expect(resolved.body.resolvedAt).not.toBeNull();
    expect(resolved.body.events.at(-1)).toMatchObject({ type: 'resolved', level: 3 });
    expect(await runChecks()).toEqual({ raised: 0, escalated: 0, resolved: 0, deemedApproved: 0 });
  });

  it('not_registered: signed 90 days ago, not at 89; level 2 thirty days later', async () => {
    const subjects: Array<[string, number]> = [];
    for (const days of [89, 90, 119, 120]) {
      const project = await createProject(stack, tokens.bureau, fgj, {
        talksStartedAt: addDays(today, -300),
      });
      await changeStage(stack, tokens.bureau, project.id, { stage: 'signed', at: addDays(today, -days) });
      subjects.push([project.id, days]);
    }
    await runChecks();
    const expected: Record<number, string[]> = {
      89: [],
      90: ['not_registered@1'],
      119: ['not_registered@1'],
      120: ['not_registered@2'],
    };
    for (const [id, days] of subjects)
      expect(await kindsOf('project', id), `${days} days`).toEqual(expected[days]);
  });

  it('not_started: registered 180 days ago, not at 179; registering clears not_registered', async () => {
    const subjects: Array<[string, number]> = [];
    for (const days of [179, 180]) {
      const project = await createProject(stack, tokens.bureau, fgj, {
        talksStartedAt: addDays(today, -400),
      });
      await changeStage(stack, tokens.bureau, project.id, { stage: 'signed', at: addDays(today, -days - 1) });
      await changeStage(stack, tokens.bureau, project.id, { stage: 'registered', at: addDays(today, -days) });
      subjects.push([project.id, days]);
    }
    await runChecks();
    expect(await kindsOf('project', subjects[0]![0])).toEqual([]);
    expect(await kindsOf('project', subjects[1]![0])).toEqual(['not_started@1']);

    // A project signed 100 days ago has not_registered; registering it resolves that alert.
    const late = await createProject(stack, tokens.bureau, fgj, { talksStartedAt: addDays(today, -300) });
    await changeStage(stack, tokens.bureau, late.id, { stage: 'signed', at: addDays(today, -100) });
    await runChecks();
    expect(await kindsOf('project', late.id)).toEqual(['not_registered@1']);
    await changeStage(stack, tokens.bureau, late.id, { stage: 'registered', at: today });
    expect((await runChecks()).resolved).toBe(1);
    expect(await alertsOf('project', late.id)).toEqual([expect.objectContaining({ status: 'resolved' })]);
  });

  /** A key work of this year on a freshly signed project (no project-level alert). */
  const keyWork = async (body: { annualPlanInvestment: string; plannedStartMonth?: number }) => {
    const project = await createProject(stack, tokens.bureau, fgj, { talksStartedAt: addDays(today, -30) });
    await changeStage(stack, tokens.bureau, project.id, { stage: 'signed', at: addDays(today, -10) });
    const created = await stack.call('POST', '/api/key-works', {
      token: tokens.bureau,
      body: { projectId: project.id, year, ...body },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return String(created.body.id);
  };
  const report = async (id: string, reportMonth: number, completedInvestment: string) => {
    const answer = await stack.call('POST', `/api/key-works/${id}/reports`, {
      token: tokens.bureau,
      body: { month: `${year}-${String(reportMonth).padStart(2, '0')}`, completedInvestment },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  };
  /** Months elapsed ÷ 12 (序时进度), a month counting once it has ended. */
  const lastDayOfMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const monthsElapsed = month - 1 + (Number(today.slice(8, 10)) === lastDayOfMonth ? 1 : 0);

  it('investment_behind: 10 points behind is none, above 10 is yellow (level 1), above 30 red (level 2)', async () => {
    // Plan 1 200 万元: on schedule is 100 × months elapsed; one point is 12 万元.
    const onSchedule = 100 * monthsElapsed;
    const cases: Array<[string, string[]]> = [
      [`${onSchedule - 120}.00`, []],
      [`${onSchedule - 121}.20`, ['investment_behind@1']],
      [`${onSchedule - 360}.00`, ['investment_behind@1']],
      [`${onSchedule - 361}.20`, ['investment_behind@2']],
    ];
    const ids: string[] = [];
    for (const [completed] of cases) {
      const id = await keyWork({ annualPlanInvestment: '1200.00', plannedStartMonth: 1 });
      // Every month up to last month reported (no report_missing), the whole amount in January.
      await report(id, 1, completed);
      for (let reportMonth = 2; reportMonth < month; reportMonth += 1) await report(id, reportMonth, '0.00');
      ids.push(id);
    }
    // The key works' projects started (no not_started).
    const dataSource = await stack.database.dataSource();
    await dataSource.query(
      'UPDATE project SET started_at = ?, registered_at = ? WHERE id IN (SELECT project_id FROM key_work WHERE id IN (?))',
      [addDays(today, -5), addDays(today, -6), ids],
    );
    await runChecks();
    for (const [index, [completed, expected]] of cases.entries())
      expect(await kindsOf('key_work', ids[index]!), `completed ${completed}`).toEqual(expected);
  });

  it('not_started (key work): planned start month ended without a start; not while the month runs', async () => {
    const previous = await keyWork({ annualPlanInvestment: '0.00', plannedStartMonth: month - 1 });
    const current = await keyWork({ annualPlanInvestment: '0.00', plannedStartMonth: month });
    await runChecks();
    expect(await kindsOf('key_work', current)).toEqual([]);
    expect((await kindsOf('key_work', previous)).filter((kind) => kind.startsWith('not_started'))).toEqual([
      'not_started@2',
    ]);
  });

  it('report_missing: once the 5th working day of the next month has passed, not on or before it', async () => {
    // The report of last month is due by the 5th working day of this month.
    let dueDay = '';
    let counted = 0;
    for (let day = `${today.slice(0, 8)}01`; counted < 5; day = addDays(day, 1)) {
      if (isWorkingDay(day)) {
        counted += 1;
        dueDay = day;
      }
    }
    const missing = await keyWork({ annualPlanInvestment: '0.00', plannedStartMonth: month - 1 });
    const reported = await keyWork({ annualPlanInvestment: '0.00', plannedStartMonth: month - 1 });
    await report(reported, month - 1, '0.00');
    await runChecks();
    const missingKinds = (await kindsOf('key_work', missing)).filter((kind) =>
      kind.startsWith('report_missing'),
    );
    expect(missingKinds).toEqual(today > dueDay ? ['report_missing@2'] : []);
    const reportedKinds = (await kindsOf('key_work', reported)).filter((kind) =>
      kind.startsWith('report_missing'),
    );
    expect(reportedKinds).toEqual([]);
    if (today > dueDay) {
      const [alert] = (await alertsOf('key_work', missing)).filter(
        (found) => found.kind === 'report_missing',
      );
      const detail = await stack.call('GET', `/api/alerts/${alert!.id}`, { token: tokens.bureau });
      expect(detail.body.detail).toEqual({ months: [`${year}-${String(month - 1).padStart(2, '0')}`] });
      // The report comes in: the alert resolves itself.
      await report(missing, month - 1, '0.00');
      await runChecks();
      expect(
        (await alertsOf('key_work', missing)).find((found) => found.kind === 'report_missing'),
      ).toMatchObject({ status: 'resolved' });
    }
  });

  it('a resolved alert that comes back is reopened and notifies its recipients again (a new round)', async () => {
    const project = await createProject(stack, tokens.bureau, fgj, { talksStartedAt: addDays(today, -300) });
    await changeStage(stack, tokens.bureau, project.id, { stage: 'signed', at: addDays(today, -100) });
    await runChecks();
    await changeStage(stack, tokens.bureau, project.id, { stage: 'registered', at: today });
    await runChecks();
    const [alert] = await alertsOf('project', project.id);
    expect(alert).toMatchObject({ kind: 'not_registered', status: 'resolved' });
    // The registration is withdrawn (corrected by hand): the stall is back.
    const dataSource = await stack.database.dataSource();
    await dataSource.query("UPDATE project SET registered_at = NULL, stage = 'signed' WHERE id = ?", [
      project.id,
    ]);
    await runChecks();
    const detail = await stack.call('GET', `/api/alerts/${alert!.id}`, { token: tokens.bureau });
    expect(detail.body).toMatchObject({ status: 'open', level: 1 });
    expect(detail.body.events.map((event: { type: string }) => event.type)).toEqual([
      'raised',
      'resolved',
      'reopened',
    ]);
    const rounds = (await dataSource.query(
      "SELECT round, COUNT(*) AS n FROM delivery WHERE alert_id = ? AND channel = 'in_app' GROUP BY round ORDER BY round",
      [alert!.id],
    )) as Array<{ round: number; n: string }>;
    expect(rounds.map((row) => [Number(row.round), Number(row.n)])).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it('after all of the above, still one alert per (subject, kind) and one delivery per (alert, round, level, recipient, channel)', async () => {
    await Promise.all([runChecks(), runChecks()]);
    expect(await duplicatedAlertRows(await stack.database.dataSource())).toEqual({
      alerts: [],
      deliveries: [],
      notifications: [],
    });
  });
});
