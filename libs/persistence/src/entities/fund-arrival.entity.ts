import { Entity, Index } from 'typeorm';
import {
  IdColumn,
  IdRefColumn,
  MomentColumn,
  DateColumn,
  VarcharColumn,
  MoneyColumn,
  ForeignKey,
} from './columns';
import { ProjectEntity } from './project.entity';

/** A dated arrival of funds (到位资金, 万元) on a project. */
@Entity({ name: 'fund_arrival' })
@Index('idx_fund_arrival_project_at', ['projectId', 'at'])
// Funds entered after an as-of date (subtracted from the projects' running totals).
@Index('idx_fund_arrival_at_cover', ['at', 'projectId', 'amount'])
export class FundArrivalEntity {
  @IdColumn()
  id!: string;

  @IdRefColumn('project_id')
  projectId!: string;

  @ForeignKey(() => ProjectEntity, 'project_id', 'fk_fund_arrival_project', 'CASCADE')
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
