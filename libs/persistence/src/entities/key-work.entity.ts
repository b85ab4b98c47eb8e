import { Column, Entity, Index, Unique } from 'typeorm';
import { MoneyColumn, CreatedAtColumn, UpdatedAtColumn } from './columns';
import { ProjectRow } from './project-row';

/** A project on a year's key-works list (重点工程) with its annual plan. */
@Entity({ name: 'key_work' })
@Unique('uq_key_work_project_year', ['projectId', 'year'])
@Index('idx_key_work_year', ['year'])
export class KeyWorkEntity extends ProjectRow('key_work', 'RESTRICT') {
  @Column({ name: 'year', type: 'smallint', unsigned: true })
  year!: number;

  @MoneyColumn('annual_plan_investment')
  annualPlanInvestment!: string;

  /** For new starts: the month (1–12) of `year` in which construction is planned to start. */
  @Column({ name: 'planned_start_month', type: 'tinyint', unsigned: true, nullable: true })
  plannedStartMonth!: number | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
