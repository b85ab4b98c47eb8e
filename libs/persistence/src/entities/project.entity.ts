import { INVESTOR_ORIGINS, type InvestorOrigin, PROJECT_STAGES, type ProjectStage } from '@luodi/domain';
import { Column, Entity, Index } from 'typeorm';
import {
  IdColumn,
  IdRefColumn,
  DateColumn,
  VarcharColumn,
  MoneyColumn,
  ForeignKey,
  CreatedAtColumn,
  UpdatedAtColumn,
} from './columns';
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
  @IdColumn()
  id!: string;

  @VarcharColumn('code', 32, { unique: true })
  code!: string;

  @VarcharColumn('name', 200)
  name!: string;

  @VarcharColumn('investor', 200)
  investor!: string;

  @Column({ name: 'investor_origin', type: 'enum', enum: INVESTOR_ORIGINS, default: 'domestic' })
  investorOrigin!: InvestorOrigin;

  @VarcharColumn('industry', 64)
  industry!: string;

  @VarcharColumn('source', 64)
  source!: string;

  @MoneyColumn('contract_amount')
  contractAmount!: string;

  /** Σ of the fund arrivals (kept in step with them in the same transaction). */
  @MoneyColumn('funds_arrived', { default: '0.00' })
  fundsArrived!: string;

  @Index('idx_project_lead_department_id')
  @IdRefColumn('lead_department_id')
  leadDepartmentId!: string;

  @ForeignKey(() => DepartmentEntity, 'lead_department_id', 'fk_project_lead_department', 'RESTRICT')
  leadDepartment?: DepartmentEntity;

  @VarcharColumn('lead_official', 64, { nullable: true })
  leadOfficial!: string | null;

  @VarcharColumn('location', 100, { nullable: true })
  location!: string | null;

  @DateColumn('planned_start_date', { nullable: true })
  plannedStartDate!: string | null;

  @Column({ name: 'stage', type: 'enum', enum: PROJECT_STAGES, default: 'negotiating' })
  stage!: ProjectStage;

  /** When talks started (the project entered the pipeline). */
  @DateColumn('talks_started_at')
  talksStartedAt!: string;

  @DateColumn('signed_at', { nullable: true })
  signedAt!: string | null;

  @DateColumn('registered_at', { nullable: true })
  registeredAt!: string | null;

  @DateColumn('started_at', { nullable: true })
  startedAt!: string | null;

  @DateColumn('operating_at', { nullable: true })
  operatingAt!: string | null;

  /** 达产 (commitments.md §1). */
  @DateColumn('full_production_at', { nullable: true })
  fullProductionAt!: string | null;

  @DateColumn('terminated_at', { nullable: true })
  terminatedAt!: string | null;

  @VarcharColumn('termination_reason', 500, { nullable: true })
  terminationReason!: string | null;

  /**
   * 统一社会信用代码 of the investing company; unique among live (not terminated) projects, which the
   * service checks under a locking read of this index.
   */
  @Index('idx_project_credit_code')
  @VarcharColumn('credit_code', 18, { nullable: true })
  creditCode!: string | null;

  /**
   * 项目代码 of the national online approval platform (routes-and-forecast.md §1); unique among live
   * (not terminated) projects, which the service checks under a locking read of this index, as for
   * the credit code.
   */
  @Index('idx_project_project_code')
  @VarcharColumn('project_code', 24, { nullable: true })
  projectCode!: string | null;

  /** Land granted, 亩 (DECIMAL(12,2)). */
  @Column({ name: 'land_area_mu', type: 'decimal', precision: 12, scale: 2, nullable: true })
  landAreaMu!: string | null;

  /** 供地: when the land was handed over. */
  @Index('idx_project_land_supplied_at')
  @DateColumn('land_supplied_at', { nullable: true })
  landSuppliedAt!: string | null;

  /** Σ of the subsidy entries (kept in step with them in the same transaction). */
  @MoneyColumn('subsidies_paid', { default: '0.00' })
  subsidiesPaid!: string;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
