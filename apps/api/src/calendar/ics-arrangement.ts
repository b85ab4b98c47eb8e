import ICAL from 'ical.js';
import { addCalendarDays, calendarDaysBetween, type NoticeEntry, type ParsedNotice } from '@luodi/domain';

/**
 * A holiday calendar exported as .ics (RFC 5545; the public 中国节假日 feeds, or one an admin keeps):
 * each all-day VEVENT is a holiday run, or a working day (调休) when its summary says 班 (上班, 补班).
 * DTEND of an all-day event is the day after its last day. Names lose the feeds' 休/班 marks.
 */
export function parseHolidayIcs(text: string, year: number): ParsedNotice {
  const problems: string[] = [];
  let component: InstanceType<typeof ICAL.Component>;
  try {
    component = new ICAL.Component(ICAL.parse(text));
  } catch {
    return { entries: [], problems: ['not an iCalendar (.ics) file'] };
  }
  const entries = new Map<string, NoticeEntry>();
  for (const vevent of component.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const summary = (event.summary ?? '').trim();
    if (!event.startDate) {
      problems.push(`${summary || 'VEVENT'}: no DTSTART`);
      continue;
    }
    const from = event.startDate.toString().slice(0, 10);
    const end = event.endDate ? event.endDate.toString().slice(0, 10) : addCalendarDays(from, 1);
    const days = Math.max(1, calendarDaysBetween(from, end));
    if (days > 31) {
      problems.push(`${summary}: ${from} – ${end} is longer than a month`);
      continue;
    }
    const workday = /班/.test(summary);
    const name =
      summary
        .replace(/[（(][^）)]*[）)]/g, '')
        .replace(/(补班|上班|调休|放假|假期|休|班)/g, '')
        .trim() || null;
    for (let offset = 0; offset < days; offset += 1) {
      const date = addCalendarDays(from, offset);
      if (!date.startsWith(`${year}-`)) continue;
      entries.set(date, {
        date,
        kind: workday ? 'workday' : 'holiday',
        name: workday ? `${name ?? ''}调休` : (name ?? '节假日'),
      });
    }
  }
  if (entries.size === 0) problems.push(`no day of ${year} found`);
  return { entries: [...entries.values()].sort((a, b) => a.date.localeCompare(b.date)), problems };
}
