import {
  DEMO_TEST_PASSWORD,
  openEventStream,
  startStack,
  type TestStack,
  testNow,
  waitFor,
} from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  changeStage,
  createProject,
  departmentIds,
  expectError,
  loginAll,
  shanghaiToday,
  type Tokens,
} from './support/fixtures';

/**
 * Alerts through the built API (real MariaDB + Redis): department scope (lists, 404 for another
 * department's, 403 for roles that may not act), the live stream scoped per user, and the rules of
 * acknowledgement (签收, per level) and answers (反馈) up to the leader's 督办 list.
 */
describe('alerts: department isolation, live stream scope, acknowledgement and answers', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  let fgj: string;
  let fgjUser: string;
  const today = shanghaiToday();

  const runChecks = async () => {
    const answer = await stack.call('POST', '/api/checks/run', { token: tokens.admin });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };

  /** A project of `department` signed `days` ago and never registered: a not_registered alert. */
  const stalledProject = async (department: string, days: number) => {
    const project = await createProject(stack, tokens.bureau, department, {
      talksStartedAt: addDays(today, -days - 30),
    });
    await changeStage(stack, tokens.bureau, project.id, { stage: 'signed', at: addDays(today, -days) });
    await runChecks();
    const dataSource = await stack.database.dataSource();
    const [alert] = (await dataSource.query(
      "SELECT id FROM alert WHERE subject_type = 'project' AND subject_id = ? AND kind = 'not_registered'",
      [project.id],
    )) as Array<{ id: string }>;
    expect(alert).toBeDefined();
    return { projectId: String(project.id), alertId: String(alert!.id) };
  };

  const ack = (id: string, token: string, note: unknown = '已签收') =>
    stack.call('POST', `/api/alerts/${id}/ack`, { token, body: { note } });
  const answerBody = {
    category: 'waiting_applicant',
    cause: '企业注册材料尚未备齐',
    measures: '已约企业本周补齐材料并上门指导',
    expectedDate: addDays(today, 14),
  };
  const answer = (id: string, token: string, body: Record<string, unknown> = answerBody) =>
    stack.call('POST', `/api/alerts/${id}/answer`, { token, body });

  beforeAll(async () => {
    // Request logs on (as in production) to check that the stream's query token never reaches them.
    stack = await startStack({ env: { LOG_LEVEL: 'info' } });
    tokens = await loginAll(stack);
    const departments = await departmentIds(stack);
    zrzyj = departments.get('ZRZYJ')!;
    fgj = departments.get('FGJ')!;
    const created = await stack.call('POST', '/api/users', {
      token: tokens.admin,
      body: {
        username: 'fgj_alerts',
        password: DEMO_TEST_PASSWORD,
        displayName: '发改局测试',
        role: 'department',
        departmentId: fgj,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    fgjUser = await stack.login('fgj_alerts');
    await runChecks();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('an alert about a milestone names its approval item (list and detail); other alerts do not', async () => {
    const all = await stack.call('GET', '/api/alerts?pageSize=200', { token: tokens.bureau });
    expect(all.status).toBe(200);
    const rows = all.body.items as Array<{
      id: string;
      subjectType: string;
      subjectId: string;
      itemName: unknown;
    }>;
    const milestones = rows.filter((row) => row.subjectType === 'milestone');
    expect(milestones.length).toBeGreaterThan(0);
    for (const row of milestones.slice(0, 5)) {
      const milestone = await stack.call('GET', `/api/milestones/${row.subjectId}`, { token: tokens.bureau });
      expect(row.itemName).toBe(milestone.body.itemName);
      const detail = await stack.call('GET', `/api/alerts/${row.id}`, { token: tokens.bureau });
      expect(detail.body.itemName).toBe(milestone.body.itemName);
    }
    for (const row of rows.filter((other) => other.subjectType !== 'milestone'))
      expect(row.itemName).toBeNull();
  });

  it("department B sees none of A's alerts and gets 404 on GET, ack and answer of one", async () => {
    const own = await stack.call('GET', '/api/alerts?pageSize=200', { token: tokens.dept });
    expect(own.status).toBe(200);
    expect(own.body.total).toBeGreaterThan(0);
    expect(new Set(own.body.items.map((item: { departmentId: string }) => item.departmentId))).toEqual(
      new Set([zrzyj]),
    );
    const other = await stack.call('GET', '/api/alerts?pageSize=200', { token: fgjUser });
    expect(other.status).toBe(200);
    for (const item of other.body.items as Array<{ departmentId: string }>)
      expect(item.departmentId).toBe(fgj);
    // Asking for A's department explicitly changes nothing.
    const asked = await stack.call('GET', `/api/alerts?departmentId=${zrzyj}`, { token: fgjUser });
    expect(asked.body.total).toBe(0);
    const all = await stack.call('GET', '/api/alerts?pageSize=200', { token: tokens.bureau });
    expect(all.body.total).toBeGreaterThanOrEqual(own.body.total + other.body.total);

    const target = own.body.items[0].id as string;
    const before = await stack.call('GET', `/api/alerts/${target}`, { token: tokens.admin });
    expectError(await stack.call('GET', `/api/alerts/${target}`, { token: fgjUser }), 404);
    expectError(await ack(target, fgjUser), 404);
    expectError(await answer(target, fgjUser), 404);
    expectError(await stack.call('GET', '/api/alerts/99999999', { token: tokens.dept }), 404);
    expectError(await stack.call('GET', '/api/alerts/not-an-id', { token: tokens.dept }), 404);
    expect((await stack.call('GET', `/api/alerts/${target}`, { token: tokens.admin })).body).toEqual(
      before.body,
    );
  });

  it('bureau and leader get 403 on ack and answer (the department acts), and nothing changes', async () => {
    const { alertId } = await stalledProject(zrzyj, 95);
    for (const token of [tokens.bureau, tokens.leader]) {
      expectError(await ack(alertId, token), 403);
      expectError(await answer(alertId, token), 403);
    }
    const detail = await stack.call('GET', `/api/alerts/${alertId}`, { token: tokens.dept });
    expect(detail.body).toMatchObject({ status: 'open', acknowledgedLevel: null, answer: null });
    expect(detail.body.events.map((event: { type: string }) => event.type)).toEqual(['raised']);
  });

  it("the live stream of a department carries its own alerts' messages only", async () => {
    const mine = await stalledProject(zrzyj, 96);
    const theirs = await stalledProject(fgj, 96);
    const url = (token: string) =>
      `${stack.api.baseUrl}/api/events?access_token=${encodeURIComponent(token)}`;
    const unauthorised = await fetch(`${stack.api.baseUrl}/api/events`);
    expect(unauthorised.status).toBe(401);
    const deptStream = await openEventStream(url(tokens.dept));
    const fgjStream = await openEventStream(url(fgjUser));
    const leaderStream = await openEventStream(url(tokens.leader));
    try {
      // Another department's alert acknowledged (by the admin), then one of its own.
      expect((await ack(theirs.alertId, tokens.admin, '管理员代签收')).status).toBe(200);
      expect((await ack(mine.alertId, tokens.dept)).status).toBe(200);
      const alertMessages = (stream: typeof deptStream) =>
        stream.messages.filter((message) => message.event === 'alert').map((message) => message.data as any);
      await waitFor('its own acknowledgement on the department stream', async () =>
        alertMessages(deptStream).some((data) => data.alertId === mine.alertId),
      );
      await waitFor('the other acknowledgement on the other stream', async () =>
        alertMessages(fgjStream).some((data) => data.alertId === theirs.alertId),
      );
      await waitFor('both on the leader stream', async () => alertMessages(leaderStream).length >= 2);
      // Published in order on one channel: the other department's came first, and never reached it.
      for (const data of alertMessages(deptStream)) expect(data.departmentId).toBe(zrzyj);
      for (const data of alertMessages(fgjStream)) expect(data.departmentId).toBe(fgj);
      expect(alertMessages(deptStream).map((data) => data.alertId)).not.toContain(theirs.alertId);
      expect(alertMessages(leaderStream).map((data) => data.alertId)).toEqual(
        expect.arrayContaining([mine.alertId, theirs.alertId]),
      );
    } finally {
      deptStream.close();
      fgjStream.close();
      leaderStream.close();
    }
    // A refused token is logged as a warning: neither it nor the good ones may appear in the log.
    expect((await fetch(url(`${tokens.dept}x`))).status).toBe(401);
    await waitFor('the request log of the streams', async () =>
      stack.api.output().includes('/api/events?access_token=[redacted]'),
    );
    for (const token of [tokens.dept, fgjUser, tokens.leader])
      expect(stack.api.output()).not.toContain(token);
  });

  it('running the checks: bureau and admin only; deliveries: admin only', async () => {
    for (const token of [tokens.dept, tokens.leader]) {
      expectError(await stack.call('POST', '/api/checks/run', { token }), 403);
    }
    expect((await stack.call('POST', '/api/checks/run', { token: tokens.bureau })).status).toBe(200);
    expectError(await stack.call('GET', '/api/deliveries', { token: tokens.bureau }), 403);
    expectError(
      await stack.call('POST', '/api/deliveries/00000000-0000-0000-0000-000000000000/resend', {
        token: tokens.admin,
      }),
      404,
    );
    expect((await stack.call('GET', '/api/alerts')).status).toBe(401);
  });

  it('ack and answer rules: note required, once per level, answer after ack, category checked', async () => {
    const { alertId } = await stalledProject(zrzyj, 97);
    expectError(await answer(alertId, tokens.dept), 409, /acknowledge/);
    expectError(await ack(alertId, tokens.dept, ''), 400, 'note');
    expectError(
      await stack.call('POST', `/api/alerts/${alertId}/ack`, { token: tokens.dept, body: {} }),
      400,
      'note',
    );
    const acknowledged = await ack(alertId, tokens.dept, '已签收，督促企业注册');
    expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(200);
    expect(acknowledged.body).toMatchObject({
      status: 'acknowledged',
      level: 1,
      acknowledgedLevel: 1,
      ackNote: '已签收，督促企业注册',
    });
    expectError(await ack(alertId, tokens.dept, '再签收一次'), 409, 'level 1');
    expectError(await answer(alertId, tokens.dept, { ...answerBody, category: 'no_idea' }), 400, 'category');
    expectError(
      await answer(alertId, tokens.dept, { ...answerBody, expectedDate: '2026-13-01' }),
      400,
      'expectedDate',
    );
    const answered = await answer(alertId, tokens.dept);
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.answer).toMatchObject({
      category: 'waiting_applicant',
      cause: answerBody.cause,
      measures: answerBody.measures,
      expectedDate: answerBody.expectedDate,
    });
    expect(answered.body.events.map((event: { type: string }) => event.type)).toEqual([
      'raised',
      'acknowledged',
      'answered',
    ]);
  });

  it('after a rise to a new level the alert may be acknowledged again; the answer reaches the 督办 list', async () => {
    const { projectId, alertId } = await stalledProject(zrzyj, 98);
    expect((await ack(alertId, tokens.dept, '已签收')).status).toBe(200);
    expectError(await ack(alertId, tokens.dept), 409);
    // 30 days later than that (signed 128 days ago): level 2 (逾期), open again.
    const dataSource = await stack.database.dataSource();
    await dataSource.query('UPDATE project SET signed_at = ? WHERE id = ?', [
      addDays(today, -128),
      projectId,
    ]);
    expect((await runChecks()).escalated).toBeGreaterThanOrEqual(1);
    const risen = await stack.call('GET', `/api/alerts/${alertId}`, { token: tokens.dept });
    expect(risen.body).toMatchObject({ level: 2, status: 'open', acknowledgedLevel: 1 });
    // Unacknowledged at level 2 for a working day → level 3 (督办).
    await dataSource.query('UPDATE alert SET level_since = ? WHERE id = ?', [
      new Date(testNow().getTime() - 14 * 24 * 3600 * 1000),
      alertId,
    ]);
    await runChecks();
    expect((await stack.call('GET', `/api/alerts/${alertId}`, { token: tokens.dept })).body).toMatchObject({
      level: 3,
      status: 'open',
    });
    const again = await ack(alertId, tokens.dept, '督办已签收，局长牵头协调');
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ level: 3, acknowledgedLevel: 3, status: 'acknowledged' });
    expectError(await ack(alertId, tokens.dept), 409, 'level 3');
    expect(
      (await answer(alertId, tokens.dept, { ...answerBody, category: 'needs_coordination' })).status,
    ).toBe(200);

    // The leader's 督办 list: level 3 with the answer.
    const supervised = await stack.call('GET', '/api/alerts?level=3&pageSize=200', { token: tokens.leader });
    expect(supervised.status).toBe(200);
    for (const item of supervised.body.items as Array<{ level: number }>) expect(item.level).toBe(3);
    const ours = supervised.body.items.find((item: { id: string }) => item.id === alertId);
    expect(ours).toMatchObject({
      level: 3,
      status: 'acknowledged',
      answer: {
        category: 'needs_coordination',
        cause: answerBody.cause,
        expectedDate: answerBody.expectedDate,
      },
    });
    const events = (
      await stack.call('GET', `/api/alerts/${alertId}`, { token: tokens.leader })
    ).body.events.map((event: { type: string; level: number }) => `${event.type}@${event.level}`);
    expect(events).toEqual([
      'raised@1',
      'acknowledged@1',
      'level_up@2',
      'level_up@3',
      'acknowledged@3',
      'answered@3',
    ]);
  });
});
