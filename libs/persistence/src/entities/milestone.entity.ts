import { type Light, LIGHTS, MILESTONE_STATES, MilestoneState } from '@luodi/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from './columns';
import { ApprovalItemEntity } from './approval-item.entity';
import { DepartmentEntity } from './department.entity';
import { ProjectEntity } from './project.entity';

/**
 * One approval item for one project. The state and clock columns are derived from the events (and
 * recomputed on every event, calendar or settings change, and when `next_change_at` comes), so that
 * lists, figures and the stall checks read indexed columns only.
 */
@Entity({ name: 'milestone' })
@Unique('uq_milestone_project_item', ['projectId', 'itemCode'])
@Index('idx_milestone_department_state', ['departmentId', 'state'])
@Index('idx_milestone_next_change_at', ['nextChangeAt'])
@Index('idx_milestone_state_deadline', ['state', 'deadline'])
// Covers the figures of undecided-at-asOf milestones (lights, 逾期未办) and decided-in-year ranges.
@Index('idx_milestone_decided_cover', [
  'decidedAt',
  'deadline',
  'departmentId',
  'itemCode',
  'acceptedOn',
  'decidedOnTime',
  'state',
])
@Index('idx_milestone_light', ['light'])
export class MilestoneEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'project_id', type: 'bigint', unsigned: true })
  projectId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_milestone_project' })
  project?: ProjectEntity;

  @Column({ name: 'item_code', type: 'varchar', length: 32 })
  itemCode!: string;

  @ManyToOne(() => ApprovalItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_code', foreignKeyConstraintName: 'fk_milestone_item' })
  item?: ApprovalItemEntity;

  @Column({ name: 'department_id', type: 'bigint', unsigned: true })
  departmentId!: string;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_milestone_department' })
  department?: DepartmentEntity;

  @Column({ name: 'state', type: 'enum', enum: MILESTONE_STATES, default: MilestoneState.planned })
  state!: MilestoneState;

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3, nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'accepted_on', type: 'date', nullable: true })
  acceptedOn!: string | null;

  @Column({ name: 'acceptance_deemed', type: 'boolean', default: false })
  acceptanceDeemed!: boolean;

  @Column({ name: 'deadline', type: 'date', nullable: true })
  deadline!: string | null;

  @Column({ name: 'light', type: 'enum', enum: LIGHTS, nullable: true })
  light!: Light | null;

  @Column({ name: 'extension_days', type: 'smallint', unsigned: true, default: 0 })
  extensionDays!: number;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_on_time', type: 'boolean', nullable: true })
  decidedOnTime!: boolean | null;

  /** When the derived columns may next change with no new event (indexed: checks read only what is due). */
  @Column({ name: 'next_change_at', type: 'datetime', precision: 3, nullable: true })
  nextChangeAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
