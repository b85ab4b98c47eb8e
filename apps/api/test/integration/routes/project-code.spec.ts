import type { TestStack } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import {
  buildXlsx,
  changeStage,
  createProject,
  download,
  expectError,
  projectBody,
  shanghaiToday,
  TEST_REGION,
  testProjectCode,
  type Tokens,
  uploadXlsx,
  useSignedInStack,
} from '../support/fixtures';

/**
 * 项目代码 (routes-and-forecast.md §1, §5) through the built API on real MariaDB: the 4-6-2-2-6 format,
 * the district's region prefix, uniqueness among live projects, search, and `accept` refused without
 * a code except for FILING. The demo sets the region prefix to 320115.
 */
describe('project code (项目代码)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  let fgj: string;
  useSignedInStack((started) => {
    ({ stack, tokens, zrzyj, fgj } = started);
  });
  const today = shanghaiToday();
  const at = (time: string) => `${today}T${time}:00+08:00`;

  const create = (body: Record<string, unknown>) =>
    stack.call('POST', '/api/projects', { token: tokens.bureau, body: projectBody(zrzyj, body) });

  it('refuses a malformed code and a code outside the region (400 naming field and rule)', async () => {
    const settings = await stack.call('GET', '/api/settings', { token: tokens.admin });
    expect(settings.body.regionCodePrefix).toBe(TEST_REGION);
    for (const bad of ['2026-320115-99-99-12345', '2026320115-99-99-123456', '2026-32011X-99-99-123456']) {
      const answer = await create({ projectCode: bad });
      expectError(answer, 400, 'projectCode');
      expect(answer.body.code).toBe('project_code_format');
    }
    const outside = await create({ projectCode: '2026-110101-99-99-000001' });
    expectError(outside, 400, 'projectCode');
    expect(outside.body).toMatchObject({
      code: 'project_code_region',
      params: { region: '110101', prefix: TEST_REGION },
    });
    // The rule named in Chinese too.
    const zh = await stack.call('POST', '/api/projects', {
      token: tokens.bureau,
      body: projectBody(zrzyj, { projectCode: 'x' }),
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(zh.body.message).toContain('项目代码');
  });

  it('takes any region while the prefix is empty; the prefix is 0–6 digits', async () => {
    expectError(
      await stack.call('PATCH', '/api/settings', { token: tokens.admin, body: { regionCodePrefix: '33A' } }),
      400,
      'regionCodePrefix',
    );
    expect(
      (await stack.call('PATCH', '/api/settings', { token: tokens.bureau, body: { regionCodePrefix: '' } }))
        .status,
    ).toBe(403);
    const cleared = await stack.call('PATCH', '/api/settings', {
      token: tokens.admin,
      body: { regionCodePrefix: '' },
    });
    expect(cleared.body.regionCodePrefix).toBe('');
    let anywhereId = '';
    try {
      const anywhere = await create({ projectCode: '2026-110101-99-99-000002' });
      expect(anywhere.status, JSON.stringify(anywhere.body)).toBe(201);
      expect(anywhere.body.projectCode).toBe('2026-110101-99-99-000002');
      anywhereId = String(anywhere.body.id);
    } finally {
      await stack.call('PATCH', '/api/settings', {
        token: tokens.admin,
        body: { regionCodePrefix: TEST_REGION },
      });
    }
    // A code set before the prefix changed stays, and is not checked again when sent unchanged.
    const edited = await stack.call('PATCH', `/api/projects/${anywhereId}`, {
      token: tokens.bureau,
      body: { name: '改名的项目', projectCode: '2026-110101-99-99-000002' },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const changed = await stack.call('PATCH', `/api/projects/${anywhereId}`, {
      token: tokens.bureau,
      body: { projectCode: '2026-110101-99-99-000003' },
    });
    expect(changed.body.code).toBe('project_code_region');
  });

  it('keeps the code unique among live projects (409 naming the rule), free again once terminated', async () => {
    const code = testProjectCode();
    const first = await createProject(stack, tokens.bureau, zrzyj, { projectCode: code });
    expect(first.projectCode).toBe(code);
    const duplicate = await create({ projectCode: code });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({
      code: 'project_code_taken',
      params: { field: 'projectCode', value: code, holder: first.code },
    });
    expect(duplicate.body.message).toContain('projectCode');
    const other = await createProject(stack, tokens.bureau, fgj);
    const patched = await stack.call('PATCH', `/api/projects/${other.id}`, {
      token: tokens.bureau,
      body: { projectCode: code },
    });
    expect(patched.status).toBe(409);
    expect(patched.body.code).toBe('project_code_taken');
    // The holder may keep (re-send) its own code, and remove it.
    const same = await stack.call('PATCH', `/api/projects/${first.id}`, {
      token: tokens.bureau,
      body: { projectCode: code },
    });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    await changeStage(stack, tokens.bureau, first.id, {
      stage: 'terminated',
      at: today,
      reason: '投资方撤回',
    });
    const again = await stack.call('PATCH', `/api/projects/${other.id}`, {
      token: tokens.bureau,
      body: { projectCode: code },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.projectCode).toBe(code);
    const removed = await stack.call('PATCH', `/api/projects/${other.id}`, {
      token: tokens.bureau,
      body: { projectCode: null },
    });
    expect(removed.body.projectCode).toBeNull();
  });

  it('finds a project by its code in the list search, and exports the code', async () => {
    const code = testProjectCode();
    const project = await createProject(stack, tokens.bureau, zrzyj, { projectCode: code });
    const found = await stack.call('GET', `/api/projects?q=${encodeURIComponent(code.slice(-9))}`, {
      token: tokens.bureau,
    });
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([project.id]);
    expect(found.body.items[0].projectCode).toBe(code);
    const exported = await download(
      stack,
      tokens.bureau,
      `/api/projects/export?q=${encodeURIComponent(code)}`,
    );
    expect(exported.status).toBe(200);
    const sheet = exported.workbook!.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const column = headers.indexOf('项目代码') + 1;
    expect(column).toBeGreaterThan(0);
    const values: string[] = [];
    sheet.eachRow((row, number) => {
      if (number > 1) values.push(String(row.getCell(column).value ?? ''));
    });
    expect(values).toContain(code);
  });

  it('refuses accept while the project has no code (409 naming the rule), except FILING', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj, { projectCode: undefined });
    expect(project.projectCode).toBeNull();
    const milestone = async (itemCode: string) => {
      const created = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
        token: tokens.bureau,
        body: { itemCode },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const submitted = await stack.call('POST', `/api/milestones/${created.body.id}/events`, {
        token: tokens.bureau,
        body: { type: 'submit', at: at('00:01') },
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      return String(created.body.id);
    };
    const land = await milestone('LAND_PRE');
    const refused = await stack.call('POST', `/api/milestones/${land}/events`, {
      token: tokens.bureau,
      body: { type: 'accept', at: at('00:02') },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'project_code_required', params: { itemCode: 'LAND_PRE' } });
    expect(refused.body.message).toContain('LAND_PRE');
    const after = await stack.call('GET', `/api/milestones/${land}`, { token: tokens.bureau });
    expect(after.body.state).toBe('submitted');
    expect(after.body.events.map((event: { type: string }) => event.type)).toEqual(['submit']);

    // FILING produces the code: it may be accepted without one.
    const filing = await milestone('FILING');
    const accepted = await stack.call('POST', `/api/milestones/${filing}/events`, {
      token: tokens.bureau,
      body: { type: 'accept', at: at('00:02') },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.state).toBe('accepted');

    // With a code, the other item is accepted too.
    await stack.call('PATCH', `/api/projects/${project.id}`, {
      token: tokens.bureau,
      body: { projectCode: testProjectCode() },
    });
    const now = await stack.call('POST', `/api/milestones/${land}/events`, {
      token: tokens.bureau,
      body: { type: 'accept', at: at('00:03') },
    });
    expect(now.status, JSON.stringify(now.body)).toBe(200);
  });

  it('imports projects with 项目代码, 统一社会信用代码, 用地面积(亩) and 供地日期 checked as the API does', async () => {
    const template = await download(stack, tokens.bureau, '/api/projects/import-template');
    const headers = (template.workbook!.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
    for (const header of ['项目代码', '统一社会信用代码', '用地面积(亩)', '供地日期'])
      expect(headers).toContain(header);
    const taken = await createProject(stack, tokens.bureau, zrzyj);
    const row = (index: number, extra: Record<string, string>) =>
      headers.map((header) => {
        const plain = header.replace(/\*$/, '');
        const base: Record<string, string> = {
          项目名称: `代码导入项目${index}`,
          投资方: `代码导入投资有限公司${index}`,
          '投资方来源（境内/港澳台/境外）': '境内',
          产业类别: '新材料',
          签约活动: '沪洽会',
          '合同投资额（万元）': '1000',
          '责任单位（名称或代码）': 'ZRZYJ',
          洽谈开始日期: today,
        };
        return extra[plain] ?? base[plain] ?? '';
      });
    const good = testProjectCode();
    const bad = await uploadXlsx(
      stack,
      tokens.bureau,
      '/api/projects/import',
      await buildXlsx(headers, [
        row(1, { 项目代码: good, 统一社会信用代码: '', '用地面积(亩)': '12.5', 供地日期: today }),
        row(2, { 项目代码: '2026-320115-99-99-1' }),
        row(3, { 项目代码: '2026-110101-99-99-000001' }),
        row(4, { 项目代码: taken.projectCode }),
        row(5, { 项目代码: good }),
        row(6, { 统一社会信用代码: '91350100MA0000000X' }),
        row(7, { '用地面积(亩)': '0' }),
        row(8, { 供地日期: '2999-01-01' }),
      ]),
    );
    expect(bad.status, JSON.stringify(bad.body)).toBe(400);
    expect(
      bad.body.rows.map((problem: { row: number; field: string }) => `${problem.row}:${problem.field}`),
    ).toEqual([
      '3:projectCode',
      '4:projectCode',
      '5:projectCode',
      '6:projectCode',
      '7:creditCode',
      '8:landAreaMu',
      '9:landSuppliedAt',
    ]);
    const imported = await uploadXlsx(
      stack,
      tokens.bureau,
      '/api/projects/import',
      await buildXlsx(headers, [row(1, { 项目代码: good, '用地面积(亩)': '12.5', 供地日期: today })]),
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const found = await stack.call('GET', `/api/projects?q=${good}`, { token: tokens.bureau });
    expect(found.body.items[0]).toMatchObject({
      projectCode: good,
      landAreaMu: '12.50',
      landSuppliedAt: today,
    });
  });
});
