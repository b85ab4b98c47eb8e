import { Column, Entity, PrimaryColumn } from 'typeorm';
import { MomentColumn, VarcharColumn } from './columns';

/** An admin's override of one date of the working-day calendar (over the data package's value). */
@Entity({ name: 'calendar_override' })
export class CalendarOverrideEntity {
  @PrimaryColumn({ name: 'date', type: 'date' })
  date!: string;

  @Column({ name: 'kind', type: 'enum', enum: ['holiday', 'workday'] })
  kind!: 'holiday' | 'workday';

  @VarcharColumn('name', 100, { nullable: true })
  name!: string | null;

  @MomentColumn('updated_at')
  updatedAt!: Date;
}
