import type { NumberSeries } from '@luodi/domain';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { nextNumber } from './number-sequence';
import { saveNew } from './query-helpers';
import { AppSettingEntity } from '../entities/app-setting.entity';
import { UserEntity } from '../entities/user.entity';

/**
 * The SQL of the demo loader (`luodi demo`): bulk inserts of a whole district on an empty database,
 * inside the loader's one transaction, and the ids it looks up between them.
 */
export class DemoDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Users of the database (the demo loads only into one without users). */
  countUsers(): Promise<number> {
    return this.dataSource.getRepository(UserEntity).count();
  }

  /** Save one entity (listeners run: audited entities are audited). */
  save<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    data: Partial<T>,
    manager: EntityManager,
  ): Promise<T> {
    return saveNew(manager, target, data);
  }

  /** Bulk insert, 500 rows a statement, without listeners (the loader audits the load once). */
  async insertMany<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    rows: Array<Partial<T>>,
    manager: EntityManager,
  ): Promise<void> {
    for (let start = 0; start < rows.length; start += 500) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(target)
        .values(rows.slice(start, start + 500) as never)
        .updateEntity(false)
        .callListeners(false)
        .execute();
    }
  }

  /** Project ids by code. */
  async projectIds(manager: EntityManager): Promise<Map<string, string>> {
    const rows = (await manager.query('SELECT id, code FROM project')) as Array<{ id: string; code: string }>;
    return new Map(rows.map((row) => [row.code, String(row.id)]));
  }

  /** Every project's funds total from its fund arrivals. */
  async totalFunds(manager: EntityManager): Promise<void> {
    await manager.query(
      'UPDATE project p JOIN (SELECT project_id, SUM(amount) AS total FROM fund_arrival GROUP BY project_id) f ON f.project_id = p.id SET p.funds_arrived = f.total',
    );
  }

  /** Key work ids of a year by their project's code. */
  async keyWorkIds(year: number, manager: EntityManager): Promise<Map<string, string>> {
    const rows = (await manager.query(
      'SELECT k.id, p.code FROM key_work k JOIN project p ON p.id = k.project_id WHERE k.year = ?',
      [year],
    )) as Array<{ id: string; code: string }>;
    return new Map(rows.map((row) => [row.code, String(row.id)]));
  }

  /** The id of a project's milestone of one item. */
  async milestoneId(projectId: string, itemCode: string, manager: EntityManager): Promise<string> {
    const [row] = (await manager.query('SELECT id FROM milestone WHERE project_id = ? AND item_code = ?', [
      projectId,
      itemCode,
    ])) as Array<{ id: string }>;
    return String(row!.id);
  }

  /** The settings row (the migrations create it). */
  async settings(manager: EntityManager): Promise<AppSettingEntity> {
    return (await manager.getRepository(AppSettingEntity).findOneBy({ id: 1 }))!;
  }

  /** Update some columns of one row (listeners run: audited entities are audited). */
  async update<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    id: string,
    changes: Partial<T>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.getRepository(target).update(id, changes as never);
  }

  /** User ids by username. */
  async userIds(manager: EntityManager): Promise<Map<string, string>> {
    const rows = (await manager.query('SELECT id, username FROM app_user')) as Array<{
      id: string;
      username: string;
    }>;
    return new Map(rows.map((row) => [row.username, String(row.id)]));
  }

  /** The next number of a yearly series (problem codes, notice numbers), in the loader's transaction. */
  nextNumber(series: NumberSeries, year: number, manager: EntityManager): Promise<number> {
    return nextNumber(manager, series, year);
  }
}
