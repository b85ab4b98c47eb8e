import {
  type ApprovalLightsResponse,
  type BreakdownItem,
  type BreakdownResponse,
  type DashboardSummary,
  type DepartmentScorecardResponse,
  type FunnelResponse,
  type FunnelStage,
  type ScoreCode,
  type TrendResponse,
} from '@luodi/contracts';
import {
  ALERT_KIND_LABELS,
  type AlertKind,
  AlertStatus,
  ANSWER_CATEGORY_LABELS,
  type AnswerCategory,
  businessDateOf,
  isIsoDate,
  labelsIn,
  latenessText,
  rate,
  ValidationFailed,
} from '@luodi/domain';
import ExcelJS from 'exceljs';
import { PERCENT_FORMAT, WAN_YUAN_FORMAT } from '../common/xlsx';

/**
 * The 月度调度 report of the cockpit, as plain data: pure functions from the cockpit's answers to
 * sheets (rows of cells), then one function that writes them with exceljs.
 */

export const COUNT_FORMAT = '0';
export const YI_YUAN_FORMAT = '#,##0.00';

/** A cell: a plain value, or a number with its own format and (for 红黄绿) a light. */
export type ReportCell =
  string | number | null | { value: string | number | null; numFmt?: string; light?: ScoreCode };

export interface ReportColumn {
  header: string;
  width: number;
  numFmt?: string;
  /** Colours the header (the 红黄绿 columns). */
  light?: ScoreCode;
}

export interface ReportSheet {
  name: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
}

/** What the 督办 sheet shows of an alert (AlertRepository's rows fit). */
export interface SupervisionAlert {
  /** null only for a district-wide alert (a calendar year; never at level 3). */
  projectCode: string | null;
  projectName: string | null;
  departmentName: string | null;
  /** The approval item of a milestone's alert (null: an alert about the project itself). */
  itemName: string | null;
  /** Working days to the item's deadline, negative when overdue (null: no running clock). */
  remainingWorkingDays: number | null;
  kind: AlertKind;
  status: AlertStatus;
  raisedAt: Date;
  levelSince: Date;
  acknowledgedAt: Date | null;
  answerCategory: AnswerCategory | null;
  answerCause: string | null;
  answerMeasures: string | null;
  answerExpectedDate: string | null;
}

export interface CockpitReportData {
  /** `YYYY-MM`. */
  month: string;
  generatedAt: Date;
  filters: { source?: string; departmentName?: string };
  summary: DashboardSummary;
  funnel: FunnelResponse;
  bySource: BreakdownResponse;
  byIndustry: BreakdownResponse;
  trend: TrendResponse;
  approvalLights: ApprovalLightsResponse;
  scorecard: DepartmentScorecardResponse;
  supervision: SupervisionAlert[];
}

export const SHEET_NAMES = {
  kpis: '指标',
  funnel: '漏斗',
  source: '来源',
  industry: '行业',
  trend: '月度趋势',
  approvals: '审批红黄灯',
  departments: '部门效能',
  supervision: '督办',
} as const;

export const FUNNEL_STAGE_NAMES: Record<FunnelStage, string> = {
  talks: '在谈',
  signed: '签约',
  registered: '落地',
  started: '开工',
  operating: '投产',
  full_production: '达产',
};

export const SCORE_CODE_NAMES: Record<ScoreCode, string> = { red: '红码', yellow: '黄码', green: '绿码' };

/** The alert kinds' and answer categories' one zh-CN name each (shared with the worker and the web). */
export const ALERT_KIND_NAMES: Record<AlertKind, string> = labelsIn(ALERT_KIND_LABELS, 'zh-CN');
export const ANSWER_CATEGORY_NAMES: Record<AnswerCategory, string> = labelsIn(
  ANSWER_CATEGORY_LABELS,
  'zh-CN',
);

/** Shown for a rate whose denominator is 0 (domain §6: null). */
export const NO_RATE = '—';
export const ALL = '全部';
export const NO_KEY = '（未填写）';

/** The period of a report: the figures' moment is the end of the month's last day, or now for the current month. */
export interface ReportPeriod {
  month: string;
  /** The month's year (the figures' year unless the query names one). */
  year: number;
  /** What the cockpit endpoints get as `asOf`: the last day, or the ISO moment `now` for the current month. */
  asOf: string;
  asOfDate: string;
  current: boolean;
}

/** The last day (`YYYY-MM-DD`) of a month `YYYY-MM`. */
export function lastDayOfMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

export function reportPeriod(month: string, now: Date): ReportPeriod {
  if (!/^\d{4}-\d{2}$/.test(month) || !isIsoDate(`${month}-01`)) {
    throw new ValidationFailed('month', 'field_not_month', {
      params: { rule: 'must be a month written YYYY-MM (01–12)' },
    });
  }
  const today = businessDateOf(now);
  const currentMonth = today.slice(0, 7);
  if (month > currentMonth) {
    throw new ValidationFailed('month', 'month_in_future', { params: { currentMonth } });
  }
  const current = month === currentMonth;
  const lastDay = lastDayOfMonth(month);
  return {
    month,
    year: Number(month.slice(0, 4)),
    asOf: current ? now.toISOString() : lastDay,
    asOfDate: current ? today : lastDay,
    current,
  };
}

export function reportFileNames(month: string): { ascii: string; utf8: string } {
  return { ascii: `luodi-cockpit-${month}.xlsx`, utf8: `驾驶舱月度调度报告_${month}.xlsx` };
}

const shanghaiDateTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment as `YYYY-MM-DD HH:mm` in Asia/Shanghai. */
export function formatMoment(moment: Date): string {
  const parts = shanghaiDateTime.formatToParts(moment);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const money = (amount: string | null): ReportCell =>
  amount === null ? null : { value: Number(amount), numFmt: WAN_YUAN_FORMAT };
const count = (value: number | null): ReportCell => (value === null ? null : { value, numFmt: COUNT_FORMAT });
const percent = (value: number | null): ReportCell =>
  value === null ? NO_RATE : { value, numFmt: PERCENT_FORMAT };

/** 指标: every KPI of the summary, then the period and the filters. */
export function kpiSheet(data: CockpitReportData): ReportSheet {
  const { summary, filters } = data;
  const { keyWorks, approvals, alerts } = summary;
  const row = (name: string, value: ReportCell, unit = ''): ReportCell[] => [name, value, unit];
  return {
    name: SHEET_NAMES.kpis,
    columns: [
      { header: '指标', width: 26 },
      { header: '数值', width: 20 },
      { header: '单位', width: 10 },
    ],
    rows: [
      row('报告月份', data.month),
      row('年度', summary.year),
      row('截至日期', summary.asOfDate),
      row('签约活动', filters.source ?? ALL),
      row('责任单位', filters.departmentName ?? ALL),
      row('在谈项目', count(summary.negotiatingCount), '个'),
      row('签约项目', count(summary.signedCount), '个'),
      row('合同投资额', money(summary.contractAmount), '万元'),
      row(
        '合同投资额（亿元）',
        { value: Number(summary.contractAmount) / 10_000, numFmt: YI_YUAN_FORMAT },
        '亿元',
      ),
      row('注册落地项目', count(summary.registeredCount), '个'),
      row('落地率', percent(summary.landingRate)),
      row('开工项目', count(summary.startedCount), '个'),
      row('开工率', percent(summary.startRate)),
      row('到位资金', money(summary.fundsArrived), '万元'),
      row('资金到位率', percent(summary.fundsRate)),
      row('重点工程', count(keyWorks.count), '个'),
      row('重点工程计划当年开工', count(keyWorks.plannedStartCount), '个'),
      row('重点工程已开工', count(keyWorks.startedCount), '个'),
      row('重点工程开工率', percent(keyWorks.startRate)),
      row('重点工程年度计划投资', money(keyWorks.annualPlanInvestment), '万元'),
      row('重点工程完成投资', money(keyWorks.completedInvestment), '万元'),
      row('投资完成率', percent(keyWorks.investmentRate)),
      row('序时进度', percent(keyWorks.scheduleRate)),
      row('审批办结事项', count(approvals.decidedCount), '件'),
      row('按期办结事项', count(approvals.onTimeCount), '件'),
      row('按期办结率', percent(approvals.onTimeRate)),
      row('逾期未办', count(approvals.overdueOpen), '件'),
      row('未解除预警（一级·预警）', count(alerts.level1), '条'),
      row('未解除预警（二级·逾期）', count(alerts.level2), '条'),
      row('未解除预警（三级·督办）', count(alerts.level3), '条'),
      row('未解除预警合计', count(alerts.total), '条'),
      row('导出时间', formatMoment(data.generatedAt)),
      row('说明', '预警与督办为导出时的状态；其余数据截至上述日期'),
    ],
  };
}

export function funnelSheet(funnel: FunnelResponse): ReportSheet {
  return {
    name: SHEET_NAMES.funnel,
    columns: [
      { header: '阶段', width: 10 },
      { header: '项目数', width: 10, numFmt: COUNT_FORMAT },
      { header: '较上一阶段', width: 12 },
    ],
    rows: funnel.stages.map((stage, index) => {
      const previous = funnel.stages[index - 1];
      return [
        FUNNEL_STAGE_NAMES[stage.stage] ?? stage.stage,
        stage.count,
        previous ? percent(rate(stage.count, previous.count)) : null,
      ];
    }),
  };
}

export function breakdownSheet(breakdown: BreakdownResponse): ReportSheet {
  const bySource = breakdown.by === 'source';
  return {
    name: bySource ? SHEET_NAMES.source : SHEET_NAMES.industry,
    columns: [
      { header: bySource ? '签约活动' : '产业类别', width: 16 },
      { header: '签约项目', width: 10, numFmt: COUNT_FORMAT },
      { header: '合同投资额（万元）', width: 18, numFmt: WAN_YUAN_FORMAT },
      { header: '落地项目', width: 10, numFmt: COUNT_FORMAT },
      { header: '落地率', width: 10 },
      { header: '开工项目', width: 10, numFmt: COUNT_FORMAT },
      { header: '开工率', width: 10 },
    ],
    rows: breakdown.items.map((item: BreakdownItem) => [
      item.key === '' ? NO_KEY : item.key,
      item.signedCount,
      Number(item.contractAmount),
      item.registeredCount,
      percent(item.landingRate),
      item.startedCount,
      percent(item.startRate),
    ]),
  };
}

/** 月度趋势: months not begun at asOf stay empty, except 序时进度 (the reference line). */
export function trendSheet(trend: TrendResponse): ReportSheet {
  return {
    name: SHEET_NAMES.trend,
    columns: [
      { header: '月份', width: 10 },
      { header: '签约项目', width: 10, numFmt: COUNT_FORMAT },
      { header: '合同投资额（万元）', width: 18, numFmt: WAN_YUAN_FORMAT },
      { header: '开工项目', width: 10, numFmt: COUNT_FORMAT },
      { header: '重点工程完成投资（万元）', width: 22, numFmt: WAN_YUAN_FORMAT },
      { header: '累计完成投资（万元）', width: 20, numFmt: WAN_YUAN_FORMAT },
      { header: '投资完成率', width: 12 },
      { header: '序时进度', width: 10 },
    ],
    rows: trend.months.map((month) => [
      month.month,
      count(month.signedCount),
      money(month.contractAmount),
      count(month.startedCount),
      money(month.completedInvestment),
      money(month.cumulativeInvestment),
      month.cumulativeInvestment === null ? null : percent(month.investmentRate),
      percent(month.scheduleRate),
    ]),
  };
}

export function approvalLightsSheet(lights: ApprovalLightsResponse): ReportSheet {
  return {
    name: SHEET_NAMES.approvals,
    columns: [
      { header: '责任单位', width: 24 },
      { header: '绿灯', width: 8, numFmt: COUNT_FORMAT, light: 'green' },
      { header: '黄灯', width: 8, numFmt: COUNT_FORMAT, light: 'yellow' },
      { header: '红灯', width: 8, numFmt: COUNT_FORMAT, light: 'red' },
      { header: '合计', width: 8, numFmt: COUNT_FORMAT },
    ],
    rows: lights.items.map((item) => [
      item.departmentName,
      item.green,
      item.yellow,
      item.red,
      item.green + item.yellow + item.red,
    ]),
  };
}

export function scorecardSheet(scorecard: DepartmentScorecardResponse): ReportSheet {
  const number = (value: number | null, numFmt: string): ReportCell =>
    value === null ? NO_RATE : { value, numFmt };
  return {
    name: SHEET_NAMES.departments,
    columns: [
      { header: '排名', width: 6, numFmt: COUNT_FORMAT },
      { header: '部门', width: 24 },
      { header: '办件数', width: 8, numFmt: COUNT_FORMAT },
      { header: '按期办结率', width: 12 },
      { header: '办理用时中位数（工作日）', width: 22 },
      { header: '逾期未办', width: 10, numFmt: COUNT_FORMAT },
      { header: '超时默认', width: 10, numFmt: COUNT_FORMAT },
      { header: '签收用时中位数（小时）', width: 22 },
      { header: '红黄码', width: 8 },
      { header: '问题按期办结率', width: 14 },
      { header: '督办函按期反馈率', width: 16 },
    ],
    rows: scorecard.items.map((item) => [
      item.rank,
      item.departmentName,
      item.handled,
      percent(item.onTimeRate),
      number(item.medianWorkingDays, '0.0'),
      item.overdueOpen,
      item.deemedApprovals,
      number(item.medianAckHours, '0.0'),
      { value: SCORE_CODE_NAMES[item.code] ?? item.code, light: item.code },
      percent(item.problemOnTimeRate ?? null),
      percent(item.noticeOnTimeRate ?? null),
    ]),
  };
}

export function supervisionSheet(alerts: readonly SupervisionAlert[]): ReportSheet {
  return {
    name: SHEET_NAMES.supervision,
    columns: [
      { header: '项目编号', width: 14 },
      { header: '项目名称', width: 32 },
      { header: '责任单位', width: 20 },
      { header: '审批事项', width: 28 },
      { header: '逾期情况', width: 16 },
      { header: '预警类型', width: 14 },
      { header: '预警时间', width: 17 },
      { header: '督办时间', width: 17 },
      { header: '是否签收', width: 10 },
      { header: '签收时间', width: 17 },
      { header: '答复类别', width: 12 },
      { header: '原因', width: 36 },
      { header: '整改措施', width: 36 },
      { header: '预计解决日期', width: 14 },
    ],
    rows: alerts.map((alert) => [
      alert.projectCode,
      alert.projectName,
      alert.departmentName,
      alert.itemName,
      latenessText(alert.remainingWorkingDays),
      ALERT_KIND_NAMES[alert.kind],
      formatMoment(alert.raisedAt),
      formatMoment(alert.levelSince),
      alert.status === AlertStatus.acknowledged ? '是' : '否',
      alert.status === AlertStatus.acknowledged && alert.acknowledgedAt
        ? formatMoment(alert.acknowledgedAt)
        : null,
      alert.answerCategory ? ANSWER_CATEGORY_NAMES[alert.answerCategory] : null,
      alert.answerCause,
      alert.answerMeasures,
      alert.answerExpectedDate,
    ]),
  };
}

/** The report's eight sheets, in order. */
export function cockpitReportSheets(data: CockpitReportData): ReportSheet[] {
  return [
    kpiSheet(data),
    funnelSheet(data.funnel),
    breakdownSheet(data.bySource),
    breakdownSheet(data.byIndustry),
    trendSheet(data.trend),
    approvalLightsSheet(data.approvalLights),
    scorecardSheet(data.scorecard),
    supervisionSheet(data.supervision),
  ];
}

/** Light fills of 红黄绿 (Element Plus palette, light tints so the text stays readable). */
export const LIGHT_FILLS: Record<ScoreCode, string> = {
  red: 'FFFDE2E2',
  yellow: 'FFFAECD8',
  green: 'FFE1F3D8',
};

const fill = (light: ScoreCode): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: LIGHT_FILLS[light] },
});

/** Write the sheets: bold frozen header row on each, numbers with their formats, 红黄绿 filled. */
export async function writeWorkbook(sheets: readonly ReportSheet[], created: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Luodi';
  workbook.created = created;
  for (const definition of sheets) {
    const sheet = workbook.addWorksheet(definition.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow(definition.columns.map((column) => column.header));
    header.font = { bold: true };
    definition.columns.forEach((column, index) => {
      const sheetColumn = sheet.getColumn(index + 1);
      sheetColumn.width = column.width;
      if (column.light) header.getCell(index + 1).fill = fill(column.light);
    });
    for (const cells of definition.rows) {
      const row = sheet.addRow(
        cells.map((cell) => (cell !== null && typeof cell === 'object' ? cell.value : cell)),
      );
      cells.forEach((cell, index) => {
        const sheetCell = row.getCell(index + 1);
        const numFmt =
          cell !== null && typeof cell === 'object' ? cell.numFmt : definition.columns[index]?.numFmt;
        if (numFmt && typeof sheetCell.value === 'number') sheetCell.numFmt = numFmt;
        if (cell !== null && typeof cell === 'object' && cell.light) sheetCell.fill = fill(cell.light);
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
