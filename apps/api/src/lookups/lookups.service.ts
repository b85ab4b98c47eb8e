import { Injectable } from '@nestjs/common';
import { DomainError, NotFound } from '@luodi/domain';
import { type LookupItemEntity, LookupRepository, Transactions } from '@luodi/persistence';
import type { Page } from '../common/pagination';
import type { CreateLookupDto, LookupQueryDto, UpdateLookupDto } from './lookups.dto';

/** The rules of the managed lists: one name once per list; a rename carries over to the projects. */
@Injectable()
export class LookupsService {
  constructor(
    private readonly lookups: LookupRepository,
    private readonly transactions: Transactions,
  ) {}

  async list(query: LookupQueryDto): Promise<Page<LookupItemEntity>> {
    const items = await this.lookups.list(query.kind);
    return { items, total: items.length };
  }

  async create(body: CreateLookupDto): Promise<LookupItemEntity> {
    if (await this.lookups.findByName(body.kind, body.name)) {
      throw new DomainError('conflict', `name: "${body.name}" is already on the ${body.kind} list`, {
        code: 'already_exists',
        params: { field: 'name', entity: body.kind, value: body.name },
      });
    }
    return this.lookups.save({
      kind: body.kind,
      name: body.name,
      sortOrder: body.sortOrder ?? 100,
      enabled: true,
    });
  }

  /** A rename carries over to the projects that use the name (one transaction, audited). */
  async update(id: string, body: UpdateLookupDto): Promise<LookupItemEntity> {
    const item = await this.lookups.findById(id);
    if (!item) throw new NotFound('list item', id);
    if (body.name && body.name !== item.name && (await this.lookups.findByName(item.kind, body.name))) {
      throw new DomainError('conflict', `name: "${body.name}" is already on the ${item.kind} list`, {
        code: 'already_exists',
        params: { field: 'name', entity: item.kind, value: body.name },
      });
    }
    return this.transactions.run((manager) => this.lookups.updateWithProjects(item, body, manager));
  }
}
