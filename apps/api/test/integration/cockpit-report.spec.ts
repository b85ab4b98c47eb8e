import { startStack, type TestStack } from '@luodi/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  departmentIds,
  download,
  expectError,
  loginAll,
  shanghaiToday,
  type Tokens,
} from './support/fixtures';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEETS = ['指标', '漏斗', '来源', '行业', '月度趋势', '审批红黄灯', '部门效能', '督办', '问题清单'];
const NO_RATE = '—';

/** The data rows of a sheet (header in row 1) as arrays of cell values (1-based columns dropped). */
function dataRows(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber > 1) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  return rows;
}

/** The 指标 sheet as label → cell. */
function kpiCells(workbook: ExcelJS.Workbook): Map<string, ExcelJS.Cell> {
  const cells = new Map<string, ExcelJS.Cell>();
  workbook.getWorksheet('指标')!.eachRow((row, rowNumber) => {
    if (rowNumber > 1) cells.set(String(row.getCell(1).value), row.getCell(2));
  });
  return cells;
}

const rateCell = (value: number | null) => (value === null ? NO_RATE : value);

/** The month (`YYYY-MM`) before the month of `date`. */
function previousMonth(date: string): string {
  return addDays(`${date.slice(0, 7)}-01`, -1).slice(0, 7);
}

describe('GET /api/dashboard/report: the cockpit as a 月度调度 .xlsx (demo district)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  const today = shanghaiToday();
  const thisMonth = today.slice(0, 7);
  let supervisedCode = '';

  beforeAll(async () => {
    stack = await startStack();
    tokens = await loginAll(stack);
    await raiseSupervision();
  });
  const runChecks = async () => {
    const answer = await stack.call('POST', '/api/checks/run', { token: tokens.admin });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  };

  /**
   * 督办 alerts the way they arise: the checks raise the demo's alerts, level-2 ones left
   * unacknowledged for two weeks rise to 3; the department (自然资源局) acknowledges and answers one.
   */
  const raiseSupervision = async () => {
    await runChecks();
    const dataSource = await stack.database.dataSource();
    await dataSource.query("UPDATE alert SET level_since = ? WHERE level = 2 AND status = 'open'", [
      new Date(Date.now() - 14 * 24 * 3600 * 1000),
    ]);
    await runChecks();
    const own = await stack.call('GET', '/api/alerts?level=3&status=open&pageSize=200', {
      token: tokens.dept,
    });
    const target = own.body.items[0];
    expect(target, 'a 督办 alert of 自然资源局').toBeDefined();
    const acknowledged = await stack.call('POST', `/api/alerts/${target.id}/ack`, {
      token: tokens.dept,
      body: { note: '督办已签收' },
    });
    expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(200);
    const answered = await stack.call('POST', `/api/alerts/${target.id}/answer`, {
      token: tokens.dept,
      body: {
        category: 'needs_coordination',
        cause: '用地指标待调剂',
        measures: '分管领导牵头协调',
        expectedDate: addDays(today, 14),
      },
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    supervisedCode = target.projectCode;
  };
  afterAll(async () => {
    await stack?.stop();
  });

  it('downloads the current month for a leader: every sheet, figures equal to /summary and /breakdown', async () => {
    const report = await download(stack, tokens.leader, `/api/dashboard/report?month=${thisMonth}`);
    expect(report.status, report.text).toBe(200);
    expect(report.headers.get('content-type')).toContain(XLSX_MIME);
    const disposition = report.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(new RegExp(`^attachment; filename="luodi-cockpit-${thisMonth}\\.xlsx"`));
    expect(disposition).toMatch(/filename\*=UTF-8''/);
    const workbook = report.workbook!;
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(SHEETS);

    const summary = (await stack.call('GET', '/api/dashboard/summary', { token: tokens.leader })).body;
    expect(summary).toMatchObject({ signedCount: 8, contractAmount: '320000.00', startRate: 0.375 });
    const kpis = kpiCells(workbook);
    expect(kpis.get('年度')!.value).toBe(summary.year);
    expect(kpis.get('截至日期')!.value).toBe(summary.asOfDate);
    expect(kpis.get('签约活动')!.value).toBe('全部');
    expect(kpis.get('签约项目')!.value).toBe(8);
    expect(kpis.get('合同投资额')!.value).toBe(320000);
    expect(kpis.get('合同投资额')!.numFmt).toBe('#,##0.00');
    expect(kpis.get('合同投资额（亿元）')!.value).toBe(32);
    expect(kpis.get('开工率')!.value).toBe(0.375);
    expect(kpis.get('开工率')!.numFmt).toBe('0.0%');
    expect(kpis.get('重点工程')!.value).toBe(78);
    expect(kpis.get('在谈项目')!.value).toBe(summary.negotiatingCount);
    expect(kpis.get('注册落地项目')!.value).toBe(summary.registeredCount);
    expect(kpis.get('到位资金')!.value).toBe(Number(summary.fundsArrived));
    expect(kpis.get('资金到位率')!.value).toBe(rateCell(summary.fundsRate));
    expect(kpis.get('投资完成率')!.value).toBe(rateCell(summary.keyWorks.investmentRate));
    expect(kpis.get('序时进度')!.value).toBe(summary.keyWorks.scheduleRate);
    expect(kpis.get('按期办结率')!.value).toBe(rateCell(summary.approvals.onTimeRate));
    expect(kpis.get('逾期未办')!.value).toBe(summary.approvals.overdueOpen);
    expect(kpis.get('未解除预警（三级·督办）')!.value).toBe(summary.alerts.level3);

    const bySource = (await stack.call('GET', '/api/dashboard/breakdown?by=source', { token: tokens.leader }))
      .body;
    expect(bySource.items.length).toBeGreaterThan(0);
    expect(dataRows(workbook.getWorksheet('来源')!)).toEqual(
      bySource.items.map((item: any) => [
        item.key === '' ? '（未填写）' : item.key,
        item.signedCount,
        Number(item.contractAmount),
        item.registeredCount,
        rateCell(item.landingRate),
        item.startedCount,
        rateCell(item.startRate),
      ]),
    );
    expect(dataRows(workbook.getWorksheet('来源')!).reduce((sum, row) => sum + Number(row[1]), 0)).toBe(8);

    const funnel = (await stack.call('GET', '/api/dashboard/funnel', { token: tokens.leader })).body;
    expect(dataRows(workbook.getWorksheet('漏斗')!).map((row) => row[1])).toEqual(
      funnel.stages.map((stage: any) => stage.count),
    );
    const trend = (await stack.call('GET', '/api/dashboard/trend', { token: tokens.leader })).body;
    expect(dataRows(workbook.getWorksheet('月度趋势')!).map((row) => [row[0], row[1] ?? null])).toEqual(
      trend.months.map((month: any) => [month.month, month.signedCount]),
    );
    const scorecard = (await stack.call('GET', '/api/dashboard/departments', { token: tokens.leader })).body;
    expect(dataRows(workbook.getWorksheet('部门效能')!).map((row) => [row[0], row[1]])).toEqual(
      scorecard.items.map((item: any) => [item.rank, item.departmentName]),
    );

    // 督办: every level-3 alert not resolved, as the alert list shows them
    const unresolved: any[] = [];
    for (const status of ['open', 'acknowledged']) {
      const page = await stack.call('GET', `/api/alerts?level=3&status=${status}&pageSize=200`, {
        token: tokens.leader,
      });
      unresolved.push(...page.body.items);
    }
    expect(unresolved.length).toBe(summary.alerts.level3);
    expect(unresolved.length).toBeGreaterThan(0);
    const supervision = dataRows(workbook.getWorksheet('督办')!);
    expect(supervision.map((row) => row[0]).sort()).toEqual(
      unresolved.map((alert) => alert.projectCode).sort(),
    );
    const header = (workbook.getWorksheet('督办')!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '项目编号',
      '项目名称',
      '责任单位',
      '审批事项',
      '逾期情况',
      '预警类型',
      '预警时间',
      '督办时间',
      '是否签收',
      '签收时间',
      '答复类别',
      '原因',
      '整改措施',
      '预计解决日期',
    ]);
    for (const row of supervision) expect(['是', '否']).toContain(row[8]);
    const answeredRow = supervision.find((row) => row[0] === supervisedCode && row[8] === '是');
    expect(answeredRow, JSON.stringify(supervision)).toBeDefined();
    expect(answeredRow!.slice(10)).toEqual([
      '需协调',
      '用地指标待调剂',
      '分管领导牵头协调',
      addDays(today, 14),
    ]);
    expect(supervision.some((row) => row[8] === '否')).toBe(true);
    // A milestone's 督办 names its approval item (as the alert list does) and how late it is.
    for (const alert of unresolved.filter((one) => one.itemName)) {
      const row = supervision.find((one) => one[0] === alert.projectCode && one[3] === alert.itemName);
      expect(row, `${alert.projectCode} ${alert.itemName}`).toBeDefined();
      if (alert.remainingWorkingDays < 0)
        expect(row![4]).toBe(`逾期 ${-alert.remainingWorkingDays} 个工作日`);
    }
    expect(unresolved.some((one) => one.itemName)).toBe(true);
  });

  it('uses the figures as of the last day of a past month', async () => {
    const month = previousMonth(today);
    const lastDay = addDays(`${today.slice(0, 7)}-01`, -1);
    const report = await download(stack, tokens.bureau, `/api/dashboard/report?month=${month}`);
    expect(report.status, report.text).toBe(200);
    expect(report.headers.get('content-disposition')).toContain(`filename="luodi-cockpit-${month}.xlsx"`);
    const summary = (
      await stack.call('GET', `/api/dashboard/summary?year=${month.slice(0, 4)}&asOf=${lastDay}`, {
        token: tokens.bureau,
      })
    ).body;
    const kpis = kpiCells(report.workbook!);
    expect(kpis.get('报告月份')!.value).toBe(month);
    expect(kpis.get('截至日期')!.value).toBe(lastDay);
    expect(kpis.get('年度')!.value).toBe(Number(month.slice(0, 4)));
    expect(kpis.get('签约项目')!.value).toBe(summary.signedCount);
    expect(kpis.get('合同投资额')!.value).toBe(Number(summary.contractAmount));
    expect(kpis.get('开工项目')!.value).toBe(summary.startedCount);
    expect(kpis.get('开工率')!.value).toBe(rateCell(summary.startRate));
    expect(kpis.get('序时进度')!.value).toBe(summary.keyWorks.scheduleRate);
  });

  it('applies the filters: the year and source asked for, and the department by name', async () => {
    const department = { id: (await departmentIds(stack)).get('ZRZYJ')!, name: '自然资源局' };
    const source = '沪洽会';
    const query = `month=${thisMonth}&source=${encodeURIComponent(source)}&departmentId=${department.id}`;
    const report = await download(stack, tokens.admin, `/api/dashboard/report?${query}`);
    expect(report.status, report.text).toBe(200);
    const summary = (
      await stack.call(
        'GET',
        `/api/dashboard/summary?source=${encodeURIComponent(source)}&departmentId=${department.id}`,
        { token: tokens.admin },
      )
    ).body;
    const kpis = kpiCells(report.workbook!);
    expect(kpis.get('签约活动')!.value).toBe(source);
    expect(kpis.get('责任单位')!.value).toBe(department.name);
    expect(kpis.get('签约项目')!.value).toBe(summary.signedCount);
    expect(kpis.get('合同投资额')!.value).toBe(Number(summary.contractAmount));
    const supervision = dataRows(report.workbook!.getWorksheet('督办')!);
    expect(supervision.length).toBeGreaterThan(0);
    for (const row of supervision) expect(row[2]).toBe(department.name);

    const lastYear = Number(today.slice(0, 4)) - 1;
    const earlier = await download(
      stack,
      tokens.admin,
      `/api/dashboard/report?month=${thisMonth}&year=${lastYear}`,
    );
    expect(earlier.status, earlier.text).toBe(200);
    expect(kpiCells(earlier.workbook!).get('年度')!.value).toBe(lastYear);
  });

  it('refuses a bad month, a future month, unknown fields and ids (400) and department users (403)', async () => {
    const refused = async (token: string, query: string) => {
      const answer = await download(stack, token, `/api/dashboard/report${query}`);
      return { status: answer.status, body: answer.text ? JSON.parse(answer.text) : null };
    };
    expectError(await refused(tokens.leader, '?month=2026-13'), 400, 'month');
    expectError(await refused(tokens.leader, '?month=2026-5'), 400, 'month');
    expectError(await refused(tokens.leader, ''), 400, 'month');
    const nextMonth = addDays(`${thisMonth}-28`, 7).slice(0, 7);
    expectError(await refused(tokens.leader, `?month=${nextMonth}`), 400, 'month');
    expectError(await refused(tokens.leader, `?month=${thisMonth}&colour=red`), 400, 'colour');
    expectError(await refused(tokens.leader, `?month=${thisMonth}&departmentId=abc`), 400, 'departmentId');
    expectError(await refused(tokens.leader, `?month=${thisMonth}&departmentId=999999`), 400, 'departmentId');
    expectError(await refused(tokens.leader, `?month=${thisMonth}&year=1999`), 400, 'year');
    expect((await refused(tokens.dept, `?month=${thisMonth}`)).status).toBe(403);
    const anonymous = await fetch(`${stack.api.baseUrl}/api/dashboard/report?month=${thisMonth}`);
    expect(anonymous.status).toBe(401);
  });
});
