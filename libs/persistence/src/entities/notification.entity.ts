import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An in-app notification: the in-app channel's delivered message (one per delivery, never two). */
@Entity({ name: 'notification' })
@Unique('uq_notification_delivery', ['deliveryId'])
@Index('idx_notification_recipient', ['recipient', 'id'])
export class NotificationEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'delivery_id', type: 'char', length: 36 })
  deliveryId!: string;

  @Column({ name: 'alert_id', type: 'bigint', unsigned: true })
  alertId!: string;

  @Column({ name: 'recipient', type: 'varchar', length: 64 })
  recipient!: string;

  @Column({ name: 'level', type: 'tinyint', unsigned: true })
  level!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
