import type { IsoDate } from '../business-time';

/** A rate in [0, 1], or null when the denominator is 0 (domain §6). */
export function rate(numerator: number | string, denominator: number | string): number | null {
  const d = Number(denominator);
  if (!Number.isFinite(d) || d === 0) return null;
  return Number(numerator) / d;
}

/**
 * 序时进度: whole months of `year` elapsed at the end of the business day `asOf`, ÷ 12 — a month has
 * elapsed once its last day has ended (asOf 2026-10-31 → 10/12, 2026-11-25 → 10/12).
 */
export function scheduleRate(year: number, asOf: IsoDate): number {
  const [asOfYear, asOfMonth, asOfDay] = asOf.split('-').map(Number) as [number, number, number];
  if (asOfYear < year) return 0;
  if (asOfYear > year) return 1;
  const lastDay = new Date(Date.UTC(asOfYear, asOfMonth, 0)).getUTCDate();
  return (asOfMonth - 1 + (asOfDay === lastDay ? 1 : 0)) / 12;
}

/** `YYYY-MM` of the month after `month`. */
export function nextMonth(month: string): { year: number; month: number } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? { year: year + 1, month: 1 } : { year, month: m + 1 };
}
