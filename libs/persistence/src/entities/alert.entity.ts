import {
  ALERT_KINDS,
  ALERT_STATUSES,
  ALERT_SUBJECT_TYPES,
  type AlertKind,
  AlertStatus,
  type AlertSubjectType,
  ANSWER_CATEGORIES,
  type AnswerCategory,
} from '@luodi/domain';
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A stall alert (预警/督办): at most one per (subject, kind), enforced by the unique key; its level
 * rises (1 预警, 2 逾期, 3 督办) and it resolves itself when the condition clears.
 */
@Entity({ name: 'alert' })
@Unique('uq_alert_subject_kind', ['subjectType', 'subjectId', 'kind'])
@Index('idx_alert_department_status', ['departmentId', 'status'])
@Index('idx_alert_status_level_department', ['status', 'level', 'departmentId'])
export class AlertEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'kind', type: 'enum', enum: ALERT_KINDS })
  kind!: AlertKind;

  @Column({ name: 'subject_type', type: 'enum', enum: ALERT_SUBJECT_TYPES })
  subjectType!: AlertSubjectType;

  @Column({ name: 'subject_id', type: 'bigint', unsigned: true })
  subjectId!: string;

  @Column({ name: 'project_id', type: 'bigint', unsigned: true })
  projectId!: string;

  @Column({ name: 'department_id', type: 'bigint', unsigned: true })
  departmentId!: string;

  @Column({ name: 'level', type: 'tinyint', unsigned: true })
  level!: number;

  /** How many times the alert came back after resolving (its deliveries are per round). */
  @Column({ name: 'round', type: 'smallint', unsigned: true, default: 0 })
  round!: number;

  @Column({ name: 'status', type: 'enum', enum: ALERT_STATUSES, default: AlertStatus.open })
  status!: AlertStatus;

  @Column({ name: 'acknowledged_level', type: 'tinyint', unsigned: true, nullable: true })
  acknowledgedLevel!: number | null;

  @Column({ name: 'acknowledged_at', type: 'datetime', precision: 3, nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'bigint', unsigned: true, nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'ack_note', type: 'varchar', length: 1000, nullable: true })
  ackNote!: string | null;

  @Column({ name: 'answer_category', type: 'enum', enum: ANSWER_CATEGORIES, nullable: true })
  answerCategory!: AnswerCategory | null;

  @Column({ name: 'answer_cause', type: 'varchar', length: 2000, nullable: true })
  answerCause!: string | null;

  @Column({ name: 'answer_measures', type: 'varchar', length: 2000, nullable: true })
  answerMeasures!: string | null;

  @Column({ name: 'answer_expected_date', type: 'date', nullable: true })
  answerExpectedDate!: string | null;

  @Column({ name: 'answered_at', type: 'datetime', precision: 3, nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'answered_by', type: 'bigint', unsigned: true, nullable: true })
  answeredBy!: string | null;

  /** Facts shown with the alert (JSON text). */
  @Column({ name: 'detail', type: 'text', nullable: true })
  detail!: string | null;

  @Column({ name: 'raised_at', type: 'datetime', precision: 3 })
  raisedAt!: Date;

  @Column({ name: 'level_since', type: 'datetime', precision: 3 })
  levelSince!: Date;

  @Column({ name: 'resolved_at', type: 'datetime', precision: 3, nullable: true })
  resolvedAt!: Date | null;
}
