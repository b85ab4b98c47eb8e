import { Injectable } from '@nestjs/common';
import { type CalendarException, WorkingCalendar } from '@luodi/domain';
import { CalendarRepository } from '@luodi/persistence';
import type { EntityManager } from 'typeorm';
import chineseDays from 'chinese-days/dist/chinese-days.json';

export interface CalendarEntry extends CalendarException {
  name: string | null;
  source: 'package' | 'admin';
}

/** Chinese names of the package's holiday labels ("National Day,国庆节,3" → 国庆节). */
function holidayName(label: string): string {
  return label.split(',')[1] ?? label;
}

/**
 * The public holidays and adjusted working days (调休) published by the State Council, as kept by the
 * maintained `chinese-days` package, for every year it covers.
 */
export function packageCalendarEntries(): CalendarEntry[] {
  const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
  const entries: CalendarEntry[] = [];
  for (const [date, label] of Object.entries(data.holidays)) {
    entries.push({ date, kind: 'holiday', name: `${holidayName(label)}`, source: 'package' });
  }
  for (const [date, label] of Object.entries(data.workdays)) {
    entries.push({ date, kind: 'workday', name: `${holidayName(label)}调休`, source: 'package' });
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}

/** Within this time the cached calendar is used as it is; after it, a cheap version query decides. */
const FRESH_MS = 1_000;

/**
 * The district's working-day calendar: the package's data overlaid with the admins' per-date overrides.
 * Cached, and checked against the overrides' version (a count and the newest change) at most once a
 * second, so that a change made through any instance is used by every other within a second.
 */
@Injectable()
export class CalendarService {
  private readonly fromPackage = packageCalendarEntries();
  private cached?: {
    at: number;
    version: string;
    entries: CalendarEntry[];
    calendar: WorkingCalendar;
    confirmedYears: ReadonlySet<number>;
  };

  constructor(private readonly overrides: CalendarRepository) {}

  /** Inside a transaction, pass its manager (the check of the overrides' version runs through it). */
  async entries(manager?: EntityManager): Promise<CalendarEntry[]> {
    return (await this.load(manager)).entries;
  }

  /** Inside a transaction, pass its manager (the check of the overrides' version runs through it). */
  async calendar(manager?: EntityManager): Promise<WorkingCalendar> {
    return (await this.load(manager)).calendar;
  }

  /**
   * The years whose holiday arrangement is known: covered by the package, or with any admin entry.
   * A deadline in another year is provisional (待确认).
   */
  async confirmedYears(manager?: EntityManager): Promise<ReadonlySet<number>> {
    return (await this.load(manager)).confirmedYears;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async load(manager?: EntityManager) {
    if (this.cached && Date.now() - this.cached.at < FRESH_MS) return this.cached;
    const version = await this.overrides.version(manager);
    if (this.cached && this.cached.version === version) {
      this.cached.at = Date.now();
      return this.cached;
    }
    const merged = new Map<string, CalendarEntry>();
    for (const entry of this.fromPackage) merged.set(entry.date, entry);
    for (const override of await this.overrides.overrides(manager)) {
      merged.set(override.date, { ...override, source: 'admin' });
    }
    const entries = [...merged.values()].sort((a, b) => a.date.localeCompare(b.date));
    const confirmedYears = new Set(entries.map((entry) => Number(entry.date.slice(0, 4))));
    this.cached = {
      at: Date.now(),
      version,
      entries,
      calendar: new WorkingCalendar(entries),
      confirmedYears,
    };
    return this.cached;
  }
}
