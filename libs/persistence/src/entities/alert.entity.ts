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
import { Column, Entity, Index, Unique } from 'typeorm';
import { IdColumn, IdRefColumn, MomentColumn, DateColumn, VarcharColumn } from './columns';

/**
 * A stall alert (预警/督办): at most one per (subject, kind), enforced by the unique key; its level
 * rises (1 预警, 2 逾期, 3 督办) and it resolves itself when the condition clears.
 */
@Entity({ name: 'alert' })
@Unique('uq_alert_subject_kind', ['subjectType', 'subjectId', 'kind'])
@Index('idx_alert_department_status', ['departmentId', 'status'])
@Index('idx_alert_status_level_department', ['status', 'level', 'departmentId'])
export class AlertEntity {
  @IdColumn()
  id!: string;

  @Column({ name: 'kind', type: 'enum', enum: ALERT_KINDS })
  kind!: AlertKind;

  @Column({ name: 'subject_type', type: 'enum', enum: ALERT_SUBJECT_TYPES })
  subjectType!: AlertSubjectType;

  @IdRefColumn('subject_id')
  subjectId!: string;

  /** null for a district-wide subject (a calendar year). */
  @IdRefColumn('project_id', { nullable: true })
  projectId!: string | null;

  /** null for a district-wide subject (a calendar year): admins hear of it. */
  @IdRefColumn('department_id', { nullable: true })
  departmentId!: string | null;

  @Column({ name: 'level', type: 'tinyint', unsigned: true })
  level!: number;

  /** How many times the alert came back after resolving (its deliveries are per round). */
  @Column({ name: 'round', type: 'smallint', unsigned: true, default: 0 })
  round!: number;

  @Column({ name: 'status', type: 'enum', enum: ALERT_STATUSES, default: AlertStatus.open })
  status!: AlertStatus;

  @Column({ name: 'acknowledged_level', type: 'tinyint', unsigned: true, nullable: true })
  acknowledgedLevel!: number | null;

  @MomentColumn('acknowledged_at', { nullable: true })
  acknowledgedAt!: Date | null;

  @IdRefColumn('acknowledged_by', { nullable: true })
  acknowledgedBy!: string | null;

  @VarcharColumn('ack_note', 1000, { nullable: true })
  ackNote!: string | null;

  @Column({ name: 'answer_category', type: 'enum', enum: ANSWER_CATEGORIES, nullable: true })
  answerCategory!: AnswerCategory | null;

  @VarcharColumn('answer_cause', 2000, { nullable: true })
  answerCause!: string | null;

  @VarcharColumn('answer_measures', 2000, { nullable: true })
  answerMeasures!: string | null;

  @DateColumn('answer_expected_date', { nullable: true })
  answerExpectedDate!: string | null;

  @MomentColumn('answered_at', { nullable: true })
  answeredAt!: Date | null;

  @IdRefColumn('answered_by', { nullable: true })
  answeredBy!: string | null;

  /** Facts shown with the alert (JSON text). */
  @Column({ name: 'detail', type: 'text', nullable: true })
  detail!: string | null;

  @MomentColumn('raised_at')
  raisedAt!: Date;

  @MomentColumn('level_since')
  levelSince!: Date;

  @MomentColumn('resolved_at', { nullable: true })
  resolvedAt!: Date | null;
}
