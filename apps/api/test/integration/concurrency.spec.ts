import { type TestStack } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  changeStage,
  createProject,
  projectBody,
  shanghaiToday,
  type Tokens,
  useSignedInStack,
} from './support/fixtures';

/**
 * The same request many times at once, through the built API on real MariaDB: creates guarded by a
 * unique key let exactly one in, a PUT is idempotent, generated project codes are distinct, and a
 * repeated identical alert answer changes nothing.
 */
describe('concurrency: parallel identical requests (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  const today = shanghaiToday();

  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await (await stack.database.dataSource()).query(sql, params)) as T[];

  const statuses = (answers: Array<{ status: number }>) => answers.map((answer) => answer.status).sort();

  useSignedInStack((started) => ({ stack, tokens, zrzyj } = started));

  it('11 parallel approval-item creates with one code: exactly one 201, ten 409, the winner stored', async () => {
    const answers = await Promise.all(
      Array.from({ length: 11 }, (_, index) =>
        stack.call('POST', '/api/approval-items', {
          token: tokens.admin,
          body: {
            code: 'T_RACE',
            name: `并发事项${index}`,
            departmentId: zrzyj,
            statutoryDays: 10,
            promisedDays: 1 + (index % 5),
          },
        }),
      ),
    );
    expect(statuses(answers), JSON.stringify(answers.map((answer) => answer.body))).toEqual([
      201,
      ...Array.from({ length: 10 }, () => 409),
    ]);
    for (const refused of answers.filter((answer) => answer.status === 409))
      expect(refused.body.message).toContain('code');
    const winner = answers.find((answer) => answer.status === 201)!.body;
    const rows = await query<{ name: string; promised_days: number }>(
      "SELECT name, promised_days FROM approval_item WHERE code = 'T_RACE'",
    );
    expect(rows).toEqual([{ name: winner.name, promised_days: winner.promisedDays }]);
    // One audited creation, and no update written over it.
    const audit = await query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'approval_item' AND entity_id = 'T_RACE'",
    );
    expect(audit.map((row) => row.action)).toEqual(['create']);
  });

  it('20 parallel identical calendar PUTs of one date: all 200, one override, one audit entry', async () => {
    const date = `${Number(today.slice(0, 4)) + 1}-05-12`;
    const body = { kind: 'holiday', name: '并发调休' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        stack.call('PUT', `/api/calendar/${date}`, { token: tokens.admin, body }),
      ),
    );
    expect(statuses(answers), JSON.stringify(answers.map((answer) => answer.body))).toEqual(
      Array.from({ length: 20 }, () => 200),
    );
    for (const answer of answers)
      expect(answer.body).toMatchObject({ date, kind: 'holiday', name: '并发调休', source: 'admin' });
    expect(await query('SELECT kind, name FROM calendar_override WHERE date = ?', [date])).toEqual([
      { kind: 'holiday', name: '并发调休' },
    ]);
    const audit = await query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'calendar_override' AND entity_id = ?",
      [date],
    );
    expect(audit.map((row) => row.action)).toEqual(['create']);

    // The same again, one after the other, changes nothing; a different kind is one update.
    expect((await stack.call('PUT', `/api/calendar/${date}`, { token: tokens.admin, body })).status).toBe(
      200,
    );
    const changed = await stack.call('PUT', `/api/calendar/${date}`, {
      token: tokens.admin,
      body: { kind: 'workday', name: '并发调休' },
    });
    expect(changed.status).toBe(200);
    const after = await query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity_type = 'calendar_override' AND entity_id = ? ORDER BY seq",
      [date],
    );
    expect(after.map((row) => row.action)).toEqual(['create', 'update']);
  });

  it('50 parallel project creates without a code: all 201 with 50 distinct codes of the year', async () => {
    const before = await query<{ code: string }>('SELECT code FROM project');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        stack.call('POST', '/api/projects', {
          token: tokens.bureau,
          body: projectBody(zrzyj, { name: `并发项目${index}`, investor: `并发投资有限公司${index}` }),
        }),
      ),
    );
    expect(
      statuses(answers),
      JSON.stringify(answers.filter((a) => a.status !== 201).map((a) => a.body)),
    ).toEqual(Array.from({ length: 50 }, () => 201));
    const codes = answers.map((answer) => answer.body.code as string);
    expect(new Set(codes).size).toBe(50);
    const prefix = `${today.slice(0, 4)}-ZS-`;
    for (const code of codes) {
      expect(code.startsWith(prefix)).toBe(true);
      expect(code.slice(prefix.length)).toMatch(/^\d{3,}$/);
    }
    // None of them reuses a code that existed before.
    const existing = new Set(before.map((row) => row.code));
    expect(codes.filter((code) => existing.has(code))).toEqual([]);
    const [stored] = await query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM project WHERE code IN (${codes.map(() => '?').join(',')})`,
      codes,
    );
    expect(Number(stored!.n)).toBe(50);
  });

  it('a repeated identical alert answer is a no-op: same answer, no new event, no new audit entry', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj, {
      talksStartedAt: addDays(today, -130),
    });
    await changeStage(stack, tokens.bureau, project.id, { stage: 'signed', at: addDays(today, -100) });
    const checks = await stack.call('POST', '/api/checks/run', { token: tokens.admin });
    expect(checks.status, JSON.stringify(checks.body)).toBe(200);
    const [alert] = await query<{ id: string }>(
      "SELECT id FROM alert WHERE subject_type = 'project' AND subject_id = ? AND kind = 'not_registered'",
      [project.id],
    );
    expect(alert).toBeDefined();
    const alertId = String(alert!.id);
    const ack = await stack.call('POST', `/api/alerts/${alertId}/ack`, {
      token: tokens.dept,
      body: { note: '已签收' },
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);

    const body = {
      category: 'waiting_applicant',
      cause: '企业注册材料尚未备齐',
      measures: '已约企业本周补齐材料',
      expectedDate: addDays(today, 14),
    };
    const answer = () => stack.call('POST', `/api/alerts/${alertId}/answer`, { token: tokens.dept, body });
    const first = await answer();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = [await answer(), ...(await Promise.all(Array.from({ length: 5 }, answer)))];
    for (const repeated of again) {
      expect(repeated.status, JSON.stringify(repeated.body)).toBe(200);
      expect(repeated.body.answer).toEqual(first.body.answer);
      expect(repeated.body.events).toEqual(first.body.events);
    }
    const events = await query<{ type: string }>(
      "SELECT type FROM alert_event WHERE alert_id = ? AND type = 'answered'",
      [alertId],
    );
    expect(events).toHaveLength(1);
    const audit = await query<{ n: string }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'alert.answer' AND entity_id = ?",
      [alertId],
    );
    expect(Number(audit[0]!.n)).toBe(1);

    // A different answer is a new answer.
    const changed = await stack.call('POST', `/api/alerts/${alertId}/answer`, {
      token: tokens.dept,
      body: { ...body, measures: '已上门指导企业补齐材料' },
    });
    expect(changed.status).toBe(200);
    expect(
      await query("SELECT type FROM alert_event WHERE alert_id = ? AND type = 'answered'", [alertId]),
    ).toHaveLength(2);
  });
});
