import { INVESTOR_ORIGINS, type InvestorOrigin, PROJECT_STAGES, type ProjectStage } from '@luodi/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from './columns';
import { DepartmentEntity } from './department.entity';

/**
 * A signed (or in-talks) investment project. Stage dates are kept on the row (denormalised from the
 * stage log) so that every figure is one indexed aggregate. Money is DECIMAL(14,2) 万元, as strings.
 */
@Entity({ name: 'project' })
// Covers every figure of the year's signed cohort (summary, funnel, breakdown) and the negotiating
// count, so they are read from the index alone.
@Index('idx_project_signed_cover', [
  'signedAt',
  'registeredAt',
  'startedAt',
  'operatingAt',
  'terminatedAt',
  'talksStartedAt',
  'contractAmount',
  'fundsArrived',
  'source',
  'industry',
  'leadDepartmentId',
])
@Index('idx_project_registered_at', ['registeredAt'])
@Index('idx_project_started_at', ['startedAt'])
@Index('idx_project_talks_started_at', ['talksStartedAt'])
@Index('idx_project_stage', ['stage'])
@Index('idx_project_source', ['source'])
@Index('idx_project_industry', ['industry'])
export class ProjectEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'code', type: 'varchar', length: 32, unique: true })
  code!: string;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'investor', type: 'varchar', length: 200 })
  investor!: string;

  @Column({ name: 'investor_origin', type: 'enum', enum: INVESTOR_ORIGINS, default: 'domestic' })
  investorOrigin!: InvestorOrigin;

  @Column({ name: 'industry', type: 'varchar', length: 64 })
  industry!: string;

  @Column({ name: 'source', type: 'varchar', length: 64 })
  source!: string;

  @Column({ name: 'contract_amount', type: 'decimal', precision: 14, scale: 2 })
  contractAmount!: string;

  /** Σ of the fund arrivals (kept in step with them in the same transaction). */
  @Column({ name: 'funds_arrived', type: 'decimal', precision: 14, scale: 2, default: '0.00' })
  fundsArrived!: string;

  @Index('idx_project_lead_department_id')
  @Column({ name: 'lead_department_id', type: 'bigint', unsigned: true })
  leadDepartmentId!: string;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_department_id', foreignKeyConstraintName: 'fk_project_lead_department' })
  leadDepartment?: DepartmentEntity;

  @Column({ name: 'lead_official', type: 'varchar', length: 64, nullable: true })
  leadOfficial!: string | null;

  @Column({ name: 'location', type: 'varchar', length: 100, nullable: true })
  location!: string | null;

  @Column({ name: 'planned_start_date', type: 'date', nullable: true })
  plannedStartDate!: string | null;

  @Column({ name: 'stage', type: 'enum', enum: PROJECT_STAGES, default: 'negotiating' })
  stage!: ProjectStage;

  /** When talks started (the project entered the pipeline). */
  @Column({ name: 'talks_started_at', type: 'date' })
  talksStartedAt!: string;

  @Column({ name: 'signed_at', type: 'date', nullable: true })
  signedAt!: string | null;

  @Column({ name: 'registered_at', type: 'date', nullable: true })
  registeredAt!: string | null;

  @Column({ name: 'started_at', type: 'date', nullable: true })
  startedAt!: string | null;

  @Column({ name: 'operating_at', type: 'date', nullable: true })
  operatingAt!: string | null;

  @Column({ name: 'terminated_at', type: 'date', nullable: true })
  terminatedAt!: string | null;

  @Column({ name: 'termination_reason', type: 'varchar', length: 500, nullable: true })
  terminationReason!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
