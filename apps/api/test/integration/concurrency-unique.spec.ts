import { creditCodeCheckCharacter } from '@luodi/domain';
import { type TestStack } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import {
  buildXlsx,
  projectBody,
  shanghaiToday,
  testProjectCode,
  type Tokens,
  uploadXlsx,
  useSignedInStack,
} from './support/fixtures';
import { TEMPLATE_HEADERS } from './support/xlsx-files';

/**
 * Values unique among live projects (统一社会信用代码, 项目代码) and first actuals, many at once through
 * the built API on real MariaDB: distinct values never meet (every create succeeds, never 409 busy),
 * one value raced lets exactly one in and refuses the others naming the rule.
 */
describe('concurrency: unique values and first actuals (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  const thisYear = Number(shanghaiToday().slice(0, 4));

  useSignedInStack((started) => ({ stack, tokens, zrzyj } = started));

  const creditBase = Math.floor(Math.random() * 9_000_000);
  let creditSerial = 0;
  /** A fresh valid credit code (random base, so reruns against a shared database do not meet). */
  const creditCode = (): string => {
    creditSerial += 1;
    const body = `91350100MA${String((creditBase + creditSerial) % 10_000_000).padStart(7, '0')}`;
    return body + creditCodeCheckCharacter(body);
  };

  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await (await stack.database.dataSource()).query(sql, params)) as T[];

  const create = (overrides: Record<string, unknown>) =>
    stack.call('POST', '/api/projects', { token: tokens.bureau, body: projectBody(zrzyj, overrides) });

  const summary = (answers: Array<{ status: number; body: any }>) =>
    JSON.stringify(answers.map((answer) => [answer.status, answer.body?.code ?? null]));

  let created: string[] = [];

  it('30 parallel creates with distinct credit codes and project codes: all 201', async () => {
    const bodies = Array.from({ length: 30 }, () => ({
      creditCode: creditCode(),
      projectCode: testProjectCode(),
      signedAt: `${thisYear - 2}-03-01`,
      talksStartedAt: `${thisYear - 2}-01-10`,
    }));
    const answers = await Promise.all(bodies.map((body) => create(body)));
    expect(
      answers.map((answer) => answer.status),
      summary(answers),
    ).toEqual(bodies.map(() => 201));
    created = answers.map((answer) => answer.body.id as string);
    const rows = await query<{ credit_code: string }>(
      `SELECT credit_code FROM project WHERE id IN (${created.map(() => '?').join(',')})`,
      created,
    );
    expect(rows.map((row) => row.credit_code).sort()).toEqual(bodies.map((body) => body.creditCode).sort());
  });

  it('30 parallel first actuals on different projects: all 200, each stored once', async () => {
    expect(created).toHaveLength(30);
    const period = String(thisYear - 1);
    const answers = await Promise.all(
      created.map((id, index) =>
        stack.call('PUT', `/api/projects/${id}/actuals/${period}`, {
          token: tokens.bureau,
          body: { taxPaid: `${100 + index}.00`, headcount: 10 + index },
        }),
      ),
    );
    expect(
      answers.map((answer) => answer.status),
      summary(answers),
    ).toEqual(created.map(() => 200));
    const rows = await query<{ n: string | number }>(
      `SELECT COUNT(*) AS n FROM project_actual WHERE period = ? AND project_id IN (${created.map(() => '?').join(',')})`,
      [period, ...created],
    );
    expect(Number(rows[0]!.n)).toBe(30);
  });

  it('10 parallel PUTs of one new period of one project: all 200, one row, nine replaced versions', async () => {
    const id = created[0]!;
    const period = `${thisYear - 1}-Q4`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        stack.call('PUT', `/api/projects/${id}/actuals/${period}`, {
          token: tokens.bureau,
          body: { headcount: 100 + index },
        }),
      ),
    );
    expect(
      answers.map((answer) => answer.status),
      summary(answers),
    ).toEqual(answers.map(() => 200));
    const current = await query<{ n: string | number }>(
      'SELECT COUNT(*) AS n FROM project_actual WHERE project_id = ? AND period = ?',
      [id, period],
    );
    expect(Number(current[0]!.n)).toBe(1);
    const history = await query<{ n: string | number }>(
      'SELECT COUNT(*) AS n FROM project_actual_history WHERE project_id = ? AND period = ?',
      [id, period],
    );
    expect(Number(history[0]!.n)).toBe(9);
  });

  it('10 parallel creates with one credit code: exactly one 201, nine 409 credit_code_taken', async () => {
    const code = creditCode();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => create({ creditCode: code, projectCode: testProjectCode() })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses, summary(answers)).toEqual([201, ...Array.from({ length: 9 }, () => 409)]);
    for (const refused of answers.filter((answer) => answer.status === 409))
      expect(refused.body.code).toBe('credit_code_taken');
    const rows = await query<{ id: string }>('SELECT id FROM project WHERE credit_code = ?', [code]);
    expect(rows).toHaveLength(1);
  });

  it('10 parallel creates with one project code: exactly one 201, nine 409 project_code_taken', async () => {
    const projectCode = testProjectCode();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => create({ creditCode: creditCode(), projectCode })),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses, summary(answers)).toEqual([201, ...Array.from({ length: 9 }, () => 409)]);
    for (const refused of answers.filter((answer) => answer.status === 409))
      expect(refused.body.code).toBe('project_code_taken');
    const rows = await query<{ id: string }>('SELECT id FROM project WHERE project_code = ?', [projectCode]);
    expect(rows).toHaveLength(1);
  });

  it('an import and creates racing for one credit code: one project holds it, the others are refused by the rule', async () => {
    const code = creditCode();
    const file = await buildXlsx(
      // 项目名称 … 责任单位 of the template, then the credit code and the talks' start.
      [...TEMPLATE_HEADERS.slice(1, 8), '统一社会信用代码', '洽谈开始日期'],
      [
        [
          '并发导入项目',
          '并发导入投资有限公司',
          '境内',
          '新材料',
          '沪洽会',
          1000,
          '自然资源局',
          code,
          `${thisYear - 1}-05-01`,
        ],
      ],
    );
    const [imported, ...creates] = await Promise.all([
      uploadXlsx(stack, tokens.bureau, '/api/projects/import', file),
      ...Array.from({ length: 5 }, () => create({ creditCode: code, projectCode: testProjectCode() })),
    ]);
    const winners = [imported!, ...creates].filter((answer) => answer.status < 300);
    expect(winners, summary([imported!, ...creates])).toHaveLength(1);
    for (const refused of creates.filter((answer) => answer.status >= 300)) {
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('credit_code_taken');
    }
    if (imported!.status >= 300) {
      expect(imported!.status).toBe(400);
      expect(imported!.body.code).toBe('import_rows_invalid');
      expect(JSON.stringify(imported!.body)).toContain('creditCode');
    }
    const rows = await query<{ id: string }>('SELECT id FROM project WHERE credit_code = ?', [code]);
    expect(rows).toHaveLength(1);
  });
});
