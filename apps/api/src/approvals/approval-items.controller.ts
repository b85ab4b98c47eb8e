import { Body, Get, Param, Patch, Post } from '@nestjs/common';

import { AnyRole, ApiController, Roles } from '../auth/access.decorators';
import { ApprovalItemsService } from './approval-items.service';
import type { ApprovalItem, Page } from '@luodi/contracts';
import { CreateApprovalItemDto, UpdateApprovalItemDto } from './approvals.dto';

/** The catalog of approval items (事项清单): read by all, kept by admins. */
@ApiController('approval-items', 'approvals')
export class ApprovalItemsController {
  constructor(private readonly items: ApprovalItemsService) {}

  @Get()
  @AnyRole()
  list(): Promise<Page<ApprovalItem>> {
    return this.items.list();
  }

  @Post()
  @Roles('admin')
  create(@Body() body: CreateApprovalItemDto): Promise<ApprovalItem> {
    return this.items.create(body);
  }

  /** Editing limits recomputes the clocks of open milestones. */
  @Patch(':code')
  @Roles('admin')
  update(@Param('code') code: string, @Body() body: UpdateApprovalItemDto): Promise<ApprovalItem> {
    return this.items.update(code, body);
  }
}
