import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { AccessScope } from '@luodi/domain';
import type { ProjectForecast } from '@luodi/contracts';
import { AnyRole, ApiController, CurrentScope } from '../auth/access.decorators';
import { ForecastQueryDto } from './forecast.dto';
import { ForecastService } from './forecast.service';

/** The start-date forecast of a project (预计开工, routes-and-forecast.md §3–4). */
@ApiController('', 'forecast')
export class ForecastController {
  constructor(private readonly forecast: ForecastService) {}

  @Get('projects/:id/forecast')
  @AnyRole()
  @ApiOperation({
    summary:
      "The project's start forecast at asOf: promise-bound, P50 and P80 dates, startable now, the at-risk " +
      'level against the planned start, the binding path and item, and per route item its planned ' +
      'and forecast bars for the Gantt (a department sees its own items; the dates are the whole route’s). ' +
      '409 route_not_applied without a route, route_without_construct when the route has no CONSTRUCT',
  })
  @ApiOkResponse({
    description:
      'ProjectForecast: { promiseBound, p50, p80 (YYYY-MM-DD; null once CONSTRUCT is decided — started or ' +
      'rejected), bindingPath: [milestoneId] (upstream first, CONSTRUCT last; the whole route’s, also for a ' +
      'department), binding: { milestoneId, itemCode, departmentId, itemName, departmentName } | null, ' +
      'startableNow, startableSince, constructRejected, plannedStartDate, atRisk 0|1|2, historyUsed, asOf, ' +
      'items: [{ milestoneId, itemCode, itemName, departmentId, departmentName, stage, status, phase, ' +
      'rejected, promisedDays, acceptedOn, decidedOn, deadline, plannedStart, plannedEnd, forecastStart, ' +
      'forecastEnd, onBindingPath, afterStart }], hiddenItems }',
  })
  get(
    @Param('id') projectId: string,
    @Query() query: ForecastQueryDto,
    @CurrentScope() scope: AccessScope,
  ): Promise<ProjectForecast> {
    return this.forecast.forProject(projectId, scope, query.asOf);
  }
}
