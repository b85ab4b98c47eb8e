import { Column, Entity, Index, Unique } from 'typeorm';
import { IdColumn, IdRefColumn, MomentColumn, VarcharColumn, MoneyColumn, ForeignKey } from './columns';
import { KeyWorkEntity } from './key-work.entity';

/** A monthly report (月度调度) of a key work: investment completed in that month, progress, problems. */
@Entity({ name: 'key_work_report' })
@Unique('uq_key_work_report_month', ['keyWorkId', 'month'])
@Index('idx_key_work_report_reported_at', ['reportedAt'])
export class KeyWorkReportEntity {
  @IdColumn()
  id!: string;

  @IdRefColumn('key_work_id')
  keyWorkId!: string;

  @ForeignKey(() => KeyWorkEntity, 'key_work_id', 'fk_key_work_report_key_work', 'CASCADE')
  keyWork?: KeyWorkEntity;

  /** `YYYY-MM`. */
  @Column({ name: 'month', type: 'char', length: 7 })
  month!: string;

  @MoneyColumn('completed_investment')
  completedInvestment!: string;

  @VarcharColumn('progress', 2000, { nullable: true })
  progress!: string | null;

  @VarcharColumn('problems', 2000, { nullable: true })
  problems!: string | null;

  /** When the report was first entered (the due-day rule and `asOf` use it). */
  @MomentColumn('reported_at')
  reportedAt!: Date;

  @IdRefColumn('reported_by', { nullable: true })
  reportedBy!: string | null;

  @MomentColumn('corrected_at', { nullable: true })
  correctedAt!: Date | null;
}
