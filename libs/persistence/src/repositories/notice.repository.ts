import { type AccessScope, NoticeStatus, NumberSeries } from '@luodi/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { NoticeEntity } from '../entities/notice.entity';
import { sqlValue } from '../sql-values';
import { nextNumber } from './number-sequence';
import {
  isRowId,
  lockRowById,
  type PageRequest,
  stringColumns,
  withRawStrings,
  saveNew,
} from './query-helpers';

export interface NoticeRow extends NoticeEntity {
  departmentName: string;
  projectCode: string;
  projectName: string;
  issuerName: string;
}

const REPLIED = sqlValue(NoticeStatus.replied);

/** All SQL on `notice` (and the notice number series). */
export class NoticeRepository {
  constructor(private readonly dataSource: DataSource) {}

  private query(scope: AccessScope, manager?: EntityManager) {
    const query = (manager ?? this.dataSource.manager)
      .getRepository(NoticeEntity)
      .createQueryBuilder('n')
      .innerJoin('n.department', 'd')
      .innerJoin('n.project', 'p')
      .innerJoin('n.issuer', 'u')
      .addSelect([
        'd.name AS departmentName',
        'p.code AS projectCode',
        'p.name AS projectName',
        'u.display_name AS issuerName',
      ]);
    if (scope.kind === 'department')
      query.andWhere('n.department_id = :scopeDepartment', { scopeDepartment: scope.departmentId });
    return query;
  }

  private static rows(result: {
    entities: NoticeEntity[];
    raw: Array<Record<string, unknown>>;
  }): NoticeRow[] {
    return withRawStrings(result, ['departmentName', 'projectCode', 'projectName', 'issuerName']);
  }

  async list(
    filter: { departmentId?: string; status?: string; year?: number },
    scope: AccessScope,
    page: PageRequest | null,
  ): Promise<{ items: NoticeRow[]; total: number }> {
    const query = this.query(scope);
    if (filter.departmentId)
      query.andWhere('n.department_id = :departmentId', { departmentId: filter.departmentId });
    if (filter.status) query.andWhere('n.status = :status', { status: filter.status });
    if (filter.year) query.andWhere('n.year = :year', { year: filter.year });
    query.orderBy('n.year', 'DESC').addOrderBy('n.seq', 'DESC');
    const total = await query.getCount();
    if (page) query.offset((page.page - 1) * page.pageSize).limit(page.pageSize);
    return { items: NoticeRepository.rows(await query.getRawAndEntities()), total };
  }

  async findVisible(id: string, scope: AccessScope, manager?: EntityManager): Promise<NoticeRow | null> {
    if (!isRowId(id)) return null;
    const [row] = NoticeRepository.rows(
      await this.query(scope, manager).andWhere('n.id = :id', { id }).getRawAndEntities(),
    );
    return row ?? null;
  }

  lockById(id: string, manager: EntityManager): Promise<NoticeEntity | null> {
    return lockRowById(manager, NoticeEntity, 'n', id);
  }

  /** The next N of 〔year〕督字第N号, inside the caller's transaction (gap-free, see nextNumber). */
  nextSeq(year: number, manager: EntityManager): Promise<number> {
    return nextNumber(manager, NumberSeries.notice, year);
  }

  create(data: Partial<NoticeEntity>, manager: EntityManager): Promise<NoticeEntity> {
    return saveNew(manager, NoticeEntity, data);
  }

  async update(entity: NoticeEntity, changes: Partial<NoticeEntity>, manager: EntityManager): Promise<void> {
    Object.assign(entity, changes);
    await manager.getRepository(NoticeEntity).save(entity);
  }

  /** What the notice_overdue check looks at: unanswered notices past their reply date, and `extraIds`. */
  async alertFacts(today: string, extraIds: readonly string[]) {
    const rows = (await this.dataSource.query(
      `SELECT n.id, n.number, n.project_id AS projectId, n.department_id AS departmentId,
              n.reply_due_date AS replyDueDate, n.replied_at AS repliedAt
         FROM notice n
        WHERE (n.status <> ${REPLIED} AND n.reply_due_date < ?)
           ${extraIds.length ? `OR n.id IN (${extraIds.map(() => '?').join(',')})` : ''}`,
      [today, ...extraIds],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      ...stringColumns(row, 'id number projectId departmentId replyDueDate'),
      repliedAt: (row['repliedAt'] as Date | null) ?? null,
    }));
  }

  /**
   * Per addressee department: notices issued in `year` whose reply date has come (or that were
   * answered), and of those answered by their reply date (督办函按期反馈率).
   */
  async repliedOnTimeByDepartment(
    year: number,
    today: string,
  ): Promise<Map<string, { due: number; onTime: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT department_id AS departmentId, COUNT(*) AS due, SUM(replied_on IS NOT NULL AND replied_on <= reply_due_date) AS onTime
         FROM notice WHERE year = ? AND (replied_on IS NOT NULL OR reply_due_date < ?) GROUP BY department_id`,
      [year, today],
    )) as Array<Record<string, unknown>>;
    return new Map(
      rows.map((row) => [
        String(row['departmentId']),
        { due: Number(row['due']), onTime: Number(row['onTime']) },
      ]),
    );
  }
}
