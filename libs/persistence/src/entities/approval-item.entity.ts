import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdRefColumn, VarcharColumn, ForeignKey } from './columns';
import { DepartmentEntity } from './department.entity';

/** The catalog of approval items (事项清单) with their time limits in working days. */
@Entity({ name: 'approval_item' })
export class ApprovalItemEntity {
  @PrimaryColumn({ name: 'code', type: 'varchar', length: 32 })
  code!: string;

  @VarcharColumn('name', 100)
  name!: string;

  @Index('idx_approval_item_department_id')
  @IdRefColumn('department_id')
  departmentId!: string;

  @ForeignKey(() => DepartmentEntity, 'department_id', 'fk_approval_item_department', 'RESTRICT')
  department?: DepartmentEntity;

  /** 法定时限 (working days). */
  @Column({ name: 'statutory_days', type: 'smallint', unsigned: true })
  statutoryDays!: number;

  /** 承诺时限 (working days, ≤ statutory): the clock counts these. */
  @Column({ name: 'promised_days', type: 'smallint', unsigned: true })
  promisedDays!: number;

  /** 超时默认 allowed for this item. */
  @Column({ name: 'deemed_approval', type: 'boolean', default: false })
  deemedApproval!: boolean;

  @Column({ name: 'max_extension_days', type: 'tinyint', unsigned: true, default: 10 })
  maxExtensionDays!: number;

  /** Per-item override of the yellow threshold. */
  @Column({ name: 'yellow_days', type: 'tinyint', unsigned: true, nullable: true })
  yellowDays!: number | null;

  /** Required materials, one per line. */
  @Column({ name: 'materials', type: 'text', nullable: true })
  materials!: string | null;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder!: number;

  @Column({ name: 'enabled', type: 'boolean', default: true })
  enabled!: boolean;
}
