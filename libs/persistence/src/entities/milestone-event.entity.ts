import { MILESTONE_EVENT_TYPES, type MilestoneEventType } from '@luodi/domain';
import { Column, Entity, Index } from 'typeorm';
import { DateColumn, IdColumn, IdRefColumn, MomentColumn, VarcharColumn, ForeignKey } from './columns';
import { MilestoneEntity } from './milestone.entity';

/** What happened to a milestone, when, and who recorded it (append-only). */
@Entity({ name: 'milestone_event' })
@Index('idx_milestone_event_milestone', ['milestoneId', 'at', 'id'])
// The stall check finds the 容缺 acceptances and the 告知承诺 approvals through these (few) events.
@Index('idx_milestone_event_cure_deadline', ['cureDeadline'])
@Index('idx_milestone_event_by_promise', ['byPromise', 'type'])
export class MilestoneEventEntity {
  @IdColumn()
  id!: string;

  @IdRefColumn('milestone_id')
  milestoneId!: string;

  @ForeignKey(() => MilestoneEntity, 'milestone_id', 'fk_milestone_event_milestone', 'CASCADE')
  milestone?: MilestoneEntity;

  @Column({ name: 'type', type: 'enum', enum: MILESTONE_EVENT_TYPES })
  type!: MilestoneEventType;

  @MomentColumn('at')
  at!: Date;

  @Column({ name: 'days', type: 'smallint', unsigned: true, nullable: true })
  days!: number | null;

  @VarcharColumn('reason', 1000, { nullable: true })
  reason!: string | null;

  /** accept (容缺受理): the materials still missing, a JSON array of strings. */
  @Column({ name: 'missing_materials', type: 'text', nullable: true })
  missingMaterials!: string | null;

  /** accept (容缺受理): the day by which the missing materials must come. */
  @DateColumn('cure_deadline', { nullable: true })
  cureDeadline!: string | null;

  /** approve (告知承诺制): approved on the applicant's written promise. */
  @Column({ name: 'by_promise', type: 'boolean', default: false })
  byPromise!: boolean;

  /** approve (告知承诺制): the day by which the promise must be verified. */
  @DateColumn('verify_by', { nullable: true })
  verifyBy!: string | null;

  @VarcharColumn('note', 1000, { nullable: true })
  note!: string | null;

  @IdRefColumn('actor_user_id', { nullable: true })
  actorUserId!: string | null;

  @MomentColumn('recorded_at')
  recordedAt!: Date;
}
