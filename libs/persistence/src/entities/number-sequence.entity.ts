import { NUMBER_SERIES, type NumberSeries } from '@luodi/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last number given per series and year (problem codes WT-YYYY-NNNN, notice numbers
 * 〔YYYY〕督字第N号). A new number locks its row (INSERT … ON DUPLICATE KEY UPDATE) until the
 * transaction that uses it ends: parallel issues queue, and a rolled-back one leaves no gap.
 */
@Entity({ name: 'number_sequence' })
export class NumberSequenceEntity {
  @PrimaryColumn({ name: 'series', type: 'enum', enum: NUMBER_SERIES })
  series!: NumberSeries;

  @PrimaryColumn({ name: 'year', type: 'smallint', unsigned: true })
  year!: number;

  @Column({ name: 'last_number', type: 'int', unsigned: true })
  lastNumber!: number;
}
