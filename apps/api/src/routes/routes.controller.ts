import { Body, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { AccessScope, Principal } from '@luodi/domain';
import { AnyRole, ApiController, CurrentPrincipal, CurrentScope, Roles } from '../auth/access.decorators';
import { AddRouteItemDto, ApplyRouteDto, RouteTemplateDto } from './routes.dto';
import { RoutesService } from './routes.service';

/** Approval routes (审批路线, routes-and-forecast.md §2). */
@ApiController('', 'routes')
export class RoutesController {
  constructor(private readonly routes: RoutesService) {}

  @Get('route-templates')
  @AnyRole()
  @ApiOperation({ summary: 'Route templates (every role): the newest version of each, with counts' })
  list() {
    return this.routes.listTemplates();
  }

  @Post('route-templates')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Create a route template (version 1): `stages` in order (at most four), each with a name and items ' +
      'with `after` links within their stage; 400 naming the rule and the field path ' +
      '(`stages[1].items[0].after`) on a duplicate item, an unknown item, an after link to another stage or a cycle',
  })
  create(@Body() body: RouteTemplateDto, @CurrentPrincipal() principal: Principal) {
    return this.routes.createTemplate(body, principal);
  }

  @Get('route-templates/:id')
  @AnyRole()
  @ApiOperation({
    summary:
      'A template version (every role): its stages with their items, and every version of the template',
  })
  get(@Param('id') id: string) {
    return this.routes.getTemplate(id);
  }

  @Put('route-templates/:id')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Edit a template (body as for POST): creates its next version (versions are immutable; routes already applied keep ' +
      'the version they were applied from)',
  })
  newVersion(
    @Param('id') id: string,
    @Body() body: RouteTemplateDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.routes.newVersion(id, body, principal);
  }

  @Get('projects/:id/route')
  @AnyRole()
  @ApiOperation({
    summary:
      "The project's route by stage: items with state, deadline and light, stage status, working days " +
      'used against targetDays (a department sees its own items)',
  })
  view(@Param('id') projectId: string, @CurrentScope() scope: AccessScope) {
    return this.routes.view(projectId, scope);
  }

  @Post('projects/:id/route')
  @Roles('admin', 'bureau')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Apply a template version `{ templateId }` (omitted: the default template) — creates planned ' +
      "milestones for missing items and answers the project's route by stage; 409 route_already_applied " +
      'unless replace: true',
  })
  apply(
    @Param('id') projectId: string,
    @Body() body: ApplyRouteDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.routes.apply(projectId, body, principal);
  }

  @Post('projects/:id/route/items')
  @Roles('admin', 'bureau')
  @HttpCode(200)
  @ApiOperation({ summary: "Add an item to the project's route (audited)" })
  addItem(@Param('id') projectId: string, @Body() body: AddRouteItemDto) {
    return this.routes.addItem(projectId, body);
  }

  @Delete('projects/:id/route/items/:milestoneId')
  @Roles('admin', 'bureau')
  @ApiOperation({
    summary:
      'Drop an item from the route: only a planned one without events (409 route_item_not_planned); audited',
  })
  dropItem(@Param('id') projectId: string, @Param('milestoneId') milestoneId: string) {
    return this.routes.dropItem(projectId, milestoneId);
  }
}
