import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { KeyWorkEntity } from './key-work.entity';

/** A monthly report (月度调度) of a key work: investment completed in that month, progress, problems. */
@Entity({ name: 'key_work_report' })
@Unique('uq_key_work_report_month', ['keyWorkId', 'month'])
@Index('idx_key_work_report_reported_at', ['reportedAt'])
export class KeyWorkReportEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'key_work_id', type: 'bigint', unsigned: true })
  keyWorkId!: string;

  @ManyToOne(() => KeyWorkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'key_work_id', foreignKeyConstraintName: 'fk_key_work_report_key_work' })
  keyWork?: KeyWorkEntity;

  /** `YYYY-MM`. */
  @Column({ name: 'month', type: 'char', length: 7 })
  month!: string;

  @Column({ name: 'completed_investment', type: 'decimal', precision: 14, scale: 2 })
  completedInvestment!: string;

  @Column({ name: 'progress', type: 'varchar', length: 2000, nullable: true })
  progress!: string | null;

  @Column({ name: 'problems', type: 'varchar', length: 2000, nullable: true })
  problems!: string | null;

  /** When the report was first entered (the due-day rule and `asOf` use it). */
  @Column({ name: 'reported_at', type: 'datetime', precision: 3 })
  reportedAt!: Date;

  @Column({ name: 'reported_by', type: 'bigint', unsigned: true, nullable: true })
  reportedBy!: string | null;

  @Column({ name: 'corrected_at', type: 'datetime', precision: 3, nullable: true })
  correctedAt!: Date | null;
}
