import type { IsoDate } from '../business-time';
import { addCalendarDays, calendarDaysBetween, type CalendarException } from './working-calendar';

/**
 * The State Council's yearly notice of the holiday arrangement (国务院办公厅关于某年部分节假日安排的通知),
 * pasted as text, read into calendar entries. The notice lists one holiday per numbered section:
 *
 *   一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。1月4日（周日）上班。
 *   二、春节：2月15日至23日放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
 *
 * Each sentence with 放假 gives a day or a range (至) of holidays; each sentence with 上班 lists the
 * working weekend days (调休). A date without a year is in the notice's year; a section may name another
 * (元旦 of "2024年12月30日至2025年1月1日"). A range's end without a month is in its start's month.
 */
export interface NoticeEntry extends CalendarException {
  name: string;
}

export interface ParsedNotice {
  entries: NoticeEntry[];
  /** Sections or sentences that could not be read (shown to the admin before saving). */
  problems: string[];
}

const NUMERALS = '一二三四五六七八九十';
/** "一、元旦：" — the numbered heading of a section and the holiday's name. */
const SECTION = new RegExp(`(?:^|\\s|。)[${NUMERALS}]+、\\s*([^：:\\s]{1,12})\\s*[：:]`, 'g');
/** A date as notices write it; year and month may be left out (taken from the context). */
const DATE = /(?:(\d{4})\s*年)?\s*(?:(\d{1,2})\s*月)?\s*(\d{1,2})\s*日/g;
/** Weekday notes in brackets, e.g. （周六）, （星期日）, (Sat). */
const BRACKETS = /[（(][^）)]*[）)]/g;

interface DateToken {
  year?: number;
  month?: number;
  day: number;
  index: number;
  end: number;
}

function tokens(sentence: string): DateToken[] {
  const found: DateToken[] = [];
  for (const match of sentence.matchAll(DATE)) {
    found.push({
      year: match[1] ? Number(match[1]) : undefined,
      month: match[2] ? Number(match[2]) : undefined,
      day: Number(match[3]),
      index: match.index,
      end: match.index + match[0].length,
    });
  }
  return found;
}

function isoDate(year: number, month: number, day: number): IsoDate | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

/** Resolves tokens in reading order, each inheriting the year and month of the one before. */
function resolve(list: DateToken[], year: number): Array<IsoDate | null> {
  let currentYear = year;
  let currentMonth: number | undefined;
  return list.map((token) => {
    if (token.year !== undefined) currentYear = token.year;
    if (token.month !== undefined) currentMonth = token.month;
    if (currentMonth === undefined) return null;
    return isoDate(currentYear, currentMonth, token.day);
  });
}

/**
 * Reads a notice's text for `year`. Sections are found by their numbered headings; text before the
 * first heading (the notice's title and preamble) is ignored.
 */
export function parseHolidayNotice(text: string, year: number): ParsedNotice {
  const normalised = text
    .replace(/\r/g, '')
    .replace(BRACKETS, '')
    .replace(/[ \t\u3000]+/g, '');
  const headings = [...normalised.matchAll(SECTION)];
  const entries = new Map<IsoDate, NoticeEntry>();
  const problems: string[] = [];
  if (headings.length === 0) {
    problems.push('no numbered section (一、元旦：…) found');
    return { entries: [], problems };
  }
  headings.forEach((heading, position) => {
    const name = heading[1]!;
    const start = heading.index + heading[0].length;
    const end = position + 1 < headings.length ? headings[position + 1]!.index : normalised.length;
    const body = normalised.slice(start, end);
    let sectionDays = 0;
    // 放假 and 上班 sentences; "。" and "；" end a sentence, "，" does not (共9天 stays with its range).
    for (const sentence of body.split(/[。；;\n]/).filter((part) => part.trim())) {
      const list = tokens(sentence);
      if (list.length === 0 || !/放假|上班/.test(sentence)) continue;
      const dates = resolve(list, year);
      if (dates.some((date) => date === null)) {
        problems.push(`${name}：${sentence}（日期无法识别）`);
        continue;
      }
      if (sentence.includes('放假')) {
        // "A至B" is a range; other dates in a 放假 sentence are single holidays.
        for (let index = 0; index < list.length; index += 1) {
          const from = dates[index]!;
          const between = sentence.slice(list[index]!.end, list[index + 1]?.index ?? list[index]!.end);
          if (index + 1 < list.length && /^[至到—~-]$/.test(between.trim())) {
            const to = dates[index + 1]!;
            const days = calendarDaysBetween(from, to);
            if (days < 0 || days > 31) {
              problems.push(`${name}：${sentence}（日期范围不合理）`);
            } else {
              for (let offset = 0; offset <= days; offset += 1) {
                entries.set(addCalendarDays(from, offset), {
                  date: addCalendarDays(from, offset),
                  kind: 'holiday',
                  name,
                });
                sectionDays += 1;
              }
            }
            index += 1;
          } else {
            entries.set(from, { date: from, kind: 'holiday', name });
            sectionDays += 1;
          }
        }
      } else if (sentence.includes('上班')) {
        for (const date of dates) entries.set(date!, { date: date!, kind: 'workday', name: `${name}调休` });
      }
      // Other sentences (the closing duties, the signature's date) are no arrangement.
    }
    if (sectionDays === 0) problems.push(`${name}：未找到放假日期`);
  });
  return { entries: [...entries.values()].sort((a, b) => a.date.localeCompare(b.date)), problems };
}
