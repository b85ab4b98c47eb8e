import type {
  ApprovalLightsResponse,
  BreakdownResponse,
  DashboardSummary,
  DepartmentScorecardResponse,
  FunnelResponse,
  TrendResponse,
} from '@luodi/contracts';
import { ValidationFailed } from '@luodi/domain';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  type CockpitReportData,
  cockpitReportSheets,
  lastDayOfMonth,
  LIGHT_FILLS,
  NO_KEY,
  NO_RATE,
  type ReportCell,
  reportFileNames,
  reportPeriod,
  SHEET_NAMES,
  writeWorkbook,
} from './cockpit-report.sheets';
import { contentDisposition } from '../common/xlsx';

const summary: DashboardSummary = {
  year: 2026,
  asOf: '2026-04-30T15:59:59.999Z',
  asOfDate: '2026-04-30',
  negotiatingCount: 31,
  signedCount: 8,
  contractAmount: '320000.00',
  registeredCount: 5,
  landingRate: 0.625,
  startedCount: 3,
  startRate: 0.375,
  fundsArrived: '12000.50',
  fundsRate: 0.0375015625,
  keyWorks: {
    count: 78,
    plannedStartCount: 0,
    startedCount: 0,
    startRate: null,
    annualPlanInvestment: '1000000.00',
    completedInvestment: '250000.00',
    investmentRate: 0.25,
    scheduleRate: 4 / 12,
  },
  approvals: { decidedCount: 20, onTimeCount: 18, onTimeRate: 0.9, overdueOpen: 4 },
  alerts: { level1: 3, level2: 2, level3: 1, total: 6 },
};

const funnel: FunnelResponse = {
  year: 2026,
  asOfDate: '2026-04-30',
  stages: [
    { stage: 'talks', count: 39 },
    { stage: 'signed', count: 8 },
    { stage: 'registered', count: 5 },
    { stage: 'started', count: 3 },
    { stage: 'operating', count: 0 },
  ],
};

const breakdown = (by: 'source' | 'industry'): BreakdownResponse => ({
  year: 2026,
  asOfDate: '2026-04-30',
  by,
  items: [
    {
      key: by === 'source' ? '沪洽会' : '新能源',
      signedCount: 5,
      contractAmount: '200000.00',
      registeredCount: 4,
      landingRate: 0.8,
      startedCount: 2,
      startRate: 0.4,
    },
    {
      key: '',
      signedCount: 0,
      contractAmount: '0.00',
      registeredCount: 0,
      landingRate: null,
      startedCount: 0,
      startRate: null,
    },
  ],
});

const trend: TrendResponse = {
  year: 2026,
  asOfDate: '2026-04-30',
  annualPlanInvestment: '1000000.00',
  months: Array.from({ length: 12 }, (_, index) => {
    const month = `2026-${String(index + 1).padStart(2, '0')}`;
    const begun = index < 4;
    return {
      month,
      signedCount: begun ? 2 : null,
      contractAmount: begun ? '80000.00' : null,
      startedCount: begun ? 1 : null,
      completedInvestment: begun ? '62500.00' : null,
      cumulativeInvestment: begun ? `${62500 * (index + 1)}.00` : null,
      investmentRate: begun ? 0.0625 * (index + 1) : null,
      scheduleRate: (index + 1) / 12,
    };
  }),
};

const approvalLights: ApprovalLightsResponse = {
  asOfDate: '2026-04-30',
  items: [{ departmentId: '3', departmentName: '自然资源局', green: 2, yellow: 1, red: 3 }],
};

const scorecard: DepartmentScorecardResponse = {
  year: 2026,
  total: 2,
  items: [
    {
      rank: 1,
      departmentId: '4',
      departmentName: '发展改革局',
      handled: 10,
      onTimeRate: 1,
      medianWorkingDays: 2.5,
      overdueOpen: 0,
      deemedApprovals: 0,
      medianAckHours: null,
      code: 'green',
      problemOnTimeRate: 0.75,
      noticeOnTimeRate: null,
    },
    {
      rank: 2,
      departmentId: '3',
      departmentName: '自然资源局',
      handled: 0,
      onTimeRate: null,
      medianWorkingDays: null,
      overdueOpen: 3,
      deemedApprovals: 1,
      medianAckHours: 5,
      code: 'red',
    },
  ],
};

const data: CockpitReportData = {
  month: '2026-04',
  generatedAt: new Date('2026-05-14T02:30:00Z'),
  filters: { source: '沪洽会' },
  summary,
  funnel,
  bySource: breakdown('source'),
  byIndustry: breakdown('industry'),
  trend,
  approvalLights,
  scorecard,
  supervision: [
    {
      projectCode: 'ZS-2026-001',
      projectName: '新能源电池项目',
      departmentName: '自然资源局',
      itemName: '用地预审与选址意见书',
      remainingWorkingDays: -3,
      kind: 'milestone_overdue',
      status: 'acknowledged',
      raisedAt: new Date('2026-04-01T01:00:00Z'),
      levelSince: new Date('2026-04-08T16:30:00Z'),
      acknowledgedAt: new Date('2026-04-09T00:15:00Z'),
      answerCategory: 'needs_coordination',
      answerCause: '用地指标待调剂',
      answerMeasures: '分管领导牵头协调',
      answerExpectedDate: '2026-05-20',
    },
    {
      projectCode: 'ZS-2026-002',
      projectName: '智能制造项目',
      departmentName: '发展改革局',
      itemName: null,
      remainingWorkingDays: null,
      kind: 'not_started',
      status: 'open',
      raisedAt: new Date('2026-03-01T01:00:00Z'),
      levelSince: new Date('2026-03-05T01:00:00Z'),
      acknowledgedAt: null,
      answerCategory: null,
      answerCause: null,
      answerMeasures: null,
      answerExpectedDate: null,
    },
  ],
};

const plain = (cell: ReportCell | undefined) =>
  cell !== null && typeof cell === 'object' ? cell.value : cell;

describe('reportPeriod', () => {
  const now = new Date('2026-05-14T02:30:00Z'); // 2026-05-14 10:30 in Asia/Shanghai

  it('takes the end of the last day of a past month, and now for the current month', () => {
    expect(reportPeriod('2026-04', now)).toEqual({
      month: '2026-04',
      year: 2026,
      asOf: '2026-04-30',
      asOfDate: '2026-04-30',
      current: false,
    });
    expect(reportPeriod('2026-05', now)).toEqual({
      month: '2026-05',
      year: 2026,
      asOf: now.toISOString(),
      asOfDate: '2026-05-14',
      current: true,
    });
    expect(reportPeriod('2025-12', now).asOf).toBe('2025-12-31');
  });

  it('counts the month in Asia/Shanghai: 16:30 UTC on the 31st is already the next month', () => {
    const shanghaiJune = new Date('2026-05-31T16:30:00Z');
    expect(reportPeriod('2026-06', shanghaiJune).current).toBe(true);
  });

  it('refuses a month after the current one and a month that does not exist, naming `month`', () => {
    for (const month of ['2026-06', '2027-01', '2026-13', '2026-00', '26-05']) {
      expect(() => reportPeriod(month, now), month).toThrow(ValidationFailed);
      expect(() => reportPeriod(month, now), month).toThrow(/^month: /);
    }
  });

  it('knows the last day of every kind of month', () => {
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(lastDayOfMonth('2026-04')).toBe('2026-04-30');
    expect(lastDayOfMonth('2026-12')).toBe('2026-12-31');
  });
});

describe('file name', () => {
  it('sends an ASCII name and the Chinese one encoded as RFC 5987 asks', () => {
    const names = reportFileNames('2026-04');
    expect(names.ascii).toBe('luodi-cockpit-2026-04.xlsx');
    const header = contentDisposition(names.ascii, names.utf8);
    expect(header).toMatch(/^attachment; filename="luodi-cockpit-2026-04\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe('驾驶舱月度调度报告_2026-04.xlsx');
    expect(contentDisposition('a.xlsx', "it's (1).xlsx")).toContain("UTF-8''it%27s%20%281%29.xlsx");
  });
});

describe('cockpitReportSheets', () => {
  const sheets = cockpitReportSheets(data);
  const byName = new Map(sheets.map((sheet) => [sheet.name, sheet]));

  it('has the eight sheets in order', () => {
    expect(sheets.map((sheet) => sheet.name)).toEqual(Object.values(SHEET_NAMES));
  });

  it('lists every KPI of the summary with the period and filters; rates as fractions with 0.0%', () => {
    const kpis = new Map(byName.get('指标')!.rows.map((row) => [row[0] as string, row[1]]));
    expect(plain(kpis.get('报告月份'))).toBe('2026-04');
    expect(plain(kpis.get('年度'))).toBe(2026);
    expect(plain(kpis.get('截至日期'))).toBe('2026-04-30');
    expect(plain(kpis.get('签约活动'))).toBe('沪洽会');
    expect(plain(kpis.get('责任单位'))).toBe('全部');
    expect(kpis.get('签约项目')).toEqual({ value: 8, numFmt: '0' });
    expect(kpis.get('合同投资额')).toEqual({ value: 320000, numFmt: '#,##0.00' });
    expect(plain(kpis.get('合同投资额（亿元）'))).toBe(32);
    expect(kpis.get('开工率')).toEqual({ value: 0.375, numFmt: '0.0%' });
    expect(kpis.get('重点工程开工率')).toBe(NO_RATE);
    expect(plain(kpis.get('序时进度'))).toBeCloseTo(4 / 12);
    expect(plain(kpis.get('逾期未办'))).toBe(4);
    expect(plain(kpis.get('未解除预警（三级·督办）'))).toBe(1);
    expect(plain(kpis.get('未解除预警合计'))).toBe(6);
    expect(plain(kpis.get('导出时间'))).toBe('2026-05-14 10:30');
    expect(kpis.size).toBe(33);
  });

  it('funnel: stage names and the conversion from the stage before', () => {
    expect(byName.get('漏斗')!.rows.map((row) => row.map(plain))).toEqual([
      ['在谈', 39, null],
      ['签约', 8, 8 / 39],
      ['落地', 5, 5 / 8],
      ['开工', 3, 3 / 5],
      ['投产', 0, 0],
    ]);
  });

  it('breakdowns: one row per group, amounts as numbers, a missing key named, null rates shown as —', () => {
    expect(byName.get('来源')!.columns[0]!.header).toBe('签约活动');
    expect(byName.get('行业')!.columns[0]!.header).toBe('产业类别');
    expect(byName.get('来源')!.rows.map((row) => row.map(plain))).toEqual([
      ['沪洽会', 5, 200000, 4, 0.8, 2, 0.4],
      [NO_KEY, 0, 0, 0, NO_RATE, 0, NO_RATE],
    ]);
  });

  it('trend: twelve months; months not begun are empty except 序时进度', () => {
    const rows = byName.get('月度趋势')!.rows.map((row) => row.map(plain));
    expect(rows).toHaveLength(12);
    expect(rows[3]).toEqual(['2026-04', 2, 80000, 1, 62500, 250000, 0.25, 4 / 12]);
    expect(rows[4]).toEqual(['2026-05', null, null, null, null, null, null, 5 / 12]);
  });

  it('approval lights with a total, scorecard with rank and 红黄码, 督办 with item, lateness, answers and measures', () => {
    expect(byName.get('审批红黄灯')!.rows.map((row) => row.map(plain))).toEqual([['自然资源局', 2, 1, 3, 6]]);
    const scores = byName.get('部门效能')!.rows;
    expect(scores.map((row) => row.map(plain))).toEqual([
      [1, '发展改革局', 10, 1, 2.5, 0, 0, NO_RATE, '绿码', 0.75, NO_RATE],
      [2, '自然资源局', 0, NO_RATE, NO_RATE, 3, 1, 5, '红码', NO_RATE, NO_RATE],
    ]);
    expect(scores[1]![8]).toEqual({ value: '红码', light: 'red' });
    expect(byName.get('督办')!.rows.map((row) => row.map(plain))).toEqual([
      [
        'ZS-2026-001',
        '新能源电池项目',
        '自然资源局',
        '用地预审与选址意见书',
        '逾期 3 个工作日',
        '已逾期',
        '2026-04-01 09:00',
        '2026-04-09 00:30',
        '是',
        '2026-04-09 08:15',
        '需协调',
        '用地指标待调剂',
        '分管领导牵头协调',
        '2026-05-20',
      ],
      [
        'ZS-2026-002',
        '智能制造项目',
        '发展改革局',
        null,
        null,
        '未按期开工',
        '2026-03-01 09:00',
        '2026-03-05 09:00',
        '否',
        null,
        null,
        null,
        null,
        null,
      ],
    ]);
  });
});

describe('writeWorkbook', () => {
  it('writes every sheet with a bold frozen header, number formats and 红黄绿 fills that survive a round trip', async () => {
    const buffer = await writeWorkbook(cockpitReportSheets(data), data.generatedAt);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(Object.values(SHEET_NAMES));

    const kpis = workbook.getWorksheet('指标')!;
    expect(kpis.getRow(1).getCell(1).value).toBe('指标');
    expect(kpis.getRow(1).font?.bold).toBe(true);
    expect(kpis.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const row = (label: string) => {
      let found: ExcelJS.Row | undefined;
      kpis.eachRow((candidate) => {
        if (candidate.getCell(1).value === label) found = candidate;
      });
      return found!.getCell(2);
    };
    expect(row('合同投资额').value).toBe(320000);
    expect(row('合同投资额').numFmt).toBe('#,##0.00');
    expect(row('开工率').value).toBe(0.375);
    expect(row('开工率').numFmt).toBe('0.0%');
    expect(row('重点工程开工率').value).toBe(NO_RATE);

    const source = workbook.getWorksheet('来源')!;
    expect(source.getRow(2).getCell(3).value).toBe(200000);
    expect(source.getRow(2).getCell(3).numFmt).toBe('#,##0.00');
    expect(source.getRow(2).getCell(5).numFmt).toBe('0.0%');

    const lights = workbook.getWorksheet('审批红黄灯')!;
    expect((lights.getRow(1).getCell(4).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(LIGHT_FILLS.red);
    const scores = workbook.getWorksheet('部门效能')!;
    expect(scores.getRow(3).getCell(9).value).toBe('红码');
    expect((scores.getRow(3).getCell(9).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(LIGHT_FILLS.red);
    expect(workbook.getWorksheet('督办')!.actualRowCount).toBe(3);
  });
});
