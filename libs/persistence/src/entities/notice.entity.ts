import { NOTICE_SOURCES, NOTICE_STATUSES, type NoticeSource, NoticeStatus } from '@luodi/domain';
import { Column, Entity, Index, Unique } from 'typeorm';
import { CreatedAtColumn, DateColumn, ForeignKey, IdRefColumn, MomentColumn, VarcharColumn } from './columns';
import { ProjectRow } from './project-row';
import { DepartmentEntity } from './department.entity';

import { UserEntity } from './user.entity';

/** A supervision notice (督办函, dispatch.md §3), numbered 〔YYYY〕督字第N号 without gaps per year. */
@Entity({ name: 'notice' })
@Unique('uq_notice_year_seq', ['year', 'seq'])
@Index('idx_notice_department_status', ['departmentId', 'status'])
@Index('idx_notice_status_reply_due', ['status', 'replyDueDate'])
export class NoticeEntity extends ProjectRow('notice') {
  @Column({ name: 'year', type: 'smallint', unsigned: true })
  year!: number;

  @Column({ name: 'seq', type: 'int', unsigned: true })
  seq!: number;

  @VarcharColumn('number', 32)
  number!: string;

  @IdRefColumn('department_id')
  departmentId!: string;

  @ForeignKey(() => DepartmentEntity, 'department_id', 'fk_notice_department', 'RESTRICT')
  department?: DepartmentEntity;

  @Column({ name: 'source_type', type: 'enum', enum: NOTICE_SOURCES })
  sourceType!: NoticeSource;

  @IdRefColumn('source_id')
  sourceId!: string;

  @VarcharColumn('subject', 300)
  subject!: string;

  @VarcharColumn('facts', 2000)
  facts!: string;

  @VarcharColumn('measures', 2000)
  measures!: string;

  @DateColumn('issued_on')
  issuedOn!: string;

  @DateColumn('reply_due_date')
  replyDueDate!: string;

  @IdRefColumn('issued_by')
  issuedBy!: string;

  @ForeignKey(() => UserEntity, 'issued_by', 'fk_notice_issued_by', 'RESTRICT')
  issuer?: UserEntity;

  @Column({ name: 'status', type: 'enum', enum: NOTICE_STATUSES, default: NoticeStatus.issued })
  status!: (typeof NOTICE_STATUSES)[number];

  @MomentColumn('signed_at', { nullable: true })
  signedAt!: Date | null;

  @IdRefColumn('signed_by', { nullable: true })
  signedBy!: string | null;

  @VarcharColumn('reply_done', 2000, { nullable: true })
  replyDone!: string | null;

  @VarcharColumn('reply_remaining', 2000, { nullable: true })
  replyRemaining!: string | null;

  @DateColumn('reply_expected_date', { nullable: true })
  replyExpectedDate!: string | null;

  @MomentColumn('replied_at', { nullable: true })
  repliedAt!: Date | null;

  /** The business day of the reply (按期反馈: on or before replyDueDate). */
  @DateColumn('replied_on', { nullable: true })
  repliedOn!: string | null;

  @IdRefColumn('replied_by', { nullable: true })
  repliedBy!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
