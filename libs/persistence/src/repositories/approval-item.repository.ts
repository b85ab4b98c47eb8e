import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../transactions';
import { ApprovalItemEntity } from '../entities/approval-item.entity';

/** All SQL on `approval_item` (the catalog). */
export class ApprovalItemRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<ApprovalItemEntity[]> {
    return this.dataSource
      .getRepository(ApprovalItemEntity)
      .find({ order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  /** Inside a transaction, pass its manager (never a second pool connection). */
  findByCode(code: string, manager?: EntityManager): Promise<ApprovalItemEntity | null> {
    return (manager ?? this.dataSource.manager).getRepository(ApprovalItemEntity).findOneBy({ code });
  }

  async byCodes(codes: string[]): Promise<Map<string, ApprovalItemEntity>> {
    if (codes.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(ApprovalItemEntity)
      .createQueryBuilder('i')
      .where('i.code IN (:...codes)', { codes: [...new Set(codes)] })
      .getMany();
    return new Map(rows.map((row) => [row.code, row]));
  }

  /**
   * Add a new item: a plain INSERT (audited in its transaction), so that the primary key refuses a
   * second item with the same code (ER_DUP_ENTRY) instead of a save() that overwrites it.
   */
  insert(item: Partial<ApprovalItemEntity>): Promise<ApprovalItemEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(ApprovalItemEntity);
      const entity = repository.create(item);
      await repository.insert(entity);
      return await repository.findOneByOrFail({ code: entity.code });
    });
  }

  update(entity: ApprovalItemEntity, patch: Partial<ApprovalItemEntity>): Promise<ApprovalItemEntity> {
    const repository = this.dataSource.getRepository(ApprovalItemEntity);
    return repository.save(repository.merge(entity, patch));
  }

  /** The distinct per-item yellow thresholds of the catalog (with the default, all that can apply). */
  async itemYellowDays(): Promise<number[]> {
    const rows = (await this.dataSource.query(
      'SELECT DISTINCT yellow_days AS days FROM approval_item WHERE yellow_days IS NOT NULL',
    )) as Array<{ days: number | string }>;
    return rows.map((row) => Number(row.days));
  }
}
