import { type RunningApi, startApi, startStack, type TestStack } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, shanghaiToday, type Tokens } from './support/fixtures';
import { validWorkbook } from './support/xlsx-files';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Drill: the API is killed with SIGKILL (no shutdown hook runs) in the middle of a write, and started
 * again on the same database. Each write is all or nothing: an import's rows are all there or none
 * are; a milestone event is there together with the milestone's derived columns, or neither is; and
 * every write the API acknowledged before the kill is there.
 */
describe('drill: SIGKILL of the API in the middle of an import and of milestone events', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let api: RunningApi;
  const lastYear = Number(shanghaiToday().slice(0, 4)) - 1;
  const talks = `${lastYear}-03-01`;

  beforeAll(async () => {
    stack = await startStack();
    tokens = await loginAll(stack);
    api = stack.api;
  });
  afterAll(async () => {
    if (api !== stack?.api) await api?.stop();
    await stack?.stop();
  });

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const upload = async (file: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type: XLSX_MIME }), 'projects.xlsx');
    const response = await fetch(`${api.baseUrl}/api/projects/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.bureau}` },
      body: form,
    });
    return { status: response.status, body: await response.json() };
  };
  const query = async <T>(sql: string, parameters: unknown[] = []): Promise<T[]> =>
    (await (await stack.database.dataSource()).query(sql, parameters)) as T[];

  /**
   * Statements of the API writing the import's rows now (its transaction has begun writing and has not
   * committed: the import commits once, after its last insert). MariaDB's information_schema.innodb_trx
   * did not list the import's transaction reliably here, so the drill watches the processlist instead.
   */
  const importInserting = async (): Promise<number> => {
    const [row] = await query<{ inserting: string | null }>(
      `SELECT COUNT(*) AS inserting
         FROM information_schema.processlist p
        WHERE p.db = ? AND p.command = 'Query'
          AND (p.info LIKE 'INSERT INTO \`project\`%' OR p.info LIKE 'INSERT INTO \`project_stage_event\`%')`,
      [stack.database.name],
    );
    return Number(row?.inserting ?? 0);
  };

  const auditVerifies = async () => {
    const verified = await call('GET', '/api/audit/verify', tokens.admin);
    expect(verified.status).toBe(200);
    expect(verified.body.ok, JSON.stringify(verified.body)).toBe(true);
  };

  it('an import of 20 000 rows killed while its transaction is open: after the restart none of its rows are there', async () => {
    const count = 20_000;
    const file = await validWorkbook(count, 'KILL', talks);
    let settled: { status: number; body: unknown } | null = null;
    const pending = upload(file)
      .catch((error: unknown) => ({ status: 0, body: String(error) }))
      .then((answer) => (settled = answer));

    // Kill once the import's transaction is writing its rows (before its commit).
    let seen = 0;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && !settled) {
      seen = await importInserting();
      if (seen > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(
      seen,
      `the import was never seen writing its rows; answer ${JSON.stringify(settled)}`,
    ).toBeGreaterThan(0);
    api.child.kill('SIGKILL');
    const answer = await pending;
    expect(await api.exited).toBe('SIGKILL');
    process.stdout.write(`\n[kill-mid-write] import killed while its transaction was inserting rows\n`);

    api = await startApi(stack.env);
    tokens = await signInAll();
    const [{ projects }] = await query<{ projects: string }>(
      "SELECT COUNT(*) AS projects FROM project WHERE code LIKE 'KILL-%'",
    );
    const [{ events }] = await query<{ events: string }>(
      `SELECT COUNT(*) AS events FROM project_stage_event e JOIN project p ON p.id = e.project_id
        WHERE p.code LIKE 'KILL-%'`,
    );
    // All or nothing: killed before the commit (the usual case) nothing, in the instant between the
    // commit and the kill everything; a partial import would be anything between.
    process.stdout.write(
      `[kill-mid-write] after the restart: ${projects} of ${count} rows, ${events} stage events\n`,
    );
    expect([0, count]).toContain(Number(projects));
    expect(Number(events)).toBe(Number(projects));
    if (answer.status === 201) expect(Number(projects)).toBe(count);
    await auditVerifies();

    if (Number(projects) === 0) {
      // The same file imports whole on the restarted API: no lock, code or row was left behind.
      const again = await upload(file);
      expect(again.status, JSON.stringify(again.body).slice(0, 300)).toBe(201);
      expect(again.body).toEqual({ imported: count });
    }
    const [{ after }] = await query<{ after: string }>(
      "SELECT COUNT(*) AS after FROM project WHERE code LIKE 'KILL-%'",
    );
    expect(Number(after)).toBe(count);
    await auditVerifies();
  }, 240_000);

  it('a burst of milestone events killed midway: each event is there with its derived columns, or neither is', async () => {
    // 80 projects, each with one milestone still planned.
    const projectsFile = await validWorkbook(80, 'MSK', talks);
    expect((await upload(projectsFile)).status).toBe(201);
    const projects = await query<{ id: string }>(
      "SELECT id FROM project WHERE code LIKE 'MSK-%' ORDER BY id",
    );
    const milestoneIds: string[] = [];
    for (const project of projects) {
      const created = await call('POST', `/api/projects/${project.id}/milestones`, tokens.bureau, {
        itemCode: 'EIA',
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      milestoneIds.push(String(created.body.id));
    }
    const eventsOf = async () => {
      const [{ events }] = await query<{ events: string }>(
        `SELECT COUNT(*) AS events FROM milestone_event WHERE milestone_id IN (${milestoneIds.join(',')})`,
      );
      return Number(events);
    };

    // The burst: a submit on every milestone, 6 at a time; the API is killed once a quarter are in.
    const acknowledged: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < milestoneIds.length) {
        const id = milestoneIds[next++]!;
        try {
          const answer = await call('POST', `/api/milestones/${id}/events`, tokens.bureau, {
            type: 'submit',
          });
          if (answer.status === 200) acknowledged.push(id);
        } catch {
          // the API was killed under this request
        }
      }
    };
    const burst = Promise.all(Array.from({ length: 6 }, worker));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (await eventsOf()) < milestoneIds.length / 4)
      await new Promise((resolve) => setTimeout(resolve, 5));
    api.child.kill('SIGKILL');
    await burst;
    expect(await api.exited).toBe('SIGKILL');
    const recorded = await eventsOf();
    process.stdout.write(
      `\n[kill-mid-write] milestone burst killed: ${acknowledged.length} acknowledged, ${recorded} recorded of ${milestoneIds.length}\n`,
    );
    expect(recorded).toBeGreaterThan(0);
    expect(recorded, 'the burst finished before the kill').toBeLessThan(milestoneIds.length);

    api = await startApi(stack.env);
    tokens = await signInAll();
    // Straight from the tables (no API read, which would recompute the derived columns first).
    const rows = await query<{
      id: string;
      state: string;
      submittedAt: Date | null;
      events: string;
      eventAt: Date | null;
    }>(
      `SELECT m.id, m.state, m.submitted_at AS submittedAt, COUNT(e.id) AS events, MAX(e.at) AS eventAt
         FROM milestone m LEFT JOIN milestone_event e ON e.milestone_id = m.id
        WHERE m.id IN (${milestoneIds.join(',')}) GROUP BY m.id, m.state, m.submitted_at`,
    );
    expect(rows).toHaveLength(milestoneIds.length);
    const inconsistent = rows.filter((row) => {
      const events = Number(row.events);
      if (events === 0) return row.state !== 'planned' || row.submittedAt !== null;
      return (
        events !== 1 || row.state !== 'submitted' || row.submittedAt?.getTime() !== row.eventAt?.getTime()
      );
    });
    expect(inconsistent).toEqual([]);
    // Every acknowledged event survived the kill.
    const withEvent = new Set(rows.filter((row) => Number(row.events) === 1).map((row) => String(row.id)));
    expect(acknowledged.filter((id) => !withEvent.has(id))).toEqual([]);
    await auditVerifies();

    // The milestones left planned take their event now, once each.
    for (const row of rows.filter((candidate) => Number(candidate.events) === 0)) {
      const answer = await call('POST', `/api/milestones/${row.id}/events`, tokens.bureau, {
        type: 'submit',
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    expect(await eventsOf()).toBe(milestoneIds.length);
  }, 240_000);

  /** Sign every demo user in on the current API. */
  async function signInAll(): Promise<Tokens> {
    const entries = await Promise.all(
      (['admin', 'bureau', 'leader', 'dept'] as const).map(async (username) => {
        const response = await fetch(`${api.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: stack.env['DEMO_PASSWORD'] }),
        });
        expect(response.status).toBe(200);
        return [username, ((await response.json()) as { accessToken: string }).accessToken] as const;
      }),
    );
    return Object.fromEntries(entries) as unknown as Tokens;
  }
});
