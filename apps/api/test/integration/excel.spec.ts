import { performance } from 'node:perf_hooks';
import { startStack, type TestStack } from '@luodi/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  addFunds,
  buildXlsx,
  changeStage,
  createProject,
  departmentIds,
  download,
  expectError,
  loginAll,
  projectCount,
  shanghaiToday,
  type Tokens,
  uploadXlsx,
} from './support/fixtures';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The text of every cell of a row (1-based columns), as strings. */
function rowTexts(sheet: ExcelJS.Worksheet, rowNumber: number): string[] {
  const values = sheet.getRow(rowNumber).values as ExcelJS.CellValue[];
  return values.slice(1).map((value) => (value === null || value === undefined ? '' : String(value)));
}

describe('Excel: import template, all-or-nothing import, exports (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  let fgj: string;
  let headers: string[];
  const today = shanghaiToday();
  const thisYear = Number(today.slice(0, 4));
  const lastYear = thisYear - 1;

  beforeAll(async () => {
    stack = await startStack();
    tokens = await loginAll(stack);
    const departments = await departmentIds(stack);
    zrzyj = departments.get('ZRZYJ')!;
    fgj = departments.get('FGJ')!;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** One row of an import file, by header (without the required-marker `*`). */
  const row = (values: Record<string, string | number | Date | null>) =>
    headers.map((header) => values[header.replace(/\*$/, '')] ?? null) as Array<
      string | number | Date | null
    >;
  /** Upload a template file with these rows as the bureau. */
  const importRows = async (rows: Array<Array<string | number | Date | null>>, language = 'en') =>
    uploadXlsx(
      stack,
      tokens.bureau,
      '/api/projects/import',
      await buildXlsx(headers, rows),
      'projects.xlsx',
      language,
    );

  const goodRow = (index: number, extra: Record<string, string | number | Date | null> = {}) =>
    row({
      项目编号: `IMP-${String(index).padStart(5, '0')}`,
      项目名称: `导入项目${index}`,
      投资方: `导入投资有限公司${index}`,
      '投资方来源（境内/港澳台/境外）': ['境内', '港澳台', '境外'][index % 3]!,
      产业类别: '新能源',
      签约活动: ['沪洽会', '港洽会', '中博会'][index % 3]!,
      '合同投资额（万元）': index % 2 === 0 ? 1000 + index + 0.5 : `${2000 + index}.25`,
      '责任单位（名称或代码）': index % 2 === 0 ? '自然资源局' : 'FGJ',
      包联领导: '张副区长',
      '乡镇/园区': '经济开发区',
      洽谈开始日期: `${lastYear}-03-01`,
      签约日期: index % 4 === 0 ? `${lastYear}-05-18` : null,
      ...extra,
    });

  it('GET /api/projects/import-template: an .xlsx whose first row has the Chinese headers', async () => {
    const template = await download(stack, tokens.bureau, '/api/projects/import-template');
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toContain(XLSX_MIME);
    expect(template.headers.get('content-disposition')).toMatch(/attachment/);
    const sheet = template.workbook!.worksheets[0]!;
    headers = rowTexts(sheet, 1);
    const plain = headers.map((header) => header.replace(/\*$/, ''));
    expect(plain).toEqual(
      expect.arrayContaining([
        '项目编号',
        '项目名称',
        '投资方',
        '产业类别',
        '签约活动',
        '合同投资额（万元）',
        '包联领导',
        '乡镇/园区',
        '计划开工日期',
        '签约日期',
      ]),
    );
    expect(plain.find((header) => header.startsWith('责任单位'))).toBeDefined();
    expect(plain.find((header) => header.startsWith('投资方来源'))).toBeDefined();
    for (const header of headers) expect(header).toMatch(/[\u4e00-\u9fff]/);
    // required columns are marked
    expect(headers).toContain('项目名称*');
    expect(headers).toContain('合同投资额（万元）*');
    // an example row follows
    expect(rowTexts(sheet, 2).filter(Boolean).length).toBeGreaterThan(5);
    // leader and department users may not fetch it
    expect((await download(stack, tokens.leader, '/api/projects/import-template')).status).toBe(403);
  });

  it('the template with its example row, uploaded as it is, imports that one row', async () => {
    const template = await download(stack, tokens.bureau, '/api/projects/import-template');
    const buffer = Buffer.from(await template.workbook!.xlsx.writeBuffer());
    const before = await projectCount(stack, tokens.admin);
    const answer = await uploadXlsx(stack, tokens.bureau, '/api/projects/import', buffer);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body).toEqual({ imported: 1 });
    expect(await projectCount(stack, tokens.admin)).toBe(before + 1);
  });

  it('a file of 1000 rows with ONE bad row imports nothing and names that row', async () => {
    const rows = Array.from({ length: 1000 }, (_, index) => goodRow(index + 1));
    rows[499] = goodRow(500, { 签约活动: '火星洽谈会' });
    const before = await projectCount(stack, tokens.admin);
    const answer = await importRows(rows, 'zh-CN');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      code: 'import_rows_invalid',
      params: { count: 1, rowCount: 1 },
      message: '有 1 处错误，未导入任何行，请按错误表修改后重新导入',
    });
    // The row's reason in the request's language only (no English in the Chinese answer).
    expect(answer.body.rows).toEqual([
      {
        row: 501,
        field: 'source',
        column: '签约活动',
        message: expect.stringMatching(/^不在签约活动清单中$/),
      },
    ]);
    expect(await projectCount(stack, tokens.admin)).toBe(before);
  });

  it('lists every bad row with its field and reason, and imports nothing', async () => {
    const dataSource = await stack.database.dataSource();
    const [{ code: existing }] = (await dataSource.query('SELECT code FROM project LIMIT 1')) as Array<{
      code: string;
    }>;
    const rows = [
      goodRow(9001),
      goodRow(9002, { '合同投资额（万元）': '-5' }),
      goodRow(9003, { '合同投资额（万元）': '1.234' }),
      goodRow(9004, { '责任单位（名称或代码）': '不存在局' }),
      goodRow(9005, { 签约日期: addDays(today, 1) }),
      goodRow(9006, { 项目编号: 'IMP-09001' }),
      goodRow(9007, { 项目编号: existing }),
      goodRow(9008, { 项目名称: '' }),
      goodRow(9009, { '投资方来源（境内/港澳台/境外）': '火星' }),
      goodRow(9010, { 签约日期: `${lastYear}-02-01` }),
      goodRow(9011, { 计划开工日期: `${lastYear}-02-30` }),
    ];
    const before = await projectCount(stack, tokens.admin);
    const answer = await importRows(rows);
    expect(answer.status).toBe(400);
    const problems = (
      answer.body.rows as Array<{ row: number; field: string; column: string; message: string }>
    ).map((problem) => [problem.row, problem.field]);
    expect(problems).toEqual([
      [3, 'contractAmount'],
      [4, 'contractAmount'],
      [5, 'leadDepartment'],
      [6, 'signedAt'],
      [7, 'code'],
      [8, 'code'],
      [9, 'name'],
      [10, 'investorOrigin'],
      [11, 'signedAt'],
      [12, 'plannedStartDate'],
    ]);
    for (const problem of answer.body.rows) {
      expect(problem.column).toMatch(/[\u4e00-\u9fff]/);
      expect(problem.message.length).toBeGreaterThan(2);
    }
    expect(await projectCount(stack, tokens.admin)).toBe(before);
  });

  it('refuses a row with neither 洽谈开始日期 nor 签约日期 (never dated the import day), naming row and field', async () => {
    const before = await projectCount(stack, tokens.admin);
    const rows = [
      goodRow(20101),
      goodRow(20102, { 洽谈开始日期: null, 签约日期: null }),
      // a signing date alone is enough: talks are taken to have started that day
      goodRow(20103, { 洽谈开始日期: null, 签约日期: `${lastYear}-05-18` }),
    ];
    const chinese = await importRows(rows, 'zh-CN');
    expect(chinese.status).toBe(400);
    expect(chinese.body).toMatchObject({ code: 'import_rows_invalid', params: { count: 1, rowCount: 1 } });
    expect(chinese.body.rows).toEqual([
      { row: 3, field: 'talksStartedAt', column: '洽谈开始日期', message: '签约日期为空时必填' },
    ]);
    const english = await importRows(rows, 'en');
    expect(english.body.rows).toEqual([
      {
        row: 3,
        field: 'talksStartedAt',
        column: '洽谈开始日期',
        message: 'required when 签约日期 is empty',
      },
    ]);
    // all-or-nothing: the good rows around it are not imported either
    expect(await projectCount(stack, tokens.admin)).toBe(before);

    // without the bad row the file imports, the signed-only row dated by its signing day
    const fixed = await importRows([rows[0]!, rows[2]!]);
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(201);
    const signedOnly = await stack.call('GET', '/api/projects?q=IMP-20103', { token: tokens.admin });
    expect(signedOnly.body.items[0]).toMatchObject({
      talksStartedAt: `${lastYear}-05-18`,
      signedAt: `${lastYear}-05-18`,
      stage: 'signed',
    });
    expect(await projectCount(stack, tokens.admin)).toBe(before + 2);
  });

  it('refuses what is not an .xlsx, a file without the required columns, and a request without a file', async () => {
    const before = await projectCount(stack, tokens.admin);
    expectError(
      await uploadXlsx(stack, tokens.bureau, '/api/projects/import', Buffer.from('name,amount\nx,1\n')),
      400,
      'file',
    );
    const noColumns = await uploadXlsx(
      stack,
      tokens.bureau,
      '/api/projects/import',
      await buildXlsx(['名称', '金额'], [['x', 1]]),
    );
    expectError(noColumns, 400, 'file');
    expect(noColumns.body.rows.length).toBeGreaterThan(0);
    expectError(await importRows([]), 400, 'file');
    expectError(
      await stack.call('POST', '/api/projects/import', { token: tokens.bureau, body: {} }),
      400,
      'file',
    );
    expect(await projectCount(stack, tokens.admin)).toBe(before);
    const forbidden = await uploadXlsx(
      stack,
      tokens.leader,
      '/api/projects/import',
      await buildXlsx(headers, [goodRow(1)]),
    );
    expect(forbidden.status).toBe(403);
  });

  it('imports a good file of 10 000 rows (time measured, not asserted)', async () => {
    const rows = Array.from({ length: 10_000 }, (_, index) => {
      // every 10th row leaves the code to the app; some dates are real Excel dates
      const extra: Record<string, string | number | Date | null> = {};
      if (index % 10 === 9) extra['项目编号'] = null;
      if (index % 7 === 0) extra['洽谈开始日期'] = new Date(Date.UTC(lastYear, 1, 1));
      return goodRow(index + 1, extra);
    });
    const file = await buildXlsx(headers, rows);
    const before = await projectCount(stack, tokens.admin);
    const started = performance.now();
    const answer = await uploadXlsx(stack, tokens.bureau, '/api/projects/import', file);
    const elapsed = performance.now() - started;
    process.stdout.write(
      `\n[excel.spec] import of 10 000 rows (${(file.length / 1024).toFixed(0)} KiB): ${elapsed.toFixed(0)} ms, answer ${answer.status}\n`,
    );
    expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(201);
    expect(answer.body).toEqual({ imported: 10_000 });
    expect(await projectCount(stack, tokens.admin)).toBe(before + 10_000);

    // spot checks: values as written, stage from the signing date, generated codes for empty ones
    const found = await stack.call('GET', '/api/projects?q=IMP-00004', { token: tokens.admin });
    expect(found.body.items).toEqual([
      expect.objectContaining({
        code: 'IMP-00004',
        name: '导入项目4',
        investorOrigin: 'hmt',
        contractAmount: '1004.50',
        leadDepartmentId: zrzyj,
        stage: 'signed',
        signedAt: `${lastYear}-05-18`,
        talksStartedAt: `${lastYear}-03-01`,
        location: '经济开发区',
      }),
    ]);
    const fifth = await stack.call('GET', '/api/projects?q=IMP-00005', { token: tokens.admin });
    expect(fifth.body.items[0]).toMatchObject({
      contractAmount: '2005.25',
      leadDepartmentId: fgj,
      stage: 'negotiating',
      signedAt: null,
    });
    const first = await stack.call('GET', '/api/projects?q=IMP-00001', { token: tokens.admin });
    expect(first.body.items[0].talksStartedAt).toBe(`${lastYear}-02-01`);
    const detail = await stack.call('GET', `/api/projects/${found.body.items[0].id}`, {
      token: tokens.admin,
    });
    expect(detail.body.stageEvents.map((event: any) => [event.stage, event.at])).toEqual([
      ['negotiating', `${lastYear}-03-01`],
      ['signed', `${lastYear}-05-18`],
    ]);
    const generated = await stack.call(
      'GET',
      `/api/projects?q=${encodeURIComponent('导入项目10')}&sort=name&order=asc&pageSize=5`,
      {
        token: tokens.admin,
      },
    );
    const tenth = generated.body.items.find((item: any) => item.name === '导入项目10');
    expect(tenth.code).toMatch(new RegExp(`^${thisYear}-ZS-\\d{3,}$`));
    // one audit entry for the batch
    const audit = await stack.call('GET', '/api/audit?entityType=project&pageSize=5', {
      token: tokens.admin,
    });
    expect(audit.body.items.map((entry: any) => entry.action)).toContain('project.import');
  });

  it('GET /api/projects/export?source=…: the filtered list, amounts as numbers formatted #,##0.00', async () => {
    const source = `导出测试会${Date.now() % 100000}`;
    expect(
      (
        await stack.call('POST', '/api/lookups', {
          token: tokens.bureau,
          body: { kind: 'source', name: source },
        })
      ).status,
    ).toBe(201);
    const amounts = ['1234.50', '0.10', '99999999.99'];
    for (const [index, amount] of amounts.entries()) {
      const project = await createProject(stack, tokens.bureau, index === 0 ? zrzyj : fgj, {
        code: `EXP-${index + 1}`,
        source,
        contractAmount: amount,
        talksStartedAt: `${lastYear}-01-05`,
      });
      if (index === 0) {
        await changeStage(stack, tokens.bureau, project.id, { stage: 'signed', at: `${lastYear}-02-01` });
        await addFunds(stack, tokens.bureau, project.id, { amount: '100.05', at: `${lastYear}-03-01` });
      }
    }
    const list = await stack.call(
      'GET',
      `/api/projects?source=${encodeURIComponent(source)}&sort=code&order=asc`,
      {
        token: tokens.leader,
      },
    );
    expect(list.body.total).toBe(3);

    const exported = await download(
      stack,
      tokens.leader,
      `/api/projects/export?source=${encodeURIComponent(source)}`,
    );
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain(XLSX_MIME);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment;.*filename\*=UTF-8''/);
    const sheet = exported.workbook!.worksheets[0]!;
    const header = rowTexts(sheet, 1);
    const column = (name: string) => header.indexOf(name) + 1;
    expect(column('项目编号')).toBeGreaterThan(0);
    expect(column('合同投资额（万元）')).toBeGreaterThan(0);
    expect(column('到位资金（万元）')).toBeGreaterThan(0);
    const dataRows = Array.from({ length: sheet.rowCount - 1 }, (_, index) => sheet.getRow(index + 2)).filter(
      (sheetRow) => sheetRow.hasValues,
    );
    expect(dataRows.map((sheetRow) => sheetRow.getCell(column('项目编号')).value)).toEqual(
      list.body.items.map((item: any) => item.code),
    );
    for (const [index, sheetRow] of dataRows.entries()) {
      const item = list.body.items[index];
      for (const [name, field] of [
        ['合同投资额（万元）', 'contractAmount'],
        ['到位资金（万元）', 'fundsArrived'],
      ] as const) {
        const cell = sheetRow.getCell(column(name));
        expect(cell.type, `${item.code} ${name}`).toBe(ExcelJS.ValueType.Number);
        expect(cell.value).toBe(Number(item[field]));
        expect(cell.numFmt).toBe('#,##0.00');
      }
      expect(sheetRow.getCell(column('签约活动')).value).toBe(source);
    }
    expect(dataRows[0]!.getCell(column('到位资金（万元）')).value).toBe(100.05);

    // department users may not export; others' filters apply too
    expect((await download(stack, tokens.dept, '/api/projects/export')).status).toBe(403);
    const none = await download(
      stack,
      tokens.admin,
      `/api/projects/export?source=${encodeURIComponent('以商招商')}`,
    );
    expect(none.workbook!.worksheets[0]!.actualRowCount).toBe(1);
    expect((await download(stack, tokens.admin, '/api/projects/export?stage=bogus')).status).toBe(400);
  });

  it('GET /api/key-works/export?year=&month=: the 月度调度表 with plan, month and cumulative investment', async () => {
    const year = thisYear - 2;
    const made: Array<{ code: string; plan: string; march?: string; cumulative: number }> = [];
    for (const [index, reports] of [
      [
        ['01', '100.10'],
        ['02', '200.20'],
        ['03', '300.30'],
      ],
      [['02', '50.00']],
      [],
    ].entries()) {
      const project = await createProject(stack, tokens.bureau, zrzyj, { code: `KWX-${index + 1}` });
      const plan = `${(index + 1) * 1000}.00`;
      const keyWork = await stack.call('POST', '/api/key-works', {
        token: tokens.bureau,
        body: {
          projectId: project.id,
          year,
          annualPlanInvestment: plan,
          plannedStartMonth: index === 2 ? 4 : undefined,
        },
      });
      expect(keyWork.status).toBe(201);
      for (const [month, amount] of reports) {
        const answer = await stack.call('POST', `/api/key-works/${keyWork.body.id}/reports`, {
          token: tokens.bureau,
          body: { month: `${year}-${month}`, completedInvestment: amount, progress: `进度${month}` },
        });
        expect(answer.status).toBe(201);
      }
      made.push({
        code: project.code,
        plan,
        march: reports.find(([month]) => month === '03')?.[1],
        cumulative:
          Number(reports.reduce((sum, [, amount]) => sum + Math.round(Number(amount) * 100), 0)) / 100,
      });
    }
    const exported = await download(stack, tokens.leader, `/api/key-works/export?year=${year}&month=3`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain(XLSX_MIME);
    expect(decodeURIComponent(exported.headers.get('content-disposition') ?? '')).toContain('月度调度表');
    const sheet = exported.workbook!.worksheets[0]!;
    const title = rowTexts(sheet, 1).join('');
    expect(title).toContain(`${year}年`);
    expect(title).toContain('月度调度表');
    expect(title).toContain('3月');
    const header = rowTexts(sheet, 2);
    const column = (name: string) => {
      const index = header.findIndex((text) => text.startsWith(name));
      expect(index, name).toBeGreaterThanOrEqual(0);
      return index + 1;
    };
    const lines = Array.from({ length: sheet.rowCount - 2 }, (_, index) => sheet.getRow(index + 3)).filter(
      (sheetRow) => sheetRow.hasValues,
    );
    expect(lines.map((line) => line.getCell(column('项目编号')).value)).toEqual(
      made.map((item) => item.code),
    );
    for (const [index, line] of lines.entries()) {
      const expected = made[index]!;
      const plan = line.getCell(column('年度计划投资'));
      expect(plan.value).toBe(Number(expected.plan));
      expect(plan.numFmt).toBe('#,##0.00');
      const month = line.getCell(column('本月完成投资'));
      expect(month.value ?? null).toBe(expected.march === undefined ? null : Number(expected.march));
      const cumulative = line.getCell(column('累计完成投资'));
      expect(cumulative.value).toBeCloseTo(expected.cumulative, 2);
      expect(cumulative.numFmt).toBe('#,##0.00');
    }
    expect(lines[0]!.getCell(column('累计完成投资')).value).toBeCloseTo(600.6, 2);

    for (const query of [
      '',
      `year=${year}`,
      `year=${year}&month=13`,
      `year=${year}&month=0`,
      `year=abc&month=3`,
    ]) {
      expect((await download(stack, tokens.admin, `/api/key-works/export?${query}`)).status, query).toBe(400);
    }
    expect((await download(stack, tokens.dept, `/api/key-works/export?year=${year}&month=3`)).status).toBe(
      403,
    );
  });
});
