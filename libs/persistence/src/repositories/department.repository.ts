import { type AccessScope, scopeAllows } from '@luodi/domain';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { DepartmentEntity } from '../entities/department.entity';
import { countThenPage, isRowId, type PageRequest, whereContains } from './query-helpers';

export type NewDepartment = Pick<DepartmentEntity, 'code' | 'name' | 'email' | 'webhookUrl'> &
  Partial<Pick<DepartmentEntity, 'webhookKind' | 'webhookSecret'>>;

/** All SQL on `department`. */
export class DepartmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(DepartmentEntity);
  }

  list(): Promise<DepartmentEntity[]> {
    return this.repo().find({ order: { code: 'ASC' } });
  }

  /** One page of departments by code (every one when `page` is null); `q` searches the code and the name. */
  async page(page: PageRequest | null, q?: string): Promise<{ items: DepartmentEntity[]; total: number }> {
    const query = this.repo().createQueryBuilder('d').orderBy('d.code', 'ASC');
    whereContains(query, q, ['d.code', 'd.name']);
    const total = await countThenPage(query, page);
    return { items: await query.getMany(), total };
  }

  /** Inside a transaction, pass its manager (never a second pool connection). */
  findById(id: string, manager?: EntityManager): Promise<DepartmentEntity | null> {
    return isRowId(id) ? this.repo(manager).findOneBy({ id }) : Promise.resolve(null);
  }

  /** The departments of the given ids, by id (inside a transaction, pass its manager). */
  async byIds(ids: readonly string[], manager?: EntityManager): Promise<Map<string, DepartmentEntity>> {
    const wanted = [...new Set(ids)].filter((id) => isRowId(id));
    if (wanted.length === 0) return new Map();
    const rows = await this.repo(manager).findBy({ id: In(wanted) });
    return new Map(rows.map((row) => [String(row.id), row]));
  }

  /** The department if the scope may see its details (a department user: only its own). */
  async findVisible(id: string, scope: AccessScope): Promise<DepartmentEntity | null> {
    if (!scopeAllows(scope, id)) return null;
    return this.findById(id);
  }

  findByCode(code: string): Promise<DepartmentEntity | null> {
    return this.repo().findOneBy({ code });
  }

  async create(data: NewDepartment, manager?: EntityManager): Promise<DepartmentEntity> {
    return this.repo(manager).save(this.repo(manager).create(data));
  }

  /** Load, change, save (the audit trail records before → after). */
  async update(entity: DepartmentEntity, patch: Partial<NewDepartment>): Promise<DepartmentEntity> {
    return this.repo().save(this.repo().merge(entity, patch));
  }

  count(): Promise<number> {
    return this.repo().count();
  }
}
