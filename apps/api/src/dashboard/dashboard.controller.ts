import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  ApprovalLightsResponse,
  BreakdownResponse,
  DashboardForecastResponse,
  DashboardSummary,
  ForecastAccuracyResponse,
  DepartmentScorecardResponse,
  FunnelResponse,
  TrendResponse,
} from '@luodi/contracts';
import { type AccessScope, businessDateOf } from '@luodi/domain';
import { AnyRole, CurrentScope } from '../auth/access.decorators';
import { DashboardForecastService } from './dashboard-forecast.service';
import {
  BreakdownQueryDto,
  DepartmentsQueryDto,
  ForecastAccuracyQueryDto,
  ForecastYearQueryDto,
  SummaryQueryDto,
} from './dashboard.dto';
import { DashboardService } from './dashboard.service';
import { FiguresCache } from './figures-cache.service';
import { Clock } from '@luodi/server-core';

/**
 * The cockpit's figures: district-wide aggregates every role may read (api.md "all"), served through
 * the short-lived figures cache that every change clears. The cache key is the query alone, which is
 * right only while the figures do not depend on who asks: scoping them per department would have to
 * add the scope to the key (as `forecast` does: it is scoped). Every route is open to every role (the rule is the class's).
 */
@ApiTags('dashboard')
@AnyRole()
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly cache: FiguresCache,
    private readonly clock: Clock,
    private readonly forecasts: DashboardForecastService,
  ) {}

  @Get('summary')
  @ApiOperation({
    summary:
      'The figures of domain §6 for a year at a moment (rates in [0, 1], null when undefined), and open alerts by level',
  })
  summary(@Query() query: SummaryQueryDto): Promise<DashboardSummary> {
    return this.cache.get('summary', query, () => this.dashboard.summary(query));
  }

  @Get('funnel')
  @ApiOperation({ summary: 'The pipeline funnel 在谈→签约→落地→开工→投产 of the year at asOf' })
  funnel(@Query() query: SummaryQueryDto): Promise<FunnelResponse> {
    return this.cache.get('funnel', query, () => this.dashboard.funnel(query));
  }

  @Get('breakdown')
  @ApiOperation({
    summary:
      'The projects signed in the year by source or industry: counts, amounts, landing and start rates',
  })
  breakdown(@Query() query: BreakdownQueryDto): Promise<BreakdownResponse> {
    const { by, ...filters } = query;
    return this.cache.get(`breakdown-${by}`, filters, () => this.dashboard.breakdown(by, filters));
  }

  @Get('trend')
  @ApiOperation({
    summary: 'Signings and starts per month, cumulative key-work investment against 序时进度',
  })
  trend(@Query() query: SummaryQueryDto): Promise<TrendResponse> {
    return this.cache.get('trend', query, () => this.dashboard.trend(query));
  }

  @Get('approvals-by-department')
  @ApiOperation({
    summary: 'Open approvals with a deadline by deciding department and light (红黄绿) at asOf',
  })
  approvalsByDepartment(@Query() query: SummaryQueryDto): Promise<ApprovalLightsResponse> {
    return this.cache.get('approval-lights', query, () => this.dashboard.approvalLights(query));
  }

  @Get('departments')
  @ApiOperation({
    summary: 'The department scorecard (效能): handled, on time, median days, overdue, 超时默认; ranked',
  })
  departments(@Query() query: DepartmentsQueryDto): Promise<DepartmentScorecardResponse> {
    const year = query.year ?? Number(businessDateOf(this.clock.now()).slice(0, 4));
    return this.cache.get('departments', { year }, () => this.dashboard.departments(year));
  }

  @Get('forecast')
  @ApiOperation({
    summary:
      '预计开工 of the year at asOf over the caller’s visible projects not yet started with a route: per month ' +
      'planned starts vs P50 starts, the ten projects most at risk (P80 later than the planned start, by ' +
      'calendar days), and per department the median route working days used vs targetDays. Scoped: a ' +
      'department user sees its own projects (the forecast runs per project, cached per scope)',
  })
  @ApiOkResponse({
    description:
      'DashboardForecastResponse: { year, asOf, projects, byMonth: [{ month, planned, p50 }], atRisk: ' +
      '[{ projectId, projectName, p80, plannedStartDate, daysLate, level 1|2, binding: { milestoneId, ' +
      'itemCode, departmentId, itemName, departmentName } | null }], routeDaysByDepartment: [{ departmentId, ' +
      'departmentName, projects, medianUsedDays, medianTargetDays, overTarget }] }',
  })
  forecast(
    @Query() query: ForecastYearQueryDto,
    @CurrentScope() scope: AccessScope,
  ): Promise<DashboardForecastResponse> {
    const key = { ...query, scope: scope.kind === 'department' ? scope.departmentId : 'all' };
    return this.cache.get('forecast', key, () => this.forecasts.forYear(query.year, query.asOf, scope));
  }

  @Get('forecast-accuracy')
  @ApiOperation({
    summary:
      '预测准确度: over the month-end forecast snapshots of projects whose CONSTRUCT was approved by asOf, the ' +
      'mean absolute P50 error in working days and the share of starts on or before P80, overall and per ' +
      'binding department. Scoped: a department user gets its own department only (and an overall over it)',
  })
  @ApiOkResponse({
    description:
      'ForecastAccuracyResponse: { asOf, overall: { mae, withinP80, snapshots }, departments: [{ departmentId, ' +
      'departmentName, mae, withinP80, snapshots }] } (mae in working days, withinP80 in [0, 1]; null without snapshots)',
  })
  forecastAccuracy(
    @Query() query: ForecastAccuracyQueryDto,
    @CurrentScope() scope: AccessScope,
  ): Promise<ForecastAccuracyResponse> {
    const key = { ...query, scope: scope.kind === 'department' ? scope.departmentId : 'all' };
    return this.cache.get('forecast-accuracy', key, () => this.forecasts.accuracy(query.asOf, scope));
  }
}
