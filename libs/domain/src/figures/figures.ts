import type { IsoDate } from '../business-time';

/** A rate in [0, 1], or null when the denominator is 0 (domain §6). */
export function rate(numerator: number | string, denominator: number | string): number | null {
  const d = Number(denominator);
  if (!Number.isFinite(d) || d === 0) return null;
  return Number(numerator) / d;
}

/** 序时进度: whole months of `year` elapsed at the business date `asOf`, ÷ 12. */
export function scheduleRate(year: number, asOf: IsoDate): number {
  const [asOfYear, asOfMonth] = asOf.split('-').map(Number) as [number, number];
  if (asOfYear < year) return 0;
  if (asOfYear > year) return 1;
  return (asOfMonth - 1) / 12;
}

/** `YYYY-MM` of the month after `month`. */
export function nextMonth(month: string): { year: number; month: number } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? { year: year + 1, month: 1 } : { year, month: m + 1 };
}
