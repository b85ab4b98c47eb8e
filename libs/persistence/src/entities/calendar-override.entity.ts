import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An admin's override of one date of the working-day calendar (over the data package's value). */
@Entity({ name: 'calendar_override' })
export class CalendarOverrideEntity {
  @PrimaryColumn({ name: 'date', type: 'date' })
  date!: string;

  @Column({ name: 'kind', type: 'enum', enum: ['holiday', 'workday'] })
  kind!: 'holiday' | 'workday';

  @Column({ name: 'name', type: 'varchar', length: 100, nullable: true })
  name!: string | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
