import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { IdRefColumn, MomentColumn, VarcharColumn } from './columns';

/**
 * The transactional outbox of alert notifications: written in the same transaction as the alert
 * change; one row per (alert, level, recipient, channel); its id is the idempotency key receivers see.
 */
@Entity({ name: 'delivery' })
@Unique('uq_delivery_alert_round_level_recipient_channel', [
  'alertId',
  'round',
  'level',
  'recipient',
  'channel',
])
@Index('idx_delivery_status_enqueued', ['status', 'enqueuedAt'])
export class DeliveryEntity {
  @PrimaryColumn({ name: 'id', type: 'char', length: 36 })
  id!: string;

  @IdRefColumn('alert_id')
  alertId!: string;

  /** The alert's round (a resolved alert that comes back notifies again). */
  @Column({ name: 'round', type: 'smallint', unsigned: true, default: 0 })
  round!: number;

  @Column({ name: 'level', type: 'tinyint', unsigned: true })
  level!: number;

  /** `department:<id>`, `bureau` or `leadership`. */
  @VarcharColumn('recipient', 64)
  recipient!: string;

  @Column({ name: 'channel', type: 'enum', enum: ['in_app', 'email', 'webhook'] })
  channel!: 'in_app' | 'email' | 'webhook';

  /** E-mail address or webhook URL (null in-app). */
  @VarcharColumn('target', 500, { nullable: true })
  target!: string | null;

  @Column({ name: 'status', type: 'enum', enum: ['pending', 'sent', 'failed'], default: 'pending' })
  status!: 'pending' | 'sent' | 'failed';

  @Column({ name: 'attempts', type: 'smallint', unsigned: true, default: 0 })
  attempts!: number;

  /** Bumped by a resend, so the new job gets a new id. */
  @Column({ name: 'generation', type: 'smallint', unsigned: true, default: 0 })
  generation!: number;

  @VarcharColumn('last_error', 1000, { nullable: true })
  lastError!: string | null;

  @MomentColumn('created_at')
  createdAt!: Date;

  @MomentColumn('enqueued_at', { nullable: true })
  enqueuedAt!: Date | null;

  @MomentColumn('sent_at', { nullable: true })
  sentAt!: Date | null;
}
