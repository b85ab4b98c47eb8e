import type { DataSource } from 'typeorm';
import { ApprovalItemEntity } from '../entities/approval-item.entity';

/** All SQL on `approval_item` (the catalog). */
export class ApprovalItemRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<ApprovalItemEntity[]> {
    return this.dataSource
      .getRepository(ApprovalItemEntity)
      .find({ order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  findByCode(code: string): Promise<ApprovalItemEntity | null> {
    return this.dataSource.getRepository(ApprovalItemEntity).findOneBy({ code });
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

  save(item: Partial<ApprovalItemEntity>): Promise<ApprovalItemEntity> {
    const repository = this.dataSource.getRepository(ApprovalItemEntity);
    return repository.save(repository.create(item));
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
