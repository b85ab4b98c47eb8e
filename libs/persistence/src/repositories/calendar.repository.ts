import type { CalendarException } from '@luodi/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { CalendarOverrideEntity } from '../entities/calendar-override.entity';
import { inTransaction, isDuplicateKey } from '../transactions';

/** All SQL on `calendar_override`. */
export class CalendarRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async overrides(manager?: EntityManager): Promise<Array<CalendarException & { name: string | null }>> {
    const rows = await this.manager(manager)
      .getRepository(CalendarOverrideEntity)
      .find({ order: { date: 'ASC' } });
    return rows.map((row) => ({ date: row.date, kind: row.kind, name: row.name }));
  }

  async findByDate(date: string): Promise<CalendarOverrideEntity | null> {
    return this.dataSource.getRepository(CalendarOverrideEntity).findOneBy({ date });
  }

  /**
   * Set the override of a date (PUT semantics, idempotent): insert it, or change it under its row
   * lock, or — when it already says the same — change nothing (no write, no audit entry). Parallel
   * PUTs of one date all succeed: the one that loses the insert race runs again and finds the row.
   */
  upsert(date: string, kind: 'holiday' | 'workday', name: string | null): Promise<{ changed: boolean }> {
    return inTransaction(
      this.dataSource,
      async (manager) => {
        const repository = manager.getRepository(CalendarOverrideEntity);
        const existing = await repository.findOne({ where: { date }, lock: { mode: 'pessimistic_write' } });
        if (existing && existing.kind === kind && existing.name === name) return { changed: false };
        if (existing) {
          await repository.save(repository.merge(existing, { kind, name, updatedAt: new Date() }));
        } else {
          await repository.insert(repository.create({ date, kind, name, updatedAt: new Date() }));
        }
        return { changed: true };
      },
      { attempts: 8, retryIf: isDuplicateKey },
    );
  }

  /**
   * A year's arrangement in one step: the given entries become the overrides of those dates (in one
   * transaction; dates already saying the same are left alone). Answers how many rows changed.
   */
  saveMany(
    entries: ReadonlyArray<{ date: string; kind: 'holiday' | 'workday'; name: string | null }>,
  ): Promise<number> {
    return inTransaction(
      this.dataSource,
      async (manager) => {
        const repository = manager.getRepository(CalendarOverrideEntity);
        let changed = 0;
        for (const entry of entries) {
          const existing = await repository.findOne({
            where: { date: entry.date },
            lock: { mode: 'pessimistic_write' },
          });
          if (existing && existing.kind === entry.kind && existing.name === entry.name) continue;
          if (existing)
            await repository.save(repository.merge(existing, { ...entry, updatedAt: new Date() }));
          else await repository.insert(repository.create({ ...entry, updatedAt: new Date() }));
          changed += 1;
        }
        return changed;
      },
      { attempts: 8, retryIf: isDuplicateKey },
    );
  }

  /** The years with at least one admin entry. */
  async years(manager?: EntityManager): Promise<number[]> {
    const rows = (await this.manager(manager).query(
      'SELECT DISTINCT YEAR(date) AS year FROM calendar_override',
    )) as Array<{ year: number | string }>;
    return rows.map((row) => Number(row.year));
  }

  async remove(entity: CalendarOverrideEntity): Promise<void> {
    await this.dataSource.getRepository(CalendarOverrideEntity).remove(entity);
  }

  /** The newest change (to notice edits made by another instance). */
  async version(manager?: EntityManager): Promise<string> {
    const [row] = (await this.manager(manager).query(
      'SELECT COUNT(*) AS n, MAX(updated_at) AS latest FROM calendar_override',
    )) as Array<{ n: string; latest: Date | null }>;
    return `${row?.n ?? 0}:${row?.latest ? row.latest.toISOString() : ''}`;
  }
}
