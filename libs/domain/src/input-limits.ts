/**
 * Limits every input is held to before it reaches a rule or the database (issue 11): dates within
 * a sane range, integers written in plain digits, JSON nested no deeper than a fixed depth, money
 * totals that fit their DECIMAL(14,2) column. Pure functions; the API's validators and pipes use them.
 */
import { businessDateOf, isIsoDate } from './business-time';
import { fromCents, toCents } from './projects/money';

/** The earliest and latest calendar date any date or moment of the product may carry. */
export const DATE_MIN = '1990-01-01';
export const DATE_MAX = '2100-12-31';
export const YEAR_MIN = 1990;
export const YEAR_MAX = 2100;
export const DATE_RANGE_RULE = `must be a date from ${DATE_MIN} to ${DATE_MAX}`;

/** A real `YYYY-MM-DD` date within DATE_MIN..DATE_MAX. */
export function isDateInRange(value: string): boolean {
  return isIsoDate(value) && value >= DATE_MIN && value <= DATE_MAX;
}

/** A moment (a Date, or text `new Date` reads) whose business day (Asia/Shanghai) is within range. */
export function isMomentInRange(value: Date | string): boolean {
  const moment = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(moment.getTime())) return false;
  // Outside ±1 000 000 days Intl cannot format; far outside the range anyway.
  if (Math.abs(moment.getTime()) > 8.64e15) return false;
  const day = businessDateOf(moment);
  return isIsoDate(day) && day >= DATE_MIN && day <= DATE_MAX;
}

/** A month `YYYY-MM` (01–12) within the date range. */
export function isMonthInRange(value: string): boolean {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  return year >= YEAR_MIN && year <= YEAR_MAX;
}

/**
 * Strict integer parsing of query text: plain decimal digits only (no sign, exponent, decimal point,
 * hex, blanks or empty text), within [min, max]; otherwise undefined.
 */
export function parseStrictInteger(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,16}$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}

/** How deep JSON bodies may nest (objects and arrays each count one level). */
export const MAX_JSON_DEPTH = 32;

/**
 * True when a parsed JSON value nests deeper than `limit` levels. Iterative (an explicit stack), so a
 * body nested 100 000 deep is measured without recursion and stops at the first level too deep.
 */
export function exceedsJsonDepth(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** The largest amount a DECIMAL(14,2) money column holds (万元). */
export const MONEY_MAX = '999999999999.99';

/** `current + added` when it fits a money column, undefined when it would overflow. */
export function addMoneyWithinLimit(current: string, added: string): string | undefined {
  const total = toCents(current) + toCents(added);
  return total <= toCents(MONEY_MAX) ? fromCents(total) : undefined;
}
