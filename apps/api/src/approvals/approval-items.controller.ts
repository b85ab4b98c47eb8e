import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ApprovalItem, Page } from '@luodi/contracts';
import { DomainError, NotFound, ValidationFailed } from '@luodi/domain';
import { ApprovalItemRepository, databaseErrorCode, DepartmentRepository } from '@luodi/persistence';
import { MilestoneClockService } from '@luodi/server-core';
import { Roles } from '../auth/access.decorators';
import { CreateApprovalItemDto, UpdateApprovalItemDto } from './approvals.dto';

/** The catalog of approval items (事项清单): read by all, kept by admins. */
@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approval-items')
export class ApprovalItemsController {
  constructor(
    private readonly items: ApprovalItemRepository,
    private readonly departments: DepartmentRepository,
    private readonly clocks: MilestoneClockService,
  ) {}

  @Get()
  @Roles('admin', 'bureau', 'leader', 'department')
  async list(): Promise<Page<ApprovalItem>> {
    const items = await this.items.list();
    return { items, total: items.length };
  }

  @Post()
  @Roles('admin')
  async create(@Body() body: CreateApprovalItemDto): Promise<ApprovalItem> {
    if (body.promisedDays > body.statutoryDays)
      throw new ValidationFailed('promisedDays', 'must not exceed statutoryDays');
    if (!(await this.departments.findById(body.departmentId))) {
      throw new ValidationFailed('departmentId', `no department with id ${body.departmentId}`);
    }
    const exists = () => new DomainError('conflict', `code: item ${body.code} already exists`);
    if (await this.items.findByCode(body.code)) throw exists();
    // Create means create: of parallel creates with one code, the primary key lets exactly one in
    // (201) and the others are told the code is taken (409) — none overwrites another's item.
    try {
      return await this.items.insert({
        ...body,
        deemedApproval: body.deemedApproval ?? false,
        maxExtensionDays: body.maxExtensionDays ?? 10,
        yellowDays: body.yellowDays ?? null,
        materials: body.materials ?? null,
        sortOrder: 100,
        enabled: true,
      });
    } catch (error) {
      if (databaseErrorCode(error) === 'ER_DUP_ENTRY') throw exists();
      throw error;
    }
  }

  /** Editing limits recomputes the clocks of open milestones. */
  @Patch(':code')
  @Roles('admin')
  async update(@Param('code') code: string, @Body() body: UpdateApprovalItemDto): Promise<ApprovalItem> {
    const item = await this.items.findByCode(code);
    if (!item) throw new NotFound('approval item', code);
    const statutory = body.statutoryDays ?? item.statutoryDays;
    if ((body.promisedDays ?? item.promisedDays) > statutory)
      throw new ValidationFailed('promisedDays', 'must not exceed statutoryDays');
    if (body.departmentId && !(await this.departments.findById(body.departmentId))) {
      throw new ValidationFailed('departmentId', `no department with id ${body.departmentId}`);
    }
    const saved = await this.items.update(item, body);
    await this.clocks.refreshAllOpen();
    return saved;
  }
}
