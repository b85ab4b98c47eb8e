import {
  ACTUAL_SOURCES,
  type ActualSource,
  CLAWBACK_BASES,
  type ClawbackBasis,
  COMMITMENT_INDICATORS,
  type CommitmentIndicator,
  REVIEW_DECISIONS,
  type ReviewDecision,
} from '@luodi/domain';
import { Column, Entity, Index, Unique } from 'typeorm';
import {
  CreatedAtColumn,
  DateColumn,
  ForeignKey,
  IdRefColumn,
  MomentColumn,
  MoneyColumn,
  UpdatedAtColumn,
  VarcharColumn,
} from './columns';
import { ProjectRow, RecordedProjectRow } from './project-row';

import { UserEntity } from './user.entity';

/** A clause of a project's investment agreement (履约条款, commitments.md §2). */
@Entity({ name: 'commitment_clause' })
@Index('idx_commitment_clause_project', ['projectId'])
@Index('idx_commitment_clause_due', ['dueOn', 'projectId'])
export class CommitmentClauseEntity extends ProjectRow('commitment_clause') {
  @Column({ name: 'indicator', type: 'enum', enum: COMMITMENT_INDICATORS })
  indicator!: CommitmentIndicator;

  @MoneyColumn('agreed_value', { nullable: true })
  agreedValue!: string | null;

  @DateColumn('agreed_date', { nullable: true })
  agreedDate!: string | null;

  @DateColumn('due_date', { nullable: true })
  dueDate!: string | null;

  @Column({ name: 'year', type: 'smallint', unsigned: true, nullable: true })
  year!: number | null;

  /** The day the clause is assessed on (clauseDueDate: due date, the year's last day, or the agreed date). */
  @DateColumn('due_on')
  dueOn!: string;

  @Column({ name: 'clawback_ratio', type: 'decimal', precision: 5, scale: 4, nullable: true })
  clawbackRatio!: string | null;

  @Column({ name: 'clawback_basis', type: 'enum', enum: CLAWBACK_BASES, nullable: true })
  clawbackBasis!: ClawbackBasis | null;

  @VarcharColumn('note', 500, { nullable: true })
  note!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/**
 * The columns of a period's actuals, alike in `project_actual` and its replaced versions in
 * `project_actual_history`: the period, the four numbers (any may be empty) and where they came from.
 */
function ActualRow(table: string) {
  abstract class PeriodActuals extends RecordedProjectRow(table) {
    /** `YYYY`, `YYYY-Qn` or `YYYY-MM`. */
    @VarcharColumn('period', 7)
    period!: string;

    @MoneyColumn('tax_paid', { nullable: true })
    taxPaid!: string | null;

    @MoneyColumn('output_value', { nullable: true })
    outputValue!: string | null;

    @MoneyColumn('fixed_asset_investment', { nullable: true })
    fixedAssetInvestment!: string | null;

    @Column({ name: 'headcount', type: 'int', unsigned: true, nullable: true })
    headcount!: number | null;

    @Column({ name: 'source', type: 'enum', enum: ACTUAL_SOURCES })
    source!: ActualSource;
  }
  return PeriodActuals;
}

/** A project's actuals (实绩) for one period; a replaced version moves to `project_actual_history`. */
@Entity({ name: 'project_actual' })
@Unique('uq_project_actual_period', ['projectId', 'period'])
export class ProjectActualEntity extends ActualRow('project_actual') {}

/** A replaced version of a period's actuals (kept when a later entry or import replaces it). */
@Entity({ name: 'project_actual_history' })
@Index('idx_project_actual_history_period', ['projectId', 'period', 'replacedAt'])
export class ProjectActualHistoryEntity extends ActualRow('project_actual_history') {
  @IdRefColumn('replaced_by', { nullable: true })
  replacedBy!: string | null;

  @MomentColumn('replaced_at')
  replacedAt!: Date;
}

/** The decision on a project's full-production review (达产复核), one per project, audited. */
@Entity({ name: 'commitment_review' })
@Unique('uq_commitment_review_project', ['projectId'])
export class CommitmentReviewEntity extends ProjectRow('commitment_review') {
  @Column({ name: 'decision', type: 'enum', enum: REVIEW_DECISIONS })
  decision!: ReviewDecision;

  @MoneyColumn('amount')
  amount!: string;

  @MoneyColumn('recommended')
  recommended!: string;

  @MoneyColumn('cap')
  cap!: string;

  @VarcharColumn('reason', 1000, { nullable: true })
  reason!: string | null;

  /** The clauses as assessed when decided (JSON of ClauseAssessmentView[]). */
  @Column({ name: 'clauses', type: 'mediumtext' })
  clauses!: string;

  @IdRefColumn('decided_by')
  decidedBy!: string;

  @ForeignKey(() => UserEntity, 'decided_by', 'fk_commitment_review_decided_by', 'RESTRICT')
  decider?: UserEntity;

  @MomentColumn('decided_at')
  decidedAt!: Date;
}
