import { Injectable } from '@nestjs/common';
import {
  type AccessScope,
  addMoneyWithinLimit,
  assessProject,
  businessDateOf,
  type ClauseTerms,
  clauseDueDate,
  DomainError,
  decideReview,
  INDICATOR_LABELS,
  type IsoDate,
  NotFound,
  parseActualPeriod,
  type Principal,
  ProjectStage,
  PROJECT_STAGE_LABELS,
  REVIEW_DECISION_LABELS,
  StateConflict,
  toCents,
  ValidationFailed,
  validateClause,
  CLAUSE_STATUS_LABELS,
  COMMITMENT_UNIT_LABELS,
  ActualSource,
} from '@luodi/domain';
import type {
  ClauseAssessmentView,
  CommitmentClause,
  CommitmentReview,
  ProjectActual,
  ProjectActuals,
  ProjectCommitments,
  SubsidyEntry,
} from '@luodi/contracts';
import {
  type CommitmentClauseEntity,
  CommitmentRepository,
  type ProjectActualEntity,
  type ActualHistoryRow,
  isDuplicateKey,
  type ProjectEntity,
  ProjectRepository,
  Transactions,
} from '@luodi/persistence';
import { Clock } from '@luodi/server-core';
import type { DistrictDocument } from '../dispatch/documents';
import { FiguresPublisher } from '../live/figures-publisher';
import type { ActualDto, ClauseDto, ClausePatchDto, ReviewDecisionDto, SubsidyDto } from './commitments.dto';

/** A clause's terms: what adding or changing a clause gives. */
function clauseTerms(clause: CommitmentClauseEntity) {
  return {
    indicator: clause.indicator,
    agreedValue: clause.agreedValue,
    agreedDate: clause.agreedDate,
    dueDate: clause.dueDate,
    year: clause.year,
    clawbackRatio: clause.clawbackRatio,
    clawbackBasis: clause.clawbackBasis,
    note: clause.note,
  };
}

export function clauseView(clause: CommitmentClauseEntity): CommitmentClause {
  return {
    id: clause.id,
    projectId: clause.projectId,
    ...clauseTerms(clause),
    createdAt: clause.createdAt.toISOString(),
    updatedAt: clause.updatedAt.toISOString(),
  };
}

/** A project's commitments assessed (pure glue over the domain's assessProject). */
export function assessStored(
  project: ProjectEntity,
  clauses: CommitmentClauseEntity[],
  actuals: ProjectActualEntity[],
  asOf: IsoDate,
) {
  return assessProject(
    {
      landAreaMu: project.landAreaMu,
      startedAt: project.startedAt,
      operatingAt: project.operatingAt,
      fullProductionAt: project.fullProductionAt,
      subsidiesPaid: project.subsidiesPaid,
    },
    clauses,
    actuals,
    asOf,
  );
}

const money = (value: string | null | undefined) => (value == null ? null : value);

/** Clauses, subsidies, actuals, assessment and the full-production review (commitments.md). */
@Injectable()
export class CommitmentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly projects: ProjectRepository,
    private readonly commitments: CommitmentRepository,
    private readonly live: FiguresPublisher,
    private readonly clock: Clock,
  ) {}

  private today(): IsoDate {
    return businessDateOf(this.clock.now());
  }

  private async visible(projectId: string, scope: AccessScope) {
    const project = await this.projects.findVisible(projectId, scope);
    if (!project) throw new NotFound('project', projectId);
    return project;
  }

  // ---- clauses ----

  async clauses(projectId: string, scope: AccessScope): Promise<CommitmentClause[]> {
    await this.visible(projectId, scope);
    return (await this.commitments.clauses(projectId)).map(clauseView);
  }

  private checkedClause(input: ClauseDto): Partial<CommitmentClauseEntity> {
    const terms: ClauseTerms = {
      indicator: input.indicator,
      agreedValue: input.agreedValue ?? null,
      agreedDate: input.agreedDate ?? null,
      dueDate: input.dueDate ?? null,
      year: input.year ?? null,
      clawbackRatio: input.clawbackRatio ?? null,
      clawbackBasis: input.clawbackBasis ?? null,
    };
    validateClause(terms);
    return { ...terms, dueOn: clauseDueDate(terms), note: input.note?.trim() || null };
  }

  async addClause(projectId: string, input: ClauseDto): Promise<CommitmentClause> {
    const data = this.checkedClause(input);
    const clause = await this.transactions.runOnce(async (manager) => {
      const project = await this.projects.lockById(projectId, manager);
      if (!project) throw new NotFound('project', projectId);
      return this.commitments.saveClause({ ...data, projectId }, manager);
    });
    await this.live.changed('commitments');
    return clauseView((await this.commitments.clause(clause.id)) ?? clause);
  }

  async updateClause(id: string, patch: ClausePatchDto): Promise<CommitmentClause> {
    await this.transactions.runOnce(async (manager) => {
      const clause = /^\d{1,19}$/.test(id) ? await this.commitments.lockClause(id, manager) : null;
      if (!clause) throw new NotFound('clause', id);
      const merged: ClauseDto = { ...clauseTerms(clause), ...patch };
      // A changed indicator drops the fields the new kind does not take unless sent again.
      if (patch.indicator && patch.indicator !== clause.indicator) {
        for (const key of [
          'agreedValue',
          'agreedDate',
          'dueDate',
          'year',
          'clawbackRatio',
          'clawbackBasis',
        ] as const)
          if (!(key in patch)) merged[key] = null;
      }
      await this.commitments.saveClause(Object.assign(clause, this.checkedClause(merged)), manager);
    });
    await this.live.changed('commitments');
    const clause = await this.commitments.clause(id);
    if (!clause) throw new NotFound('clause', id);
    return clauseView(clause);
  }

  async removeClause(id: string): Promise<void> {
    await this.transactions.runOnce(async (manager) => {
      const clause = /^\d{1,19}$/.test(id) ? await this.commitments.lockClause(id, manager) : null;
      if (!clause) throw new NotFound('clause', id);
      await this.commitments.removeClause(clause, manager);
    });
    await this.live.changed('commitments');
  }

  // ---- subsidies ----

  async addSubsidy(projectId: string, input: SubsidyDto, principal: Principal): Promise<SubsidyEntry> {
    const today = this.today();
    if (toCents(input.amount) <= 0n) throw new ValidationFailed('amount', 'amount_not_positive');
    if (input.at > today) throw new ValidationFailed('at', 'date_in_future', { params: { today } });
    const entry = await this.transactions.runOnce(async (manager) => {
      const project = await this.projects.lockById(projectId, manager);
      if (!project) throw new NotFound('project', projectId);
      if (addMoneyWithinLimit(project.subsidiesPaid, input.amount) === undefined)
        throw new ValidationFailed('amount', 'amount_total_too_large', {
          params: { limit: '999999999999.99' },
        });
      const saved = await this.commitments.addSubsidy(
        {
          projectId,
          amount: input.amount,
          at: input.at,
          note: input.note?.trim() || null,
          recordedBy: principal.userId,
          recordedAt: this.clock.now(),
        },
        manager,
      );
      await this.projects.addToSubsidiesPaid(projectId, input.amount, manager);
      return saved;
    });
    await this.live.changed('commitments');
    return {
      id: entry.id,
      amount: entry.amount,
      at: entry.at,
      note: entry.note,
      recordedAt: entry.recordedAt.toISOString(),
    };
  }

  // ---- actuals ----

  async actuals(projectId: string, scope: AccessScope): Promise<ProjectActuals> {
    await this.visible(projectId, scope);
    const [current, history] = await Promise.all([
      this.commitments.actuals(projectId),
      this.commitments.actualHistory(projectId),
    ]);
    return {
      items: current.map((entry) =>
        actualView(
          entry,
          history.filter((h) => h.period === entry.period),
        ),
      ),
    };
  }

  /** Check a period and its numbers (400 naming the field): a known period not begun after today, one number at least. */
  checkActual(period: string, input: ActualDto, today: IsoDate): void {
    const parsed = parseActualPeriod(period);
    if (!parsed) throw new ValidationFailed('period', 'actual_period_format');
    if (parsed.start > today) throw new ValidationFailed('period', 'date_in_future', { params: { today } });
    if (
      input.taxPaid == null &&
      input.outputValue == null &&
      input.fixedAssetInvestment == null &&
      input.headcount == null
    )
      throw new ValidationFailed('body', 'actual_empty');
  }

  async putActual(
    projectId: string,
    period: string,
    input: ActualDto,
    principal: Principal,
  ): Promise<ProjectActual> {
    this.checkActual(period, input, this.today());
    const recordedAt = this.clock.now();
    // A first entry of the period inserted meanwhile (an import) fails the insert with a duplicate key:
    // run again, and the period is replaced under its row lock (see CommitmentRepository.putActual).
    await this.transactions.run(
      async (manager) => {
        const project = await this.projects.lockById(projectId, manager);
        if (!project) throw new NotFound('project', projectId);
        await this.commitments.putActual(
          projectId,
          period,
          {
            taxPaid: money(input.taxPaid),
            outputValue: money(input.outputValue),
            fixedAssetInvestment: money(input.fixedAssetInvestment),
            headcount: input.headcount ?? null,
            source: ActualSource.manual,
            recordedBy: principal.userId,
            recordedAt,
          },
          manager,
        );
      },
      { retryIf: isDuplicateKey },
    );
    await this.live.changed('commitments');
    const { items } = await this.actuals(projectId, { kind: 'all' });
    return items.find((item) => item.period === period)!;
  }

  // ---- assessment and review ----

  async commitmentsOf(
    projectId: string,
    asOf: IsoDate | undefined,
    scope: AccessScope,
  ): Promise<ProjectCommitments> {
    const project = await this.visible(projectId, scope);
    const day = asOf ?? this.today();
    const [clauses, actuals] = await Promise.all([
      this.commitments.clauses(projectId),
      this.commitments.actuals(projectId),
    ]);
    const assessed = assessStored(project, clauses, actuals, day);
    return {
      projectId,
      asOf: day,
      clauses: assessed.clauses,
      due: assessed.due,
      met: assessed.met,
      rate: assessed.rate,
    };
  }

  async review(projectId: string, asOf: IsoDate | undefined, scope: AccessScope): Promise<CommitmentReview> {
    const project = await this.visible(projectId, scope);
    const day = asOf ?? this.today();
    const [clauses, actuals, decided] = await Promise.all([
      this.commitments.clauses(projectId),
      this.commitments.actuals(projectId),
      this.commitments.reviewWithDecider(projectId),
    ]);
    const assessed = assessStored(project, clauses, actuals, day);
    return {
      projectId,
      projectCode: project.code,
      projectName: project.name,
      creditCode: project.creditCode,
      asOf: day,
      ready: assessed.reviewReady,
      fullProductionBy: assessed.fullProductionBy,
      fullProductionAt: project.fullProductionAt,
      landAreaMu: project.landAreaMu,
      subsidiesPaid: project.subsidiesPaid,
      clauses: assessed.clauses,
      recommendedClawback: assessed.recommendedClawback,
      cap: assessed.cap,
      capped: assessed.capped,
      decision: decided
        ? {
            id: decided.id,
            decision: decided.decision,
            amount: decided.amount,
            reason: decided.reason,
            recommendedClawback: decided.recommended,
            clauses: JSON.parse(decided.clauses) as ClauseAssessmentView[],
            decidedAt: decided.decidedAt.toISOString(),
            decidedById: decided.decidedBy,
            decidedByName: decided.decidedByName,
          }
        : null,
    };
  }

  /**
   * Record the bureau's decision (accept / reduce / waive with a reason) on a due review, once; the
   * row (with the clauses as assessed and the recommendation) is audited.
   */
  async decide(projectId: string, input: ReviewDecisionDto, principal: Principal): Promise<CommitmentReview> {
    const today = this.today();
    await this.transactions.runOnce(async (manager) => {
      const project = await this.projects.lockById(projectId, manager);
      if (!project) throw new NotFound('project', projectId);
      if (project.stage === ProjectStage.terminated)
        throw new StateConflict(project.stage, 'a terminated project has no review', 'project_terminated');
      if (await this.commitments.review(projectId, manager))
        throw new StateConflict('decided', 'the review of this project is decided', 'review_decided');
      const clauses = await this.commitments.clauses(projectId, manager);
      const actuals = await this.commitments.actuals(projectId, manager);
      const assessed = assessStored(project, clauses, actuals, today);
      if (!assessed.reviewReady) throw DomainError.coded('conflict', 'review_not_due');
      const decided = decideReview(input.decision, input.amount, input.reason, assessed.recommendedClawback);
      await this.commitments.addReview(
        {
          projectId,
          decision: decided.decision,
          amount: decided.amount,
          recommended: assessed.recommendedClawback,
          cap: assessed.cap,
          reason: decided.reason,
          clauses: JSON.stringify(assessed.clauses),
          decidedBy: principal.userId,
          decidedAt: this.clock.now(),
        },
        manager,
      );
    });
    await this.live.changed('commitments');
    return this.review(projectId, today, { kind: 'all' });
  }

  /** The review sheet (达产复核表) as a district document (.docx). */
  async reviewDocument(projectId: string, scope: AccessScope): Promise<DistrictDocument> {
    const review = await this.review(projectId, undefined, scope);
    const project = await this.visible(projectId, scope);
    const clauses = review.decision?.clauses ?? review.clauses;
    const unit = (clause: ClauseAssessmentView) =>
      clause.unit === 'date' ? '' : COMMITMENT_UNIT_LABELS[clause.unit]['zh-CN'];
    const blocks: DistrictDocument['blocks'] = [
      {
        kind: 'table',
        widths: [3, 5, 3, 5],
        rows: [
          [
            '项目',
            `${review.projectName}（${review.projectCode}）`,
            '统一社会信用代码',
            review.creditCode ?? '',
          ],
          ['投资方', project.investor, '阶段', PROJECT_STAGE_LABELS[project.stage]['zh-CN']],
          ['供地面积（亩）', review.landAreaMu ?? '', '已兑现扶持资金（万元）', review.subsidiesPaid],
          ['约定达产日期', review.fullProductionBy ?? '', '实际达产日期', review.fullProductionAt ?? ''],
        ],
      },
      { kind: 'heading', text: '一、履约情况' },
      {
        kind: 'table',
        widths: [4, 4, 4, 3, 3, 3],
        rows: [
          ['指标', '约定', '实绩', '差额', '结果', '建议追缴（万元）'],
          ...clauses.map((clause) => [
            INDICATOR_LABELS[clause.indicator]['zh-CN'],
            `${clause.agreed}${unit(clause)}`,
            clause.actual === null ? '—' : `${clause.actual}${unit(clause)}`,
            clause.shortfall ?? '',
            CLAUSE_STATUS_LABELS[clause.status]['zh-CN'],
            clause.recommendedClawback,
          ]),
        ],
      },
      { kind: 'heading', text: '二、追缴建议' },
      {
        kind: 'paragraph',
        text: `建议追缴 ${review.decision?.recommendedClawback ?? review.recommendedClawback} 万元（以已兑现扶持资金 ${review.cap} 万元为上限${review.capped ? '，已按上限计' : ''}）。`,
      },
      { kind: 'heading', text: '三、复核决定' },
      {
        kind: 'paragraph',
        text: review.decision
          ? `${REVIEW_DECISION_LABELS[review.decision.decision]['zh-CN']}：追缴 ${review.decision.amount} 万元。${review.decision.reason ? `理由：${review.decision.reason}` : ''}`
          : '尚未作出决定。',
      },
    ];
    if (review.decision)
      blocks.push({
        kind: 'paragraph',
        text: `${review.decision.decidedByName ?? ''} ${businessDateOf(new Date(review.decision.decidedAt))}`,
        align: 'right',
      });
    return { title: '项目达产复核表', blocks };
  }
}

function actualView(entry: ProjectActualEntity, history: ActualHistoryRow[]): ProjectActual {
  return {
    period: entry.period,
    taxPaid: entry.taxPaid,
    outputValue: entry.outputValue,
    fixedAssetInvestment: entry.fixedAssetInvestment,
    headcount: entry.headcount,
    source: entry.source,
    recordedAt: entry.recordedAt.toISOString(),
    history: history.map((h) => ({
      taxPaid: h.taxPaid,
      outputValue: h.outputValue,
      fixedAssetInvestment: h.fixedAssetInvestment,
      headcount: h.headcount,
      source: h.source,
      recordedAt: h.recordedAt.toISOString(),
      recordedByName: h.recordedByName,
      replacedAt: h.replacedAt.toISOString(),
      replacedByName: h.replacedByName,
    })),
  };
}
