import type { DataSource, EntityManager } from 'typeorm';
import { AppSettingEntity } from '../entities/app-setting.entity';

/** All SQL on `app_setting` (a single row, id 1, created by the migration). */
export class SettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inside a transaction, pass its manager (never a second pool connection). */
  async get(manager?: EntityManager): Promise<AppSettingEntity> {
    const row = await (manager ?? this.dataSource.manager)
      .getRepository(AppSettingEntity)
      .findOneBy({ id: 1 });
    if (!row) throw new Error('app_setting row 1 is missing: run the migrations');
    return row;
  }

  async update(patch: Partial<AppSettingEntity>): Promise<AppSettingEntity> {
    const repository = this.dataSource.getRepository(AppSettingEntity);
    return repository.save(repository.merge(await this.get(), { ...patch, updatedAt: new Date() }));
  }
}
