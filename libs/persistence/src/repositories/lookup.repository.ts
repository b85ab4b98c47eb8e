import type { DataSource } from 'typeorm';
import { LookupItemEntity } from '../entities/lookup-item.entity';

export type LookupKind = LookupItemEntity['kind'];

/** All SQL on `lookup_item` (managed lists). */
export class LookupRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(kind?: LookupKind): Promise<LookupItemEntity[]> {
    return this.dataSource.getRepository(LookupItemEntity).find({
      where: kind ? { kind } : {},
      order: { kind: 'ASC', sortOrder: 'ASC', name: 'ASC' },
    });
  }

  async enabledNames(kind: LookupKind): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(LookupItemEntity)
      .find({ where: { kind, enabled: true }, order: { sortOrder: 'ASC' } });
    return rows.map((row) => row.name);
  }

  findById(id: string): Promise<LookupItemEntity | null> {
    return /^\d{1,19}$/.test(id)
      ? this.dataSource.getRepository(LookupItemEntity).findOneBy({ id })
      : Promise.resolve(null);
  }

  findByName(kind: LookupKind, name: string): Promise<LookupItemEntity | null> {
    return this.dataSource.getRepository(LookupItemEntity).findOneBy({ kind, name });
  }

  save(item: Partial<LookupItemEntity>): Promise<LookupItemEntity> {
    const repository = this.dataSource.getRepository(LookupItemEntity);
    return repository.save(repository.create(item));
  }

  update(entity: LookupItemEntity, patch: Partial<LookupItemEntity>): Promise<LookupItemEntity> {
    const repository = this.dataSource.getRepository(LookupItemEntity);
    return repository.save(repository.merge(entity, patch));
  }
}
