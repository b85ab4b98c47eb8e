import type { IsoDate } from '../business-time';
import { addCalendarDays, type WorkingCalendar } from '../calendar/working-calendar';
import { fromCents, toCents } from '../projects/money';

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

/**
 * The last deadline day on which a milestone undecided on `asOfDate` shows yellow for a yellow
 * threshold of `yellowDays` working days: remaining working days (T, D] ≤ n holds exactly for the
 * deadlines D before the (n+1)-th working day after T. So "asOfDate ≤ deadline ≤ this day" is the
 * yellow light of domain §4 as one date comparison (indexable), with no per-row date math.
 */
export function yellowDeadlineThreshold(
  calendar: WorkingCalendar,
  asOfDate: IsoDate,
  yellowDays: number,
): IsoDate {
  return addCalendarDays(calendar.addWorkingDays(asOfDate, yellowDays + 1), -1);
}

/** A month's raw aggregates for the cockpit trend (missing months count as zero). */
export interface TrendMonthFacts {
  /** 1–12. */
  month: number;
  signedCount?: number;
  contractAmount?: string;
  startedCount?: number;
  completedInvestment?: string;
}

/** A month of the trend (the API answers these). Months that have not begun at asOf carry nulls. */
export interface TrendMonthFigures {
  /** `YYYY-MM`. */
  month: string;
  /** Projects signed in the month (by asOf). */
  signedCount: number | null;
  /** Σ contractAmount of those. */
  contractAmount: string | null;
  /** Projects (whatever their signing year) whose start date is in the month (by asOf). */
  startedCount: number | null;
  /** Key works of Y: completed investment reported for the month (reported by asOf). */
  completedInvestment: string | null;
  /** Σ completedInvestment of months 1..this one. */
  cumulativeInvestment: string | null;
  /** cumulativeInvestment ÷ Σ annualPlanInvestment (null when the plan is 0). */
  investmentRate: number | null;
  /** 序时进度 at the end of the month: month ÷ 12 (always given, the reference line). */
  scheduleRate: number;
}

/**
 * The twelve months of the cockpit trend of `year` at `asOfDate`: the month's facts, the cumulative
 * completed investment (exact, in cents) and its rate against the annual plan; months that have not
 * begun at asOfDate carry nulls, but always their 序时进度 (month ÷ 12) as the reference line.
 */
export function trendMonths(
  year: number,
  asOfDate: IsoDate,
  annualPlanInvestment: string,
  facts: readonly TrendMonthFacts[],
): TrendMonthFigures[] {
  const byMonth = new Map(facts.map((fact) => [fact.month, fact]));
  const months: TrendMonthFigures[] = [];
  let cumulative = 0n;
  for (let month = 1; month <= 12; month += 1) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    const begun = `${label}-01` <= asOfDate;
    const fact = byMonth.get(month);
    if (!begun) {
      months.push({
        month: label,
        signedCount: null,
        contractAmount: null,
        startedCount: null,
        completedInvestment: null,
        cumulativeInvestment: null,
        investmentRate: null,
        scheduleRate: month / 12,
      });
      continue;
    }
    const completed = toCents(fact?.completedInvestment ?? '0');
    cumulative += completed;
    months.push({
      month: label,
      signedCount: fact?.signedCount ?? 0,
      contractAmount: fromCents(toCents(fact?.contractAmount ?? '0')),
      startedCount: fact?.startedCount ?? 0,
      completedInvestment: fromCents(completed),
      cumulativeInvestment: fromCents(cumulative),
      investmentRate: rate(fromCents(cumulative), annualPlanInvestment),
      scheduleRate: month / 12,
    });
  }
  return months;
}

/** Order of the approvals-by-department chart: most red first, then most yellow, then by name. */
export function compareLights(
  a: { red: number; yellow: number; departmentName: string },
  b: { red: number; yellow: number; departmentName: string },
): number {
  return b.red - a.red || b.yellow - a.yellow || a.departmentName.localeCompare(b.departmentName, 'zh-CN');
}
