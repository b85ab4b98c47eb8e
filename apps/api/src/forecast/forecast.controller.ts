import { Get, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
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
      'level against the planned start, the binding item and department, and per route item its planned ' +
      'and forecast bars for the Gantt (a department sees its own items; the dates are the whole route’s). ' +
      '409 route_not_applied without a route, route_without_construct when the route has no CONSTRUCT',
  })
  get(
    @Param('id') projectId: string,
    @Query() query: ForecastQueryDto,
    @CurrentScope() scope: AccessScope,
  ): Promise<ProjectForecast> {
    return this.forecast.forProject(projectId, scope, query.asOf);
  }
}
