import { Injectable } from '@nestjs/common';
import {
  businessDateOf,
  type DayKind,
  isIsoDate,
  NotFound,
  parseHolidayNotice,
  ValidationFailed,
} from '@luodi/domain';
import type { CalendarArrangementPreview, CalendarArrangementResult } from '@luodi/contracts';
import { CalendarRepository } from '@luodi/persistence';
import { CalendarService, ChecksService, Clock, MilestoneClockService } from '@luodi/server-core';
import { parseHolidayIcs } from './ics-arrangement';

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
    private readonly checks: ChecksService,
  ) {}

  /** The year's exceptions to Monday–Friday (this year when none is given). */
  async list(year?: number) {
    const shown = String(year ?? Number(businessDateOf(this.clock.now()).slice(0, 4)));
    const items = (await this.calendar.entries())
      .filter((entry) => entry.date.startsWith(`${shown}-`))
      .filter((entry) => entry.source === 'admin' || (entry.kind === 'holiday') !== isWeekend(entry.date))
      .map((entry) => ({ date: entry.date, kind: entry.kind, name: entry.name, source: entry.source }));
    const confirmed = (await this.calendar.confirmedYears()).has(Number(shown));
    return { items, total: items.length, year: Number(shown), confirmed };
  }

  /**
   * A year's arrangement read from the State Council's notice (pasted text) or an .ics file, for the
   * admin to look over before saving: the entries of that year, each with what the calendar says today.
   */
  async previewArrangement(
    year: number,
    source: { text?: string; ics?: string },
  ): Promise<CalendarArrangementPreview> {
    if (!source.text === !source.ics) throw new ValidationFailed('text', 'arrangement_source_both');
    const parsed = source.ics ? parseHolidayIcs(source.ics, year) : parseHolidayNotice(source.text!, year);
    const current = new Map((await this.calendar.entries()).map((entry) => [entry.date, entry]));
    const entries = parsed.entries
      .filter((entry) => entry.date.startsWith(`${year}-`))
      .map((entry) => ({
        date: entry.date,
        kind: entry.kind,
        name: entry.name,
        current: current.get(entry.date)?.kind ?? null,
      }));
    return {
      year,
      confirmed: (await this.calendar.confirmedYears()).has(year),
      entries,
      problems: parsed.problems,
    };
  }

  /**
   * Saves a year's arrangement in one step: every entry becomes the override of its date; then the
   * deadlines of open milestones are recomputed and the checks run (the year's calendar alert resolves).
   */
  async saveArrangement(
    yearText: string,
    entries: ReadonlyArray<{ date: string; kind: DayKind; name?: string | null }>,
  ): Promise<CalendarArrangementResult> {
    if (!/^\d{4}$/.test(yearText) || Number(yearText) < 2000 || Number(yearText) > 2100)
      throw new ValidationFailed('year', 'integer_out_of_range', {
        params: { min: 2000, max: 2100, rule: 'must be a year from 2000 to 2100' },
      });
    const year = Number(yearText);
    entries.forEach((entry, index) => {
      checkDate(entry.date);
      if (!entry.date.startsWith(`${year}-`))
        throw new ValidationFailed(`entries[${index}].date`, 'date_outside_year', {
          params: { year, row: index + 1 },
        });
    });
    if (!entries.some((entry) => entry.kind === 'holiday'))
      throw new ValidationFailed('entries', 'arrangement_no_holiday');
    const saved = await this.overrides.saveMany(
      entries.map((entry) => ({ date: entry.date, kind: entry.kind, name: entry.name ?? null })),
    );
    this.calendar.invalidate();
    const recomputed = saved > 0 ? await this.clocks.refreshAllOpen() : 0;
    await this.checks.run();
    return { year, saved, recomputed };
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
