import { type TestStack } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addFunds,
  buildXlsx,
  changeStage,
  createProject,
  shanghaiToday,
  type Tokens,
  uploadXlsx,
  useSignedInStack,
  projectBody,
} from './support/fixtures';

/** A JSON text nested `depth` levels deep: {"a":{"a":…{"a":1}…}}. */
function deepJson(depth: number, key = 'a'): string {
  return `${`{"${key}":`.repeat(depth)}1${'}'.repeat(depth)}`;
}

/**
 * Bad input answers a 4xx with a stable `code` naming the field and the rule, and changes nothing
 * (issue 11, items 4 and 7): nothing here may answer 500.
 */
describe('bad input: 400 naming the field and the rule, never 500 (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  const today = shanghaiToday();

  useSignedInStack((started) => ({ stack, tokens, zrzyj } = started));

  const raw = (method: string, path: string, text: string, token?: string) =>
    fetch(`${stack.api.baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'accept-language': 'en',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: text,
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));

  const auditCount = async () => {
    const dataSource = await stack.database.dataSource();
    const [row] = (await dataSource.query('SELECT COUNT(*) AS n FROM audit_log')) as Array<{ n: string }>;
    return Number(row!.n);
  };

  describe('JSON nested too deep (item 4a)', () => {
    it('login and every JSON route answer 400 json_too_deep for 5 000 levels, not a crash', async () => {
      const project = await createProject(stack, tokens.bureau, zrzyj);
      const before = await auditCount();
      for (const [method, path, token] of [
        ['POST', '/api/auth/login', undefined],
        ['POST', '/api/projects', tokens.bureau],
        ['PATCH', `/api/projects/${project.id}`, tokens.bureau],
        ['POST', '/api/lookups', tokens.admin],
      ] as const) {
        const answer = await raw(method, path, deepJson(5000), token);
        expect(answer.status, `${method} ${path}`).toBe(400);
        expect(answer.body).toMatchObject({ statusCode: 400, code: 'json_too_deep' });
        expect(answer.body.message).toMatch(/^body: .*nest.* at most 32/);
      }
      // Arrays count as levels too.
      const arrays = await raw('POST', '/api/auth/login', `${'['.repeat(100)}${']'.repeat(100)}`);
      expect(arrays.status).toBe(400);
      expect(arrays.body.code).toBe('json_too_deep');
      // The API still answers, and the refused requests changed nothing.
      expect((await stack.call('GET', '/api/health')).status).toBe(200);
      expect(await auditCount()).toBe(before);
    });

    it('takes a body at the limit through to the ordinary validation', async () => {
      const answer = await raw('POST', '/api/auth/login', deepJson(31, 'x'));
      expect(answer.status).toBe(400);
      expect(answer.body.code).not.toBe('json_too_deep');
      expect(answer.body.message).toContain('x: is not an allowed field');
    });
  });

  describe('page and pageSize (items 4b, 7b)', () => {
    it.each([
      ['page=99999999999999999999', 'page'],
      ['page=1000001', 'page'],
      ['page=0', 'page'],
      ['page=1e5', 'page'],
      ['page=%2B5', 'page'],
      ['page=0x10', 'page'],
      ['page=1.0', 'page'],
      ['page=', 'page'],
      ['pageSize=201', 'pageSize'],
      ['pageSize=2e1', 'pageSize'],
      ['pageSize=99999999999999999999', 'pageSize'],
    ])('GET /api/projects?%s → 400 naming %s', async (query, field) => {
      for (const path of ['/api/projects', '/api/alerts', '/api/milestones', '/api/audit']) {
        const answer = await stack.call('GET', `${path}?${query}`, { token: tokens.admin });
        expect(answer.status, `${path}?${query}: ${JSON.stringify(answer.body)}`).toBe(400);
        expect(answer.body.message).toMatch(new RegExp(`^${field}: must be an integer from 1 to \\d+`));
        expect(answer.body.code).toBe('integer_out_of_range');
      }
    });

    it('still takes plain digits', async () => {
      const answer = await stack.call('GET', '/api/projects?page=2&pageSize=5', { token: tokens.admin });
      expect(answer.status).toBe(200);
      expect(answer.body.items.length).toBeLessThanOrEqual(5);
    });

    it('query years and months are digits only too', async () => {
      for (const path of [
        '/api/dashboard/summary?year=2026.0',
        '/api/dashboard/summary?year=0x7EA',
        '/api/key-works?year=2e3',
        '/api/alerts?level=1e0',
      ]) {
        const answer = await stack.call('GET', path, { token: tokens.admin });
        expect(answer.status, path).toBe(400);
        expect(answer.body.code, path).toBe('integer_out_of_range');
      }
    });
  });

  describe('dates bounded to 1990-01-01..2100-12-31 (item 4c)', () => {
    it.each([
      ['/api/projects?asOf=9999-12-31', 'asOf'],
      ['/api/projects?signedFrom=1000-01-01', 'signedFrom'],
      ['/api/projects?startedTo=2101-01-01', 'startedTo'],
      ['/api/dashboard/summary?asOf=9999-12-31', 'asOf'],
      ['/api/dashboard/funnel?asOf=9999-12-31T00:00:00Z', 'asOf'],
      ['/api/dashboard/summary?asOf=1989-12-31', 'asOf'],
      ['/api/dashboard/report?month=9999-12', 'month'],
      ['/api/projects?year=9999', 'year'],
    ])('GET %s → 400 naming %s', async (path, field) => {
      const answer = await stack.call('GET', path, { token: tokens.admin });
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body.message).toMatch(new RegExp(`^${field}: .*1990.*2100`));
      expect(answer.body.code).toBe('date_out_of_range');
    });

    it('the range ends are taken', async () => {
      for (const path of [
        '/api/projects?asOf=2100-12-31',
        '/api/projects?signedFrom=1990-01-01',
        '/api/dashboard/summary?asOf=1990-01-01',
      ]) {
        expect((await stack.call('GET', path, { token: tokens.admin })).status, path).toBe(200);
      }
    });

    it('a future asOf on the dashboard routes is refused (date_in_future naming asOf), never read as today', async () => {
      const tomorrow = addDays(today, 1);
      for (const path of [
        `/api/dashboard/summary?asOf=${tomorrow}`,
        `/api/dashboard/funnel?asOf=${tomorrow}`,
        `/api/dashboard/trend?asOf=${tomorrow}`,
        `/api/dashboard/breakdown?by=source&asOf=${tomorrow}`,
        `/api/dashboard/approvals-by-department?asOf=${tomorrow}`,
        `/api/dashboard/summary?asOf=2100-12-31`,
        `/api/dashboard/summary?asOf=${tomorrow}T12:00:00%2B08:00`,
      ]) {
        const answer = await stack.call('GET', path, { token: tokens.admin });
        expect(answer.status, path).toBe(400);
        expect(answer.body, path).toMatchObject({
          code: 'date_in_future',
          params: { field: 'asOf', today },
          message: `asOf: must not be in the future (today is ${today})`,
        });
      }
      const chinese = await stack.call('GET', `/api/dashboard/summary?asOf=${tomorrow}`, {
        token: tokens.admin,
        headers: { 'accept-language': 'zh-CN' },
      });
      expect(chinese.body.message).toContain(today);
      expect(chinese.body.message).toMatch(/不能晚于今天/);
      // today itself (a date or a moment of it) is taken
      for (const path of [`/api/dashboard/summary?asOf=${today}`, `/api/dashboard/funnel?asOf=${today}`]) {
        const answer = await stack.call('GET', path, { token: tokens.admin });
        expect(answer.status, path).toBe(200);
        expect(answer.body.asOfDate, path).toBe(today);
      }
    });

    it('body dates are bounded the same way, and nothing is stored', async () => {
      const before = await auditCount();
      const create = await stack.call('POST', '/api/projects', {
        token: tokens.bureau,
        body: projectBody(zrzyj, {
          name: '远期项目',
          investor: '远期投资',
          contractAmount: '10.00',
          plannedStartDate: '9999-12-31',
        }),
      });
      expect(create.status).toBe(400);
      expect(create.body).toMatchObject({ code: 'date_out_of_range' });
      expect(create.body.message).toMatch(/^plannedStartDate: .*1990-01-01.*2100-12-31/);
      expect(await auditCount()).toBe(before);
    });
  });

  it('a null or non-object body is refused with 400 and changes nothing (item 7a)', async () => {
    const dataSource = await stack.database.dataSource();
    const [report] = (await dataSource.query(
      'SELECT key_work_id AS id, month, corrected_at AS correctedAt FROM key_work_report ORDER BY id LIMIT 1',
    )) as Array<{ id: string; month: string; correctedAt: Date | null }>;
    const project = await createProject(stack, tokens.bureau, zrzyj);
    const before = await auditCount();
    for (const text of ['null', '[]', '[{"completedInvestment":"1.00"}]', '"text"', '42', 'true']) {
      const answer = await raw(
        'PATCH',
        `/api/key-works/${report!.id}/reports/${report!.month}`,
        text,
        tokens.bureau,
      );
      expect(answer.status, text).toBe(400);
      expect(answer.body).toMatchObject({ code: 'body_not_object', message: 'body: must be a JSON object' });
    }
    const answer = await raw('PATCH', `/api/projects/${project.id}`, 'null', tokens.bureau);
    expect(answer.status).toBe(400);
    const [after] = (await dataSource.query(
      'SELECT corrected_at AS correctedAt FROM key_work_report WHERE key_work_id = ? AND month = ?',
      [report!.id, report!.month],
    )) as Array<{ correctedAt: Date | null }>;
    expect(after!.correctedAt).toEqual(report!.correctedAt);
    expect(await auditCount()).toBe(before);
  });

  it('no boolean → number coercion in bodies: sortOrder true is refused (item 7b)', async () => {
    const answer = await stack.call('POST', '/api/lookups', {
      token: tokens.admin,
      body: { kind: 'source', name: '布尔会', sortOrder: true },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('sortOrder: must be an integer');
    const text = await stack.call('POST', '/api/lookups', {
      token: tokens.admin,
      body: { kind: 'source', name: '字符会', sortOrder: '5' },
    });
    expect(text.status).toBe(400);
    const list = await stack.call('GET', '/api/lookups?kind=source', { token: tokens.admin });
    expect(list.body.items.map((item: { name: string }) => item.name)).not.toContain('布尔会');
  });

  it('a milestone event dated in the year 1000 is refused naming at (item 7c)', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj);
    const [item] = (await stack.call('GET', '/api/approval-items', { token: tokens.admin })).body.items;
    const milestone = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
      token: tokens.bureau,
      body: { itemCode: item.code },
    });
    expect(milestone.status, JSON.stringify(milestone.body)).toBe(201);
    for (const at of ['1000-01-01T10:00:00+08:00', '1989-12-31T23:59:59+08:00']) {
      const answer = await stack.call('POST', `/api/milestones/${milestone.body.id}/events`, {
        token: tokens.bureau,
        body: { type: 'submit', at },
      });
      expect(answer.status, at).toBe(400);
      expect(answer.body).toMatchObject({ code: 'date_out_of_range' });
      expect(answer.body.message).toMatch(/^at: .*1990-01-01/);
    }
    const after = await stack.call('GET', `/api/milestones/${milestone.body.id}`, { token: tokens.bureau });
    expect(after.body.state).toBe('planned');
    expect(after.body.events).toEqual([]);
  });

  it('funds whose running total would overflow the column are refused naming amount and the limit (item 4e)', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj, { contractAmount: '999999999999.99' });
    await changeStage(stack, tokens.bureau, project.id, { stage: 'signed', at: today });
    await addFunds(stack, tokens.bureau, project.id, { amount: '999999999999.00', at: today });
    const answer = await stack.call('POST', `/api/projects/${project.id}/funds`, {
      token: tokens.bureau,
      body: { amount: '1.00', at: today },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'amount_total_too_large' });
    expect(answer.body.message).toMatch(/^amount: .*999999999999\.99/);
    const after = await stack.call('GET', `/api/projects/${project.id}`, { token: tokens.bureau });
    expect(after.body.fundsArrived).toBe('999999999999.00');
    expect(after.body.funds).toHaveLength(1);
    // What still fits is taken.
    const fits = await stack.call('POST', `/api/projects/${project.id}/funds`, {
      token: tokens.bureau,
      body: { amount: '0.99', at: today },
    });
    expect(fits.status).toBe(201);
  });

  it('an imported 包联领导 over 64 characters is a row error naming row and column (item 4d)', async () => {
    const template = await fetch(`${stack.api.baseUrl}/api/projects/import-template`, {
      headers: { authorization: `Bearer ${tokens.bureau}` },
    });
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await template.arrayBuffer()) as never);
    const headers = (workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
    const row = (values: Record<string, string | number | null>) =>
      headers.map((header) => values[header.replace(/\*$/, '')] ?? null);
    const base = {
      项目名称: '导入长领导项目',
      投资方: '导入投资有限公司',
      '投资方来源（境内/港澳台/境外）': '境内',
      产业类别: '新能源',
      签约活动: '沪洽会',
      '合同投资额（万元）': 100,
      '责任单位（名称或代码）': 'ZRZYJ',
      洽谈开始日期: shanghaiToday(),
    };
    const file = await buildXlsx(headers, [
      row({ ...base, 项目编号: 'LONG-00001', 包联领导: '张'.repeat(64) }),
      row({ ...base, 项目编号: 'LONG-00002', 包联领导: '李'.repeat(65) }),
    ]);
    const answer = await uploadXlsx(stack, tokens.bureau, '/api/projects/import', file);
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.rows).toEqual([
      expect.objectContaining({ row: 3, field: 'leadOfficial', column: '包联领导' }),
    ]);
    expect(answer.body.rows[0].message).toMatch(/64/);
    const list = await stack.call('GET', '/api/projects?q=LONG-0000', { token: tokens.bureau });
    expect(list.body.total).toBe(0);
  });
});
