import { type TestStack } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import {
  createZrzyjItem,
  createProject,
  type Tokens,
  useSignedInStack,
  projectBody,
} from './support/fixtures';

/**
 * The API with a database pool of ONE connection (DATABASE_POOL_SIZE=1). Inside a transaction every
 * query must go through the transaction's own connection: one query that asks the pool for a second
 * connection waits for ever for the connection its own transaction holds. With a pool of one that
 * shows at the first such request, so this suite keeps the rule for every path it runs.
 *
 * Every request must get an answer — 2xx, or 409 where the state machine refuses it — never a 5xx
 * and never a hang (each request is given at most REQUEST_LIMIT_MS).
 */
const REQUEST_LIMIT_MS = 60_000;

describe('a pool of one connection: parallel requests all answered, none hangs, no 500', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;

  /** fetch with a time limit: a hung request comes back as status 0 instead of hanging the test. */
  const timed = async (method: string, path: string, token: string, body?: unknown) => {
    try {
      const response = await fetch(`${stack.api.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      return { status: 0, text: `no answer within ${REQUEST_LIMIT_MS} ms: ${String(error)}` };
    }
  };

  const statusCounts = (answers: Array<{ status: number }>) => {
    const counts: Record<string, number> = {};
    for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
    return counts;
  };

  const newMilestone = async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj);
    const created = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
      token: tokens.bureau,
      body: { itemCode: 'T_POOL' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return String(created.body.id);
  };

  // Acquire timeout well above the time the whole burst needs, so a wait for a connection that
  // never comes free shows as such (503 or no answer), not as a slow queue.
  useSignedInStack(
    async (started) => {
      ({ stack, tokens, zrzyj } = started);
      await createZrzyjItem(started, 'T_POOL', '测试事项（连接池）', 5, 3);
    },
    { env: { DATABASE_POOL_SIZE: '1', DATABASE_ACQUIRE_TIMEOUT_MS: '30000' } },
  );

  it('the API really runs with one connection (the setting is applied)', async () => {
    expect(stack.env['DATABASE_POOL_SIZE']).toBe('1');
    const health = await timed('GET', '/api/health', tokens.admin);
    expect(health.status, health.text).toBe(200);
  });

  it('45 parallel submits on different milestones and 50 identical ones on one: 2xx or 409, no 5xx', async () => {
    const distinct: string[] = [];
    for (let index = 0; index < 45; index += 1) distinct.push(await newMilestone());
    const shared = await newMilestone();
    const submit = { type: 'submit', at: new Date(Date.now() - 3_600_000).toISOString() };

    const answers = await Promise.all([
      ...distinct.map((id) => timed('POST', `/api/milestones/${id}/events`, tokens.bureau, submit)),
      ...Array.from({ length: 50 }, () =>
        timed('POST', `/api/milestones/${shared}/events`, tokens.bureau, submit),
      ),
    ]);
    const counts = statusCounts(answers);
    const bad = answers.filter((answer) => ![200, 409].includes(answer.status));
    expect(bad.slice(0, 3), JSON.stringify(counts)).toEqual([]);
    // Each distinct milestone accepted its submit; the shared one exactly once (the rest: 409).
    expect(answers.slice(0, 45).every((answer) => answer.status === 200)).toBe(true);
    expect(answers.slice(45).filter((answer) => answer.status === 200)).toHaveLength(1);

    const dataSource = await stack.database.dataSource();
    const [events] = (await dataSource.query(
      "SELECT COUNT(*) AS n FROM milestone_event WHERE milestone_id = ? AND type = 'submit'",
      [shared],
    )) as Array<{ n: string }>;
    expect(Number(events!.n)).toBe(1);
    const [submitted] = (await dataSource.query(
      `SELECT COUNT(*) AS n FROM milestone WHERE state = 'submitted' AND id IN (${[...distinct, shared].join(',')})`,
    )) as Array<{ n: string }>;
    expect(Number(submitted!.n)).toBe(46);
  });

  it('the stall checks raise alerts with their deliveries on one connection (and in parallel)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => timed('POST', '/api/checks/run', tokens.admin)),
    );
    expect(
      answers.map((answer) => answer.status),
      answers.map((answer) => answer.text).join('\n'),
    ).toEqual([200, 200, 200]);
    const raised = answers.reduce(
      (sum, answer) => sum + (JSON.parse(answer.text) as { raised: number }).raised,
      0,
    );
    expect(raised).toBeGreaterThan(0);
    const dataSource = await stack.database.dataSource();
    const [deliveries] = (await dataSource.query('SELECT COUNT(*) AS n FROM delivery')) as Array<{
      n: string;
    }>;
    expect(Number(deliveries!.n)).toBeGreaterThanOrEqual(raised);
  });

  it('mixed writes in parallel on one connection: projects, calendar, funds, items — all answered', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj);
    const year = new Date().getUTCFullYear() + 1;
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, index) =>
        timed(
          'POST',
          '/api/projects',
          tokens.bureau,
          projectBody(zrzyj, { name: `连接池项目${index}`, investor: `连接池投资${index}` }),
        ),
      ),
      ...Array.from({ length: 5 }, () =>
        timed('PUT', `/api/calendar/${year}-03-02`, tokens.admin, { kind: 'holiday', name: '测试' }),
      ),
      ...Array.from({ length: 5 }, (_, index) =>
        timed('PATCH', `/api/projects/${project.id}`, tokens.bureau, { name: `改名${index}` }),
      ),
      timed('GET', '/api/milestones?pageSize=5', tokens.bureau),
      timed('GET', '/api/alerts?pageSize=5', tokens.bureau),
    ]);
    const bad = answers.filter((answer) => answer.status === 0 || answer.status >= 500);
    expect(bad.slice(0, 3), JSON.stringify(statusCounts(answers))).toEqual([]);
  });
});
