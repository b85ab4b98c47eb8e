import { Column, Entity, PrimaryColumn } from 'typeorm';
import { MomentColumn } from './columns';

/** The district's settings (one row): clock thresholds and stall periods. */
@Entity({ name: 'app_setting' })
export class AppSettingEntity {
  @PrimaryColumn({ name: 'id', type: 'tinyint', unsigned: true })
  id!: number;

  /** The light turns yellow when this many working days or fewer remain. */
  @Column({ name: 'yellow_days', type: 'tinyint', unsigned: true, default: 3 })
  yellowDays!: number;

  /** 超时默认 applies to projects of at least this contract amount (万元). */
  @Column({
    name: 'deemed_approval_threshold',
    type: 'decimal',
    precision: 14,
    scale: 2,
    default: '10000.00',
  })
  deemedApprovalThreshold!: string;

  /** Signed but not registered this many days after signing → not_registered. */
  @Column({ name: 'not_registered_days', type: 'smallint', unsigned: true, default: 90 })
  notRegisteredDays!: number;

  /** Registered but not started this many days after registering → not_started. */
  @Column({ name: 'not_started_days', type: 'smallint', unsigned: true, default: 180 })
  notStartedDays!: number;

  /**
   * The district's region code prefix (e.g. `330106`): a project code's 6-digit region group must
   * start with it; empty = any region (routes-and-forecast.md §1).
   */
  @Column({ name: 'region_code_prefix', type: 'varchar', length: 6, default: '' })
  regionCodePrefix!: string;

  @MomentColumn('updated_at', { default: () => 'CURRENT_TIMESTAMP(3)' })
  updatedAt!: Date;
}
