import type { CalendarException } from '@luodi/domain';
import type { DataSource } from 'typeorm';
import { CalendarOverrideEntity } from '../entities/calendar-override.entity';

/** All SQL on `calendar_override`. */
export class CalendarRepository {
  constructor(private readonly dataSource: DataSource) {}

  async overrides(): Promise<Array<CalendarException & { name: string | null }>> {
    const rows = await this.dataSource.getRepository(CalendarOverrideEntity).find({ order: { date: 'ASC' } });
    return rows.map((row) => ({ date: row.date, kind: row.kind, name: row.name }));
  }

  async findByDate(date: string): Promise<CalendarOverrideEntity | null> {
    return this.dataSource.getRepository(CalendarOverrideEntity).findOneBy({ date });
  }

  async save(entity: CalendarOverrideEntity): Promise<CalendarOverrideEntity> {
    return this.dataSource.getRepository(CalendarOverrideEntity).save(entity);
  }

  async remove(entity: CalendarOverrideEntity): Promise<void> {
    await this.dataSource.getRepository(CalendarOverrideEntity).remove(entity);
  }

  /** The newest change (to notice edits made by another instance). */
  async version(): Promise<string> {
    const [row] = (await this.dataSource.query(
      'SELECT COUNT(*) AS n, MAX(updated_at) AS latest FROM calendar_override',
    )) as Array<{ n: string; latest: Date | null }>;
    return `${row?.n ?? 0}:${row?.latest ? row.latest.toISOString() : ''}`;
  }
}
