import { Entity, Index } from 'typeorm';
import {
  DateColumn,
  ForeignKey,
  IdColumn,
  IdRefColumn,
  MomentColumn,
  MoneyColumn,
  VarcharColumn,
} from './columns';
import { ProjectEntity } from './project.entity';

/** A dated payment of support (扶持资金, 万元) to a project's company (commitments.md §1), like funds. */
@Entity({ name: 'subsidy_payment' })
@Index('idx_subsidy_payment_project_at', ['projectId', 'at'])
export class SubsidyPaymentEntity {
  @IdColumn()
  id!: string;

  @IdRefColumn('project_id')
  projectId!: string;

  @ForeignKey(() => ProjectEntity, 'project_id', 'fk_subsidy_payment_project', 'CASCADE')
  project?: ProjectEntity;

  @MoneyColumn('amount')
  amount!: string;

  @DateColumn('at')
  at!: string;

  @VarcharColumn('note', 500, { nullable: true })
  note!: string | null;

  @IdRefColumn('recorded_by', { nullable: true })
  recordedBy!: string | null;

  @MomentColumn('recorded_at')
  recordedAt!: Date;
}
