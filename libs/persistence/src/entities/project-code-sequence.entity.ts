import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last number handed out per project-code prefix (e.g. `2026-ZS-` → 14 for 2026-ZS-014). A new
 * code takes the next number in one atomic statement (INSERT … ON DUPLICATE KEY UPDATE with
 * LAST_INSERT_ID), so parallel creates never compute the same code.
 */
@Entity({ name: 'project_code_sequence' })
export class ProjectCodeSequenceEntity {
  @PrimaryColumn({ name: 'prefix', type: 'varchar', length: 32 })
  prefix!: string;

  @Column({ name: 'last_number', type: 'int', unsigned: true })
  lastNumber!: number;
}
