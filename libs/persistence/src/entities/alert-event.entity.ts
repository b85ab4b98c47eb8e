import { Column, Entity, Index } from 'typeorm';
import { IdColumn, IdRefColumn, MomentColumn, VarcharColumn } from './columns';

/** What happened to an alert: raised, level up, acknowledged, answered, resolved, reopened. */
@Entity({ name: 'alert_event' })
@Index('idx_alert_event_alert', ['alertId', 'id'])
export class AlertEventEntity {
  @IdColumn()
  id!: string;

  @IdRefColumn('alert_id')
  alertId!: string;

  @Column({
    name: 'type',
    type: 'enum',
    enum: ['raised', 'level_up', 'acknowledged', 'answered', 'resolved', 'reopened'],
  })
  type!: 'raised' | 'level_up' | 'acknowledged' | 'answered' | 'resolved' | 'reopened';

  @Column({ name: 'level', type: 'tinyint', unsigned: true })
  level!: number;

  @MomentColumn('at')
  at!: Date;

  @IdRefColumn('actor_user_id', { nullable: true })
  actorUserId!: string | null;

  @VarcharColumn('note', 2000, { nullable: true })
  note!: string | null;
}
