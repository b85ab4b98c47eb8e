import { Injectable } from '@nestjs/common';
import { DomainError, NotFound, ValidationFailed } from '@luodi/domain';
import {
  type ApprovalItemEntity,
  ApprovalItemRepository,
  DepartmentRepository,
  isDuplicateKey,
} from '@luodi/persistence';
import { MilestoneClockService } from '@luodi/server-core';
import type { Page } from '../common/pagination';
import type { CreateApprovalItemDto, UpdateApprovalItemDto } from './approvals.dto';

/** The rules of the approval item catalog (事项清单): limits that agree, known departments, unique codes. */
@Injectable()
export class ApprovalItemsService {
  constructor(
    private readonly items: ApprovalItemRepository,
    private readonly departments: DepartmentRepository,
    private readonly clocks: MilestoneClockService,
  ) {}

  async list(): Promise<Page<ApprovalItemEntity>> {
    const items = await this.items.list();
    return { items, total: items.length };
  }

  async create(body: CreateApprovalItemDto): Promise<ApprovalItemEntity> {
    if (body.promisedDays > body.statutoryDays)
      throw new ValidationFailed('promisedDays', 'not_more_than', { params: { other: 'statutoryDays' } });
    if (!(await this.departments.findById(body.departmentId))) {
      throw new ValidationFailed('departmentId', 'unknown_reference', {
        params: { entity: 'department', id: body.departmentId },
      });
    }
    const exists = () =>
      new DomainError('conflict', `code: item ${body.code} already exists`, {
        code: 'already_exists',
        params: { field: 'code', entity: 'approval item', value: body.code },
      });
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
      if (isDuplicateKey(error)) throw exists();
      throw error;
    }
  }

  /** Editing limits recomputes the clocks of open milestones. */
  async update(code: string, body: UpdateApprovalItemDto): Promise<ApprovalItemEntity> {
    const item = await this.items.findByCode(code);
    if (!item) throw new NotFound('approval item', code);
    const statutory = body.statutoryDays ?? item.statutoryDays;
    if ((body.promisedDays ?? item.promisedDays) > statutory)
      throw new ValidationFailed('promisedDays', 'not_more_than', { params: { other: 'statutoryDays' } });
    if (body.departmentId && !(await this.departments.findById(body.departmentId))) {
      throw new ValidationFailed('departmentId', 'unknown_reference', {
        params: { entity: 'department', id: body.departmentId },
      });
    }
    const saved = await this.items.update(item, body);
    await this.clocks.refreshAllOpen();
    return saved;
  }
}
