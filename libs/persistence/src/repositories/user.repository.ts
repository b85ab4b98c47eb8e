import type { DataSource, EntityManager } from 'typeorm';
import { countThenPage, isRowId, lockRowById, type PageRequest, whereContains } from './query-helpers';
import { UserEntity } from '../entities/user.entity';

export type NewUser = Pick<
  UserEntity,
  'username' | 'displayName' | 'role' | 'departmentId' | 'passwordHash' | 'enabled'
>;

/** All SQL on `app_user`. */
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UserEntity);
  }

  findById(id: string): Promise<UserEntity | null> {
    return isRowId(id) ? this.repo().findOneBy({ id }) : Promise.resolve(null);
  }

  lockById(id: string, manager: EntityManager): Promise<UserEntity | null> {
    return lockRowById(manager, UserEntity, 'u', id);
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.repo().findOneBy({ username });
  }

  /** Users by username; `q` searches the username and the display name. */
  async list(page: PageRequest, q?: string): Promise<{ items: UserEntity[]; total: number }> {
    const query = this.repo().createQueryBuilder('u').orderBy('u.username', 'ASC');
    whereContains(query, q, ['u.username', 'u.display_name']);
    const total = await countThenPage(query, page);
    return { items: await query.getMany(), total };
  }

  /** Enabled users of a role (e.g. the leaders who may chair a meeting), by name. */
  listByRole(role: UserEntity['role']): Promise<UserEntity[]> {
    return this.repo().find({ where: { role, enabled: true }, order: { displayName: 'ASC' } });
  }

  /** The number of enabled admins, their rows locked until the caller's transaction ends. */
  async lockEnabledAdminCount(manager: EntityManager): Promise<number> {
    const [{ admins }] = (await manager.query(
      "SELECT COUNT(*) AS admins FROM app_user WHERE role = 'admin' AND enabled = 1 FOR UPDATE",
    )) as Array<{ admins: string }>;
    return Number(admins);
  }

  create(data: NewUser, manager?: EntityManager): Promise<UserEntity> {
    return this.repo(manager).save(this.repo(manager).create(data));
  }

  update(entity: UserEntity, patch: Partial<NewUser>, manager?: EntityManager): Promise<UserEntity> {
    return this.repo(manager).save(this.repo(manager).merge(entity, patch));
  }

  count(): Promise<number> {
    return this.repo().count();
  }
}
