import { Injectable } from '@nestjs/common';
import { type AccessScope, applyWebhookChange, DomainError, NotFound } from '@luodi/domain';
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
  webhookKind: entity.webhookKind,
  // The secret is write-only: only whether there is one.
  hasSecret: entity.webhookSecret !== null,
});

/** The webhook columns after a change (rules in libs/domain). */
function webhookColumns(
  current: Pick<DepartmentEntity, 'webhookUrl' | 'webhookKind' | 'webhookSecret'>,
  input: Pick<UpdateDepartmentDto, 'webhookUrl' | 'webhookKind' | 'webhookSecret'>,
) {
  const next = applyWebhookChange(
    { url: current.webhookUrl, kind: current.webhookKind, secret: current.webhookSecret },
    { url: input.webhookUrl, kind: input.webhookKind, secret: input.webhookSecret },
  );
  return { webhookUrl: next.url, webhookKind: next.kind, webhookSecret: next.secret };
}

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
      throw new DomainError('conflict', `code: a department with code "${input.code}" already exists`, {
        code: 'already_exists',
        params: { field: 'code', entity: 'department', value: input.code },
      });
    }
    return detail(
      await this.departments.create({
        code: input.code,
        name: input.name,
        email: input.email ?? null,
        ...webhookColumns({ webhookUrl: null, webhookKind: 'generic', webhookSecret: null }, input),
      }),
    );
  }

  async update(id: string, patch: UpdateDepartmentDto): Promise<DepartmentDto> {
    const entity = await this.departments.findById(id);
    if (!entity) throw new NotFound('department', id);
    const { webhookUrl, webhookKind, webhookSecret, ...rest } = patch;
    const webhook = webhookColumns(entity, { webhookUrl, webhookKind, webhookSecret });
    // Only the columns that change (an unchanged secret is not re-written, so the audit notes no change).
    const changes: Partial<typeof webhook> = {};
    for (const key of Object.keys(webhook) as Array<keyof typeof webhook>) {
      if (webhook[key] !== entity[key]) Object.assign(changes, { [key]: webhook[key] });
    }
    return detail(await this.departments.update(entity, { ...rest, ...changes }));
  }
}
