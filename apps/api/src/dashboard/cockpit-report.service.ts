import { Injectable } from '@nestjs/common';
import type { CockpitFilters } from '@luodi/contracts';
import { alertRemainingWorkingDays, businessDateOf, ValidationFailed } from '@luodi/domain';
import { AlertRepository, DepartmentRepository } from '@luodi/persistence';
import {
  cockpitReportSheets,
  reportFileNames,
  reportPeriod,
  type SupervisionAlert,
  writeWorkbook,
} from './cockpit-report.sheets';
import type { CockpitReportQueryDto } from './cockpit-report.dto';
import { DashboardService } from './dashboard.service';
import { ProblemExportService } from '../dispatch/problem-export.service';
import { CalendarService, Clock } from '@luodi/server-core';

/** Unresolved alerts: not yet acknowledged first, then acknowledged (domain: open → acknowledged → resolved). */
const UNRESOLVED_STATUSES = ['open', 'acknowledged'] as const;
const SUPERVISION_LEVEL = 3;
const MAX_SUPERVISION_ROWS = 10_000;

export interface CockpitReport {
  body: Buffer;
  fileName: { ascii: string; utf8: string };
}

/** The cockpit's 月度调度 report: the figures as of the end of the month, as an .xlsx. */
@Injectable()
export class CockpitReportService {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly alerts: AlertRepository,
    private readonly departments: DepartmentRepository,
    private readonly clock: Clock,
    private readonly problemSheet: ProblemExportService,
    private readonly calendars: CalendarService,
  ) {}

  async build(query: CockpitReportQueryDto, now: Date = this.clock.now()): Promise<CockpitReport> {
    const period = reportPeriod(query.month, now);
    const year = query.year ?? period.year;
    const departmentName = query.departmentId ? await this.departmentName(query.departmentId) : undefined;
    const filters: CockpitFilters = {
      year,
      asOf: period.asOf,
      source: query.source,
      departmentId: query.departmentId,
    };
    const [summary, funnel, bySource, byIndustry, trend, approvalLights, scorecard, supervision] =
      await Promise.all([
        this.dashboard.summary(filters),
        this.dashboard.funnel(filters),
        this.dashboard.breakdown('source', filters),
        this.dashboard.breakdown('industry', filters),
        this.dashboard.trend(filters),
        this.dashboard.approvalLights(filters),
        this.dashboard.departments(year),
        this.supervision(query.departmentId, now),
      ]);
    const sheets = cockpitReportSheets({
      month: period.month,
      generatedAt: now,
      filters: { source: query.source, departmentName },
      summary,
      funnel,
      bySource,
      byIndustry,
      trend,
      approvalLights,
      scorecard,
      supervision,
    });
    // 问题清单 (dispatch.md §4): the problems not closed, overdue first.
    sheets.push(await this.problemSheet.reportSheet(query.departmentId));
    return { body: await writeWorkbook(sheets, now), fileName: reportFileNames(period.month) };
  }

  private async departmentName(id: string): Promise<string> {
    const department = await this.departments.findVisible(id, { kind: 'all' });
    if (!department)
      throw new ValidationFailed('departmentId', 'unknown_reference', {
        params: { entity: 'department', id },
      });
    return department.name;
  }

  /** 督办: level-3 alerts not resolved (now), of the department when the report is filtered by one. */
  private async supervision(departmentId: string | undefined, now: Date): Promise<SupervisionAlert[]> {
    const calendar = await this.calendars.calendar();
    const today = businessDateOf(now);
    const pages = await Promise.all(
      UNRESOLVED_STATUSES.map((status) =>
        this.alerts.list(
          { level: SUPERVISION_LEVEL, status, departmentId },
          { kind: 'all' },
          { page: 1, pageSize: MAX_SUPERVISION_ROWS },
        ),
      ),
    );
    // How late each approval item is, at the export (the sheet shows the alerts as they are now).
    return pages.flatMap((page) =>
      page.items.map((row) => ({
        ...row,
        remainingWorkingDays: alertRemainingWorkingDays(row, calendar, today),
      })),
    );
  }
}
