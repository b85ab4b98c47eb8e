import { Injectable } from '@nestjs/common';
import { businessDateOf, isIsoDate, NotFound, ValidationFailed } from '@luodi/domain';
import { CalendarRepository } from '@luodi/persistence';
import { CalendarService, Clock, MilestoneClockService } from '@luodi/server-core';

function checkDate(date: string): void {
  if (!isIsoDate(date))
    throw new ValidationFailed('date', 'field_not_date', {
      params: { rule: 'must be a date written YYYY-MM-DD' },
    });
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** The rules of the calendar page: which entries a year shows, overrides that recompute the clocks. */
@Injectable()
export class CalendarOverridesService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly overrides: CalendarRepository,
    private readonly clocks: MilestoneClockService,
    private readonly clock: Clock,
  ) {}

  /** The year's exceptions to Monday–Friday (this year when none is given). */
  async list(year?: number) {
    const shown = String(year ?? Number(businessDateOf(this.clock.now()).slice(0, 4)));
    const items = (await this.calendar.entries())
      .filter((entry) => entry.date.startsWith(`${shown}-`))
      .filter((entry) => entry.source === 'admin' || (entry.kind === 'holiday') !== isWeekend(entry.date))
      .map((entry) => ({ date: entry.date, kind: entry.kind, name: entry.name, source: entry.source }));
    return { items, total: items.length };
  }

  async put(date: string, kind: 'holiday' | 'workday', name: string | null) {
    checkDate(date);
    // Idempotent: the same PUT again (or many at once) answers the same and changes nothing more.
    const { changed } = await this.overrides.upsert(date, kind, name);
    this.calendar.invalidate();
    const recomputed = changed ? await this.clocks.refreshAllOpen() : 0;
    return { date, kind, name, source: 'admin' as const, recomputed };
  }

  async remove(date: string): Promise<void> {
    checkDate(date);
    const existing = await this.overrides.findByDate(date);
    if (!existing) throw new NotFound('calendar override', date);
    await this.overrides.remove(existing);
    this.calendar.invalidate();
    await this.clocks.refreshAllOpen();
  }
}
