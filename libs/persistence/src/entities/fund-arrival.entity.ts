import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProjectEntity } from './project.entity';

/** A dated arrival of funds (到位资金, 万元) on a project. */
@Entity({ name: 'fund_arrival' })
@Index('idx_fund_arrival_project_at', ['projectId', 'at'])
// Funds entered after an as-of date (subtracted from the projects' running totals).
@Index('idx_fund_arrival_at_cover', ['at', 'projectId', 'amount'])
export class FundArrivalEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'project_id', type: 'bigint', unsigned: true })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_fund_arrival_project' })
  project?: ProjectEntity;

  @Column({ name: 'amount', type: 'decimal', precision: 14, scale: 2 })
  amount!: string;

  @Column({ name: 'at', type: 'date' })
  at!: string;

  @Column({ name: 'note', type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ name: 'recorded_by', type: 'bigint', unsigned: true, nullable: true })
  recordedBy!: string | null;

  @Column({ name: 'recorded_at', type: 'datetime', precision: 3 })
  recordedAt!: Date;
}
