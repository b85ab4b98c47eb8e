import type { DataSource, EntityManager } from 'typeorm';
import { LookupItemEntity } from '../entities/lookup-item.entity';
import { isRowId, saveNew } from './query-helpers';

export type LookupKind = LookupItemEntity['kind'];

/** The `project` column that holds the names of each list (a fixed map: no name reaches the SQL). */
const PROJECT_COLUMN: Record<LookupKind, string> = {
  source: 'source',
  industry: 'industry',
  location: 'location',
};

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
    return isRowId(id)
      ? this.dataSource.getRepository(LookupItemEntity).findOneBy({ id })
      : Promise.resolve(null);
  }

  findByName(kind: LookupKind, name: string): Promise<LookupItemEntity | null> {
    return this.dataSource.getRepository(LookupItemEntity).findOneBy({ kind, name });
  }

  save(item: Partial<LookupItemEntity>): Promise<LookupItemEntity> {
    return saveNew(this.dataSource.manager, LookupItemEntity, item);
  }

  update(entity: LookupItemEntity, patch: Partial<LookupItemEntity>): Promise<LookupItemEntity> {
    const repository = this.dataSource.getRepository(LookupItemEntity);
    return repository.save(repository.merge(entity, patch));
  }

  /**
   * Change a list item inside the caller's transaction; a new name carries over to the projects
   * that use the old one.
   */
  async updateWithProjects(
    entity: LookupItemEntity,
    patch: Partial<LookupItemEntity>,
    manager: EntityManager,
  ): Promise<LookupItemEntity> {
    if (patch.name && patch.name !== entity.name) {
      const column = PROJECT_COLUMN[entity.kind];
      await manager.query(`UPDATE project SET \`${column}\` = ? WHERE \`${column}\` = ?`, [
        patch.name,
        entity.name,
      ]);
    }
    const repository = manager.getRepository(LookupItemEntity);
    return repository.save(repository.merge(entity, patch));
  }
}
