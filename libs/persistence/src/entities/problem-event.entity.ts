import {
  PROBLEM_EVENT_TYPES,
  PROBLEM_STATUSES,
  type ProblemEventType,
  type ProblemStatus,
} from '@luodi/domain';
import { Column, Entity, Index } from 'typeorm';
import { DateColumn, ForeignKey, IdColumn, IdRefColumn, MomentColumn, VarcharColumn } from './columns';
import { ProblemEntity } from './problem.entity';

/** What happened to a problem (append-only): raised, each transition, the changes a meeting made. */
@Entity({ name: 'problem_event' })
@Index('idx_problem_event_problem', ['problemId', 'at', 'id'])
export class ProblemEventEntity {
  @IdColumn()
  id!: string;

  @IdRefColumn('problem_id')
  problemId!: string;

  @ForeignKey(() => ProblemEntity, 'problem_id', 'fk_problem_event_problem', 'CASCADE')
  problem?: ProblemEntity;

  @Column({ name: 'type', type: 'enum', enum: PROBLEM_EVENT_TYPES })
  type!: ProblemEventType;

  @Column({ name: 'from_status', type: 'enum', enum: PROBLEM_STATUSES, nullable: true })
  fromStatus!: ProblemStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: PROBLEM_STATUSES, nullable: true })
  toStatus!: ProblemStatus | null;

  /** The plan, the resolution, the reason, or what a meeting changed. */
  @VarcharColumn('text', 2000, { nullable: true })
  text!: string | null;

  /** The due date this event set (the raising's, a meeting's new one); null for other events. */
  @DateColumn('due_date', { nullable: true })
  dueDate!: string | null;

  /** The owner department (责任单位) this event set (the raising's, a meeting's new one); null for others. */
  @IdRefColumn('owner_department_id', { nullable: true })
  ownerDepartmentId!: string | null;

  @IdRefColumn('meeting_id', { nullable: true })
  meetingId!: string | null;

  @IdRefColumn('actor_user_id', { nullable: true })
  actorUserId!: string | null;

  @MomentColumn('at')
  at!: Date;
}
