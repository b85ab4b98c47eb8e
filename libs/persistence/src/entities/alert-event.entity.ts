import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What happened to an alert: raised, level up, acknowledged, answered, resolved, reopened. */
@Entity({ name: 'alert_event' })
@Index('idx_alert_event_alert', ['alertId', 'id'])
export class AlertEventEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'alert_id', type: 'bigint', unsigned: true })
  alertId!: string;

  @Column({
    name: 'type',
    type: 'enum',
    enum: ['raised', 'level_up', 'acknowledged', 'answered', 'resolved', 'reopened'],
  })
  type!: 'raised' | 'level_up' | 'acknowledged' | 'answered' | 'resolved' | 'reopened';

  @Column({ name: 'level', type: 'tinyint', unsigned: true })
  level!: number;

  @Column({ name: 'at', type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ name: 'actor_user_id', type: 'bigint', unsigned: true, nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'note', type: 'varchar', length: 2000, nullable: true })
  note!: string | null;
}
