import { type AccessScope, ProjectStage } from '@luodi/domain';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CommitmentClauseEntity,
  CommitmentReviewEntity,
  ProjectActualEntity,
  ProjectActualHistoryEntity,
} from '../entities/commitment.entity';
import { ProjectEntity } from '../entities/project.entity';
import { SubsidyPaymentEntity } from '../entities/subsidy-payment.entity';
import { UserEntity } from '../entities/user.entity';
import { sqlValue } from '../sql-values';
import { applyProjectScope } from './project.repository';
import { lockRowById, saveNew } from './query-helpers';

/** The numbers of an actuals entry as written. */
export type ActualValues = Pick<
  ProjectActualEntity,
  'taxPaid' | 'outputValue' | 'fixedAssetInvestment' | 'headcount' | 'source' | 'recordedBy' | 'recordedAt'
>;

/** A replaced version of a period's actuals with the names of who entered and who replaced it. */
export type ActualHistoryRow = ProjectActualHistoryEntity & {
  recordedByName: string | null;
  replacedByName: string | null;
};

/** What the figures, the checks and the drill-down lists assess: a live project with its commitments. */
export interface CommitmentSubject {
  project: ProjectEntity & { leadDepartmentName: string };
  clauses: CommitmentClauseEntity[];
  actuals: ProjectActualEntity[];
  review: CommitmentReviewEntity | null;
}

/** Narrowing of the commitment subjects (the cockpit's filters). */
export interface CommitmentSubjectFilter {
  source?: string;
  leadDepartmentId?: string;
  projectIds?: readonly string[];
}

/** All SQL on commitment clauses, subsidies, actuals (and their history) and reviews. */
export class CommitmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // ---- clauses ----

  clauses(projectId: string, manager?: EntityManager): Promise<CommitmentClauseEntity[]> {
    return this.manager(manager)
      .getRepository(CommitmentClauseEntity)
      .find({ where: { projectId }, order: { dueOn: 'ASC', id: 'ASC' } });
  }

  async clause(id: string): Promise<CommitmentClauseEntity | null> {
    if (!/^\d{1,19}$/.test(id)) return null;
    return this.dataSource.getRepository(CommitmentClauseEntity).findOneBy({ id });
  }

  lockClause(id: string, manager: EntityManager): Promise<CommitmentClauseEntity | null> {
    return lockRowById(manager, CommitmentClauseEntity, 'c', id);
  }

  saveClause(
    clause: Partial<CommitmentClauseEntity>,
    manager: EntityManager,
  ): Promise<CommitmentClauseEntity> {
    return saveNew(manager, CommitmentClauseEntity, clause);
  }

  async removeClause(clause: CommitmentClauseEntity, manager: EntityManager): Promise<void> {
    await manager.getRepository(CommitmentClauseEntity).remove(clause);
  }

  // ---- subsidies ----

  subsidies(projectId: string): Promise<SubsidyPaymentEntity[]> {
    return this.dataSource
      .getRepository(SubsidyPaymentEntity)
      .find({ where: { projectId }, order: { at: 'ASC', id: 'ASC' } });
  }

  addSubsidy(entry: Partial<SubsidyPaymentEntity>, manager: EntityManager): Promise<SubsidyPaymentEntity> {
    return saveNew(manager, SubsidyPaymentEntity, entry);
  }

  // ---- actuals ----

  actuals(projectId: string, manager?: EntityManager): Promise<ProjectActualEntity[]> {
    return this.manager(manager)
      .getRepository(ProjectActualEntity)
      .find({ where: { projectId }, order: { period: 'ASC' } });
  }

  /** The replaced versions of a project's actuals (newest first), with who entered and who replaced each. */
  async actualHistory(projectId: string): Promise<ActualHistoryRow[]> {
    const { entities, raw } = await this.dataSource
      .getRepository(ProjectActualHistoryEntity)
      .createQueryBuilder('h')
      .leftJoin(UserEntity, 'rec', 'rec.id = h.recorded_by')
      .leftJoin(UserEntity, 'rep', 'rep.id = h.replaced_by')
      .addSelect('rec.display_name', 'recordedByName')
      .addSelect('rep.display_name', 'replacedByName')
      .where('h.project_id = :projectId', { projectId })
      .orderBy('h.replaced_at', 'DESC')
      .addOrderBy('h.id', 'DESC')
      .getRawAndEntities<{ recordedByName: string | null; replacedByName: string | null }>();
    return entities.map((entity, index) =>
      Object.assign(entity, {
        recordedByName: raw[index]?.recordedByName ?? null,
        replacedByName: raw[index]?.replacedByName ?? null,
      }),
    );
  }

  /**
   * Write a project's numbers for a period, inside the caller's transaction: a new period is inserted;
   * an existing one is locked, copied to the history (with who replaced it and when) and replaced.
   * Returns whether it replaced an earlier entry.
   *
   * No locking read of a period not stored yet: its gap lock on uq_project_actual_period would be
   * shared with the first entries of other projects in the same gap, and two such inserts deadlock.
   * A period seen absent is inserted; one entered meanwhile by another transaction fails the insert
   * with a duplicate key (ER_DUP_ENTRY): run the caller's transaction again (inTransaction with
   * `retryIf: isDuplicateKey`), which then finds the row. A stored row is locked by its unique key
   * (a record lock only).
   */
  async putActual(
    projectId: string,
    period: string,
    values: ActualValues,
    manager: EntityManager,
  ): Promise<boolean> {
    const repository = manager.getRepository(ProjectActualEntity);
    const where = 'a.project_id = :projectId AND a.period = :period';
    const stored = await repository
      .createQueryBuilder('a')
      .select('a.id')
      .where(where, { projectId, period })
      .getOne();
    const existing = stored
      ? await repository
          .createQueryBuilder('a')
          .setLock('pessimistic_write')
          .where(where, { projectId, period })
          .getOne()
      : null;
    if (!existing) {
      await repository.save(repository.create({ projectId, period, ...values }));
      return false;
    }
    const history = manager.getRepository(ProjectActualHistoryEntity);
    await history.save(
      history.create({
        projectId,
        period,
        taxPaid: existing.taxPaid,
        outputValue: existing.outputValue,
        fixedAssetInvestment: existing.fixedAssetInvestment,
        headcount: existing.headcount,
        source: existing.source,
        recordedBy: existing.recordedBy,
        recordedAt: existing.recordedAt,
        replacedBy: values.recordedBy,
        replacedAt: values.recordedAt,
      }),
    );
    await repository.save(repository.merge(existing, values));
    return true;
  }

  // ---- reviews ----

  review(projectId: string, manager?: EntityManager): Promise<CommitmentReviewEntity | null> {
    return this.manager(manager).getRepository(CommitmentReviewEntity).findOneBy({ projectId });
  }

  async reviewWithDecider(
    projectId: string,
  ): Promise<(CommitmentReviewEntity & { decidedByName: string | null }) | null> {
    const result = await this.dataSource
      .getRepository(CommitmentReviewEntity)
      .createQueryBuilder('r')
      .leftJoin('r.decider', 'u')
      .addSelect('u.display_name', 'decidedByName')
      .where('r.project_id = :projectId', { projectId })
      .getRawAndEntities<{ decidedByName: string | null }>();
    const entity = result.entities[0];
    return entity ? Object.assign(entity, { decidedByName: result.raw[0]?.decidedByName ?? null }) : null;
  }

  addReview(
    review: Partial<CommitmentReviewEntity>,
    manager: EntityManager,
  ): Promise<CommitmentReviewEntity> {
    return saveNew(manager, CommitmentReviewEntity, review);
  }

  // ---- figures, checks and lists ----

  /**
   * Live (not terminated) projects with commitments — clauses, land, or a credit code — each with its
   * clauses, actuals and review: what the figures, the checks and the drill-down lists assess.
   * A department scope narrows to the projects it sees.
   */
  async subjects(
    filter: CommitmentSubjectFilter,
    scope: AccessScope = { kind: 'all' },
  ): Promise<CommitmentSubject[]> {
    const query = this.dataSource
      .getRepository(ProjectEntity)
      .createQueryBuilder('p')
      .innerJoin('p.leadDepartment', 'd')
      .addSelect('d.name', 'leadDepartmentName')
      .where(`p.stage <> ${sqlValue(ProjectStage.terminated)}`)
      .andWhere(
        '(p.land_supplied_at IS NOT NULL OR p.land_area_mu IS NOT NULL OR EXISTS (SELECT 1 FROM commitment_clause cc WHERE cc.project_id = p.id))',
      );
    applyProjectScope(query, scope);
    if (filter.source) query.andWhere('p.source = :source', { source: filter.source });
    if (filter.leadDepartmentId)
      query.andWhere('p.lead_department_id = :lead', { lead: filter.leadDepartmentId });
    if (filter.projectIds) {
      if (!filter.projectIds.length) return [];
      query.andWhere('p.id IN (:...ids)', { ids: filter.projectIds });
    }
    query.orderBy('p.id', 'ASC');
    const { entities, raw } = await query.getRawAndEntities<{ leadDepartmentName: string }>();
    if (!entities.length) return [];
    const ids = entities.map((project) => project.id);
    const subjects = new Map<string, CommitmentSubject>();
    entities.forEach((project, index) =>
      subjects.set(project.id, {
        project: Object.assign(project, { leadDepartmentName: raw[index]?.leadDepartmentName ?? '' }),
        clauses: [],
        actuals: [],
        review: null,
      }),
    );
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000);
      const [clauses, actuals, reviews] = await Promise.all([
        this.dataSource
          .getRepository(CommitmentClauseEntity)
          .createQueryBuilder('c')
          .where('c.project_id IN (:...chunk)', { chunk })
          .orderBy('c.due_on')
          .addOrderBy('c.id')
          .getMany(),
        this.dataSource
          .getRepository(ProjectActualEntity)
          .createQueryBuilder('a')
          .where('a.project_id IN (:...chunk)', { chunk })
          .getMany(),
        this.dataSource
          .getRepository(CommitmentReviewEntity)
          .createQueryBuilder('r')
          .where('r.project_id IN (:...chunk)', { chunk })
          .getMany(),
      ]);
      for (const clause of clauses) subjects.get(clause.projectId)?.clauses.push(clause);
      for (const actual of actuals) subjects.get(actual.projectId)?.actuals.push(actual);
      for (const review of reviews) {
        const subject = subjects.get(review.projectId);
        if (subject) subject.review = review;
      }
    }
    return [...subjects.values()];
  }

  /** Live projects by credit code (the actuals import matches its rows with these). */
  async liveProjectsByCreditCode(
    codes: readonly string[],
    manager?: EntityManager,
  ): Promise<Map<string, { id: string; code: string }>> {
    const found = new Map<string, { id: string; code: string }>();
    for (let start = 0; start < codes.length; start += 1000) {
      const chunk = codes.slice(start, start + 1000);
      if (!chunk.length) continue;
      const rows = (await (manager ?? this.dataSource.manager).query(
        `SELECT id, code, credit_code AS creditCode FROM project WHERE stage <> ${sqlValue(ProjectStage.terminated)} AND credit_code IN (${chunk.map(() => '?').join(',')})`,
        chunk,
      )) as Array<{ id: string | number; code: string; creditCode: string }>;
      for (const row of rows) found.set(row.creditCode, { id: String(row.id), code: row.code });
    }
    return found;
  }
}
