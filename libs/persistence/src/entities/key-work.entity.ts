import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from './columns';
import { ProjectEntity } from './project.entity';

/** A project on a year's key-works list (重点工程) with its annual plan. */
@Entity({ name: 'key_work' })
@Unique('uq_key_work_project_year', ['projectId', 'year'])
@Index('idx_key_work_year', ['year'])
export class KeyWorkEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'project_id', type: 'bigint', unsigned: true })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_key_work_project' })
  project?: ProjectEntity;

  @Column({ name: 'year', type: 'smallint', unsigned: true })
  year!: number;

  @Column({ name: 'annual_plan_investment', type: 'decimal', precision: 14, scale: 2 })
  annualPlanInvestment!: string;

  /** For new starts: the month (1–12) of `year` in which construction is planned to start. */
  @Column({ name: 'planned_start_month', type: 'tinyint', unsigned: true, nullable: true })
  plannedStartMonth!: number | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
