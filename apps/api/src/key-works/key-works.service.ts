import { Injectable } from '@nestjs/common';
import {
  type AccessScope,
  type ProjectStage,
  businessDateOf,
  DomainError,
  dueMonths,
  NotFound,
  type Principal,
  rate,
  scheduleRate,
  sumMoney,
  ValidationFailed,
} from '@luodi/domain';
import type { KeyWorkDetail, KeyWorkList, KeyWorkRow as KeyWorkListRow } from '@luodi/contracts';
import { type KeyWorkListFilter, KeyWorkRepository, ProjectRepository } from '@luodi/persistence';
import { CalendarService, Clock } from '@luodi/server-core';
import { buildWorkbook, PERCENT_FORMAT, WAN_YUAN_FORMAT } from '../common/xlsx';
import { FiguresPublisher } from '../live/figures-publisher';
import type {
  CreateKeyWorkDto,
  KeyWorkReportCorrectionDto,
  KeyWorkReportDto,
  UpdateKeyWorkDto,
} from './key-works.dto';

/** A key work of the year as lists show it (contract in libs/contracts). */
export type KeyWorkView = KeyWorkListRow;

@Injectable()
export class KeyWorksService {
  constructor(
    private readonly keyWorks: KeyWorkRepository,
    private readonly projects: ProjectRepository,
    private readonly calendar: CalendarService,
    private readonly live: FiguresPublisher,
    private readonly clock: Clock,
  ) {}

  /** The report months of `year` already past their due day at `today`. */
  async dueMonths(year: number, today: string): Promise<string[]> {
    return dueMonths(year, today, await this.calendar.calendar());
  }

  async list(year: number, scope: AccessScope, filter: KeyWorkListFilter = {}): Promise<KeyWorkList> {
    const today = businessDateOf(this.clock.now());
    const [rows, due] = await Promise.all([
      this.keyWorks.list(year, scope, undefined, filter),
      this.dueMonths(year, today),
    ]);
    const reported = new Map<string, Set<string>>();
    for (const report of await this.keyWorks.reportsForYear(year)) {
      if (!reported.has(report.keyWorkId)) reported.set(report.keyWorkId, new Set());
      reported.get(report.keyWorkId)!.add(report.month);
    }
    const items = rows.map((row) => ({
      ...row,
      stage: row.stage as ProjectStage,
      completionRate: rate(row.completedInvestment, row.annualPlanInvestment),
      scheduleRate: scheduleRate(year, today),
      // A new start reports from its planned start month on; a continuing work from January.
      missingReports: due.filter(
        (month) =>
          !reported.get(row.id)?.has(month) &&
          (row.plannedStartMonth === null || Number(month.slice(5, 7)) >= row.plannedStartMonth),
      ),
    }));
    return { items, total: items.length, dueMonths: due };
  }

  async get(id: string, scope: AccessScope): Promise<KeyWorkDetail> {
    const keyWork = await this.keyWorks.findVisible(id, scope);
    if (!keyWork) throw new NotFound('key work', id);
    const today = businessDateOf(this.clock.now());
    const [[row], due, reports] = await Promise.all([
      this.keyWorks.list(keyWork.year, scope, id),
      this.dueMonths(keyWork.year, today),
      this.keyWorks.reports(id),
    ]);
    const reported = new Set(reports.map((report) => report.month));
    const view = {
      ...row!,
      stage: row!.stage as ProjectStage,
      completionRate: rate(row!.completedInvestment, row!.annualPlanInvestment),
      scheduleRate: scheduleRate(keyWork.year, today),
      missingReports: due.filter(
        (month) =>
          !reported.has(month) &&
          (row!.plannedStartMonth === null || Number(month.slice(5, 7)) >= row!.plannedStartMonth),
      ),
    };
    return {
      ...view,
      reports: reports.map((report) => ({
        id: report.id,
        month: report.month,
        completedInvestment: report.completedInvestment,
        progress: report.progress,
        problems: report.problems,
        reportedAt: report.reportedAt.toISOString(),
        correctedAt: report.correctedAt?.toISOString() ?? null,
      })),
    };
  }

  async create(input: CreateKeyWorkDto) {
    const project = await this.projects.findVisible(input.projectId, { kind: 'all' });
    if (!project)
      throw new ValidationFailed('projectId', 'unknown_reference', {
        params: { entity: 'project', id: input.projectId },
      });
    if (await this.keyWorks.findByProjectAndYear(input.projectId, input.year)) {
      throw new DomainError(
        'conflict',
        `projectId: project ${project.code} is already on the ${input.year} key-works list`,
        { code: 'key_work_duplicate', params: { year: input.year, project: project.code } },
      );
    }
    const created = await this.keyWorks.create({
      projectId: input.projectId,
      year: input.year,
      annualPlanInvestment: input.annualPlanInvestment,
      plannedStartMonth: input.plannedStartMonth ?? null,
    });
    await this.live.changed('key-work', project.leadDepartmentId);
    return this.get(created.id, { kind: 'all' });
  }

  async update(id: string, patch: UpdateKeyWorkDto) {
    const keyWork = await this.keyWorks.findVisible(id, { kind: 'all' });
    if (!keyWork) throw new NotFound('key work', id);
    await this.keyWorks.update(keyWork, patch);
    await this.figuresChanged(keyWork.projectId);
    return this.get(id, { kind: 'all' });
  }

  async addReport(id: string, input: KeyWorkReportDto, principal: Principal) {
    const keyWork = await this.keyWorks.findVisible(id, { kind: 'all' });
    if (!keyWork) throw new NotFound('key work', id);
    if (!input.month.startsWith(`${keyWork.year}-`)) {
      throw new ValidationFailed('month', 'month_outside_year', { params: { year: keyWork.year } });
    }
    const currentMonth = businessDateOf(this.clock.now()).slice(0, 7);
    if (input.month > currentMonth)
      throw new ValidationFailed('month', 'month_in_future', { params: { currentMonth } });
    if (await this.keyWorks.findReport(id, input.month)) {
      throw new DomainError(
        'conflict',
        `month: the report for ${input.month} is already in; correct it with PATCH /api/key-works/${id}/reports/${input.month}`,
        { code: 'key_work_report_duplicate', params: { month: input.month } },
      );
    }
    await this.keyWorks.saveReport({
      keyWorkId: id,
      month: input.month,
      completedInvestment: input.completedInvestment,
      progress: input.progress ?? null,
      problems: input.problems ?? null,
      reportedAt: this.clock.now(),
      reportedBy: principal.userId,
      correctedAt: null,
    });
    await this.figuresChanged(keyWork.projectId);
    return this.get(id, { kind: 'all' });
  }

  /** Correct a report; the audit trail keeps the values before and after. */
  async correctReport(id: string, month: string, patch: KeyWorkReportCorrectionDto) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      throw new ValidationFailed('month', 'field_not_month', {
        params: { rule: 'must be a month written YYYY-MM' },
      });
    const keyWork = await this.keyWorks.findVisible(id, { kind: 'all' });
    if (!keyWork) throw new NotFound('key work', id);
    const report = await this.keyWorks.findReport(id, month);
    if (!report) throw new NotFound('report', `${id}/${month}`);
    await this.keyWorks.updateReport(report, { ...patch, correctedAt: this.clock.now() });
    await this.figuresChanged(keyWork.projectId);
    return this.get(id, { kind: 'all' });
  }

  /** Tell the live streams that the key-work figures of the project's department may have changed. */
  private async figuresChanged(projectId: string): Promise<void> {
    const project = await this.projects.findVisible(projectId, { kind: 'all' });
    await this.live.changed('key-work', project?.leadDepartmentId);
  }

  /** The 月度调度表 of a month: plan, month and cumulative investment, progress and problems. */
  async monthlySchedule(year: number, month: number): Promise<Buffer> {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    const rows = await this.keyWorks.list(year, { kind: 'all' });
    const reports = await this.keyWorks.reportsForMonth(year, label);
    const cumulative = new Map<string, string[]>();
    for (const report of await this.keyWorks.reportsForYear(year)) {
      if (report.month > label) continue;
      cumulative.set(report.keyWorkId, [
        ...(cumulative.get(report.keyWorkId) ?? []),
        report.completedInvestment,
      ]);
    }
    const lines = rows.map((row, index) => ({
      row,
      index,
      report: reports.get(row.id),
      upTo: Number(sumMoney(cumulative.get(row.id) ?? [])),
    }));
    return buildWorkbook(
      `${label}`,
      [
        { header: '序号', width: 6, value: (line) => line.index + 1 },
        { header: '项目编号', width: 14, value: (line) => line.row.projectCode },
        { header: '项目名称', width: 36, value: (line) => line.row.projectName },
        { header: '责任单位', width: 20, value: (line) => line.row.leadDepartmentName },
        {
          header: '年度计划投资（万元）',
          width: 18,
          value: (line) => Number(line.row.annualPlanInvestment),
          numFmt: WAN_YUAN_FORMAT,
        },
        {
          header: '本月完成投资（万元）',
          width: 18,
          value: (line) => (line.report ? Number(line.report.completedInvestment) : null),
          numFmt: WAN_YUAN_FORMAT,
        },
        { header: '累计完成投资（万元）', width: 18, value: (line) => line.upTo, numFmt: WAN_YUAN_FORMAT },
        {
          header: '完成率',
          width: 10,
          value: (line) => rate(line.upTo, line.row.annualPlanInvestment),
          numFmt: PERCENT_FORMAT,
        },
        {
          header: '计划开工月份',
          width: 12,
          value: (line) => (line.row.plannedStartMonth ? `${line.row.plannedStartMonth}月` : '续建'),
        },
        {
          header: '是否开工',
          width: 10,
          value: (line) => (line.row.startedAt ? `是（${line.row.startedAt}）` : '否'),
        },
        {
          header: '形象进度',
          width: 30,
          value: (line) => line.report?.progress ?? (line.report ? '' : '未报送'),
        },
        { header: '存在问题', width: 30, value: (line) => line.report?.problems ?? '' },
      ],
      lines,
      `${year}年重点工程月度调度表（${month}月）`,
    );
  }
}
