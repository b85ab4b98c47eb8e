import { type Light, LIGHTS, MILESTONE_STATES, MilestoneState } from '@luodi/domain';
import { Column, Entity, Index, Unique } from 'typeorm';
import {
  IdColumn,
  IdRefColumn,
  MomentColumn,
  DateColumn,
  VarcharColumn,
  ForeignKey,
  CreatedAtColumn,
  UpdatedAtColumn,
} from './columns';
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
  @IdColumn()
  id!: string;

  @IdRefColumn('project_id')
  projectId!: string;

  @ForeignKey(() => ProjectEntity, 'project_id', 'fk_milestone_project', 'CASCADE')
  project?: ProjectEntity;

  @VarcharColumn('item_code', 32)
  itemCode!: string;

  @ForeignKey(() => ApprovalItemEntity, 'item_code', 'fk_milestone_item', 'RESTRICT')
  item?: ApprovalItemEntity;

  @IdRefColumn('department_id')
  departmentId!: string;

  @ForeignKey(() => DepartmentEntity, 'department_id', 'fk_milestone_department', 'RESTRICT')
  department?: DepartmentEntity;

  @Column({ name: 'state', type: 'enum', enum: MILESTONE_STATES, default: MilestoneState.planned })
  state!: MilestoneState;

  @MomentColumn('submitted_at', { nullable: true })
  submittedAt!: Date | null;

  @DateColumn('accepted_on', { nullable: true })
  acceptedOn!: string | null;

  @Column({ name: 'acceptance_deemed', type: 'boolean', default: false })
  acceptanceDeemed!: boolean;

  @DateColumn('deadline', { nullable: true })
  deadline!: string | null;

  @Column({ name: 'light', type: 'enum', enum: LIGHTS, nullable: true })
  light!: Light | null;

  @Column({ name: 'extension_days', type: 'smallint', unsigned: true, default: 0 })
  extensionDays!: number;

  @MomentColumn('decided_at', { nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_on_time', type: 'boolean', nullable: true })
  decidedOnTime!: boolean | null;

  /** When the derived columns may next change with no new event (indexed: checks read only what is due). */
  @MomentColumn('next_change_at', { nullable: true })
  nextChangeAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
