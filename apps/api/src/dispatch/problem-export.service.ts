import { Injectable } from '@nestjs/common';
import type { Problem } from '@luodi/contracts';
import {
  labelsIn,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_STATUS_LABELS,
  type Principal,
  ProblemStatus,
  Role,
} from '@luodi/domain';
import type { ReportSheet } from '../dashboard/cockpit-report.sheets';
import { buildWorkbook, type SheetColumn } from '../common/xlsx';
import type { ProblemFilterDto } from './problems.dto';
import { ProblemsService } from './problems.service';

const CATEGORY = labelsIn(PROBLEM_CATEGORY_LABELS, 'zh-CN');
const STATUS = labelsIn(PROBLEM_STATUS_LABELS, 'zh-CN');

/** The columns of a 问题清单 sheet (the export and the 月度调度 workbook's sheet). */
export const PROBLEM_SHEET_COLUMNS: Array<SheetColumn<Problem>> = [
  { header: '问题编号', width: 14, value: (p) => p.code },
  { header: '项目编号', width: 14, value: (p) => p.projectCode },
  {
    header: '项目名称',
    width: 30,
    value: (p) => (p.keyWorkYear ? `${p.projectName}（${p.keyWorkYear}年重点工程）` : p.projectName),
  },
  { header: '问题类别', width: 10, value: (p) => CATEGORY[p.category] },
  { header: '问题描述', width: 40, value: (p) => p.description },
  { header: '责任单位', width: 18, value: (p) => p.ownerDepartmentName },
  { header: '配合单位', width: 24, value: (p) => p.coDepartments.map((d) => d.name).join('、') },
  { header: '包抓领导', width: 10, value: (p) => p.leadOfficial },
  { header: '提出日期', width: 12, value: (p) => p.raisedAt },
  { header: '办结时限', width: 12, value: (p) => p.dueDate },
  { header: '状态', width: 12, value: (p) => STATUS[p.status] },
  { header: '逾期（工作日）', width: 12, value: (p) => (p.overdue ? p.overdueWorkingDays : null) },
  { header: '督办', width: 6, value: (p) => (p.supervised ? '是' : '') },
  { header: '销号日期', width: 12, value: (p) => p.closedOn },
];

const MAX_EXPORT_ROWS = 100_000;

/** Excel out: the filtered problem list. */
@Injectable()
export class ProblemExportService {
  constructor(private readonly problems: ProblemsService) {}

  async workbook(query: ProblemFilterDto, principal: Principal): Promise<Buffer> {
    const { items } = await this.problems.list(
      { ...query, page: 1, pageSize: MAX_EXPORT_ROWS },
      { kind: 'all' },
      principal,
    );
    return buildWorkbook('问题清单', PROBLEM_SHEET_COLUMNS, items);
  }

  /** The 问题清单 sheet of the 月度调度 workbook: problems not closed (of one owner department when given). */
  async reportSheet(ownerDepartmentId?: string): Promise<ReportSheet> {
    const reader: Principal = {
      userId: '0',
      username: 'report',
      role: Role.Leader,
      departmentId: null,
      sessionId: '',
    };
    const { items } = await this.problems.list(
      { page: 1, pageSize: MAX_EXPORT_ROWS, ownerDepartmentId },
      { kind: 'all' },
      reader,
    );
    const open = items.filter((problem) => problem.status !== ProblemStatus.closed);
    return {
      name: '问题清单',
      columns: PROBLEM_SHEET_COLUMNS.map((column) => ({ header: column.header, width: column.width })),
      rows: open.map((problem) =>
        PROBLEM_SHEET_COLUMNS.map((column) => column.value(problem) as string | number | null),
      ),
    };
  }
}
