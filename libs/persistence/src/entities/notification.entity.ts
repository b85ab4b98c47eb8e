import { Column, Entity, Index, Unique } from 'typeorm';
import { IdColumn, IdRefColumn, MomentColumn, VarcharColumn } from './columns';

/** An in-app notification: the in-app channel's delivered message (one per delivery, never two). */
@Entity({ name: 'notification' })
@Unique('uq_notification_delivery', ['deliveryId'])
@Index('idx_notification_recipient', ['recipient', 'id'])
export class NotificationEntity {
  @IdColumn()
  id!: string;

  @Column({ name: 'delivery_id', type: 'char', length: 36 })
  deliveryId!: string;

  @IdRefColumn('alert_id')
  alertId!: string;

  @VarcharColumn('recipient', 64)
  recipient!: string;

  @Column({ name: 'level', type: 'tinyint', unsigned: true })
  level!: number;

  @MomentColumn('created_at')
  createdAt!: Date;
}
