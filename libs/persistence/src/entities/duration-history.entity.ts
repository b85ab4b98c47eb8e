import { Column, Entity, PrimaryColumn } from 'typeorm';
import { MomentColumn } from './columns';

/**
 * The duration history of one catalog item at one department as of one business date (routes-and-
 * forecast §3): how many milestones accepted in the 3 years up to `as_of` were decided (events) and
 * how many were still open (censored), and their working days as a compact histogram. Derived from
 * the milestones and recomputed as a whole by the duration-history job (one transaction per as_of);
 * no foreign keys, since it is a recomputed copy that the next run replaces.
 */
@Entity({ name: 'duration_history' })
export class DurationHistoryEntity {
  @PrimaryColumn({ name: 'as_of', type: 'date' })
  asOf!: string;

  @PrimaryColumn({ name: 'item_code', type: 'varchar', length: 32 })
  itemCode!: string;

  @PrimaryColumn({ name: 'department_id', type: 'bigint', unsigned: true })
  departmentId!: string;

  /** Observations decided by as_of (events). */
  @Column({ name: 'finished', type: 'int', unsigned: true })
  finished!: number;

  /** Observations still open at as_of (censored). */
  @Column({ name: 'censored', type: 'int', unsigned: true })
  censored!: number;

  /** JSON `[[days, events, censored], …]` ordered by days. */
  @Column({ name: 'histogram', type: 'text' })
  histogram!: string;

  @MomentColumn('computed_at')
  computedAt!: Date;
}
