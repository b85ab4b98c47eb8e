import {
  DECISION_KINDS,
  type DecisionKind,
  MEETING_KINDS,
  MEETING_STATUSES,
  type MeetingKind,
  MeetingStatus,
} from '@luodi/domain';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import {
  CreatedAtColumn,
  DateColumn,
  ForeignKey,
  IdColumn,
  IdRefColumn,
  MomentColumn,
  VarcharColumn,
} from './columns';
import { DepartmentEntity } from './department.entity';
import { ProblemEntity } from './problem.entity';
import { UserEntity } from './user.entity';

/** A dispatch meeting (调度会, dispatch.md §2). Closed: read-only, its agenda kept as it stood. */
@Entity({ name: 'meeting' })
@Index('idx_meeting_date', ['date'])
export class MeetingEntity {
  @IdColumn()
  id!: string;

  @DateColumn('date')
  date!: string;

  @VarcharColumn('title', 200)
  title!: string;

  @Column({ name: 'kind', type: 'enum', enum: MEETING_KINDS })
  kind!: MeetingKind;

  @IdRefColumn('chair_user_id')
  chairUserId!: string;

  @ForeignKey(() => UserEntity, 'chair_user_id', 'fk_meeting_chair', 'RESTRICT')
  chair?: UserEntity;

  @Column({ name: 'status', type: 'enum', enum: MEETING_STATUSES, default: MeetingStatus.open })
  status!: (typeof MEETING_STATUSES)[number];

  /** The agenda as it stood when the meeting closed (JSON), so the minutes never change. */
  @Column({ name: 'agenda', type: 'mediumtext', nullable: true })
  agenda!: string | null;

  @MomentColumn('closed_at', { nullable: true })
  closedAt!: Date | null;

  @IdRefColumn('created_by')
  createdBy!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** A meeting's attendee departments. */
@Entity({ name: 'meeting_attendee' })
export class MeetingAttendeeEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'bigint', unsigned: true })
  meetingId!: string;

  @ForeignKey(() => MeetingEntity, 'meeting_id', 'fk_meeting_attendee_meeting', 'CASCADE')
  meeting?: MeetingEntity;

  @PrimaryColumn({ name: 'department_id', type: 'bigint', unsigned: true })
  departmentId!: string;

  @ForeignKey(() => DepartmentEntity, 'department_id', 'fk_meeting_attendee_department', 'RESTRICT')
  department?: DepartmentEntity;
}

/**
 * A decision (交办事项) as it was made: it created or updated `problemId`; the owner, co-owners, due
 * date, 包抓领导 and 督办 are kept here as decided (the problem may change later).
 */
@Entity({ name: 'meeting_decision' })
@Unique('uq_meeting_decision_seq', ['meetingId', 'seq'])
@Index('idx_meeting_decision_problem', ['problemId'])
export class MeetingDecisionEntity {
  @IdColumn()
  id!: string;

  @IdRefColumn('meeting_id')
  meetingId!: string;

  @ForeignKey(() => MeetingEntity, 'meeting_id', 'fk_meeting_decision_meeting', 'CASCADE')
  meeting?: MeetingEntity;

  @Column({ name: 'seq', type: 'smallint', unsigned: true })
  seq!: number;

  @Column({ name: 'kind', type: 'enum', enum: DECISION_KINDS })
  kind!: DecisionKind;

  @IdRefColumn('problem_id')
  problemId!: string;

  @ForeignKey(() => ProblemEntity, 'problem_id', 'fk_meeting_decision_problem', 'RESTRICT')
  problem?: ProblemEntity;

  /** What was decided (交办事项). */
  @VarcharColumn('text', 2000)
  text!: string;

  @IdRefColumn('owner_department_id')
  ownerDepartmentId!: string;

  @ForeignKey(() => DepartmentEntity, 'owner_department_id', 'fk_meeting_decision_owner', 'RESTRICT')
  ownerDepartment?: DepartmentEntity;

  /** 配合单位 as decided: department ids, comma-separated. */
  @VarcharColumn('co_department_ids', 1000)
  coDepartmentIds!: string;

  @DateColumn('due_date')
  dueDate!: string;

  @VarcharColumn('lead_official', 100, { nullable: true })
  leadOfficial!: string | null;

  @Column({ name: 'supervised', type: 'boolean', default: false })
  supervised!: boolean;

  @IdRefColumn('created_by')
  createdBy!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}
