import { Injectable } from '@nestjs/common';
import { type AccessScope, DomainError, NotFound } from '@luodi/domain';
import { type DepartmentEntity, DepartmentRepository } from '@luodi/persistence';
import type { Page } from '../common/pagination';
import type {
  CreateDepartmentDto,
  DepartmentDto,
  DepartmentSummaryDto,
  UpdateDepartmentDto,
} from './departments.dto';

const summary = (entity: DepartmentEntity): DepartmentSummaryDto => ({
  id: entity.id,
  code: entity.code,
  name: entity.name,
});
const detail = (entity: DepartmentEntity): DepartmentDto => ({
  ...summary(entity),
  email: entity.email,
  webhookUrl: entity.webhookUrl,
});

@Injectable()
export class DepartmentsService {
  constructor(private readonly departments: DepartmentRepository) {}

  async list(): Promise<Page<DepartmentSummaryDto>> {
    const items = (await this.departments.list()).map(summary);
    return { items, total: items.length };
  }

  /** Contact settings are visible to the whole district's staff, and to a department for itself. */
  async get(id: string, scope: AccessScope): Promise<DepartmentDto> {
    const entity = await this.departments.findVisible(id, scope);
    if (!entity) throw new NotFound('department', id);
    return detail(entity);
  }

  async create(input: CreateDepartmentDto): Promise<DepartmentDto> {
    if (await this.departments.findByCode(input.code)) {
      throw new DomainError('conflict', `code: a department with code "${input.code}" already exists`);
    }
    return detail(
      await this.departments.create({
        code: input.code,
        name: input.name,
        email: input.email ?? null,
        webhookUrl: input.webhookUrl ?? null,
      }),
    );
  }

  async update(id: string, patch: UpdateDepartmentDto): Promise<DepartmentDto> {
    const entity = await this.departments.findById(id);
    if (!entity) throw new NotFound('department', id);
    return detail(await this.departments.update(entity, patch));
  }
}
