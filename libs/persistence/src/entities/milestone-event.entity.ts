import { MILESTONE_EVENT_TYPES, type MilestoneEventType } from '@luodi/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MilestoneEntity } from './milestone.entity';

/** What happened to a milestone, when, and who recorded it (append-only). */
@Entity({ name: 'milestone_event' })
@Index('idx_milestone_event_milestone', ['milestoneId', 'at', 'id'])
export class MilestoneEventEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'milestone_id', type: 'bigint', unsigned: true })
  milestoneId!: string;

  @ManyToOne(() => MilestoneEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestone_id', foreignKeyConstraintName: 'fk_milestone_event_milestone' })
  milestone?: MilestoneEntity;

  @Column({ name: 'type', type: 'enum', enum: MILESTONE_EVENT_TYPES })
  type!: MilestoneEventType;

  @Column({ name: 'at', type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ name: 'days', type: 'smallint', unsigned: true, nullable: true })
  days!: number | null;

  @Column({ name: 'reason', type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  @Column({ name: 'note', type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @Column({ name: 'actor_user_id', type: 'bigint', unsigned: true, nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'recorded_at', type: 'datetime', precision: 3 })
  recordedAt!: Date;
}
