import { Body, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { AccessScope, Principal } from '@luodi/domain';
import { AnyRole, ApiController, CurrentPrincipal, CurrentScope, Roles } from '../auth/access.decorators';
import { CreateMilestoneDto, MilestoneEventDto, MilestoneQueryDto } from './approvals.dto';
import { MilestonesService } from './milestones.service';

@ApiController('', 'approvals')
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  @Post('projects/:id/milestones')
  @Roles('admin', 'bureau')
  @ApiOperation({ summary: "Add an approval item to a project (department defaults to the item's)" })
  create(@Param('id') projectId: string, @Body() body: CreateMilestoneDto) {
    return this.milestones.create(projectId, body);
  }

  @Get('projects/:id/milestones')
  @AnyRole()
  @ApiOperation({ summary: "The project's approval track (a department sees its own milestones)" })
  forProject(@Param('id') projectId: string, @CurrentScope() scope: AccessScope) {
    return this.milestones.forProject(projectId, scope);
  }

  @Get('milestones')
  @AnyRole()
  @ApiOperation({ summary: 'Milestones, most urgent first (a department: its own — its 审批待办 list)' })
  list(@Query() query: MilestoneQueryDto, @CurrentScope() scope: AccessScope) {
    return this.milestones.list(query, scope);
  }

  @Get('milestones/:id')
  @AnyRole()
  get(@Param('id') id: string, @CurrentScope() scope: AccessScope) {
    return this.milestones.get(id, scope);
  }

  @Delete('milestones/:id')
  @Roles('admin', 'bureau')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a milestone added by mistake: only while it has no events (409 milestone_has_events)',
  })
  async remove(@Param('id') id: string): Promise<void> {
    await this.milestones.remove(id);
  }

  @Post('milestones/:id/events')
  @AnyRole()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record an event: bureau any, a department its own, a leader extensions; 409 when not allowed now',
  })
  record(
    @Param('id') id: string,
    @Body() body: MilestoneEventDto,
    @CurrentPrincipal() principal: Principal,
    @CurrentScope() scope: AccessScope,
  ) {
    return this.milestones.record(id, body, principal, scope);
  }
}
