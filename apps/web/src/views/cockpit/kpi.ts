/**
 * Small display rules of the cockpit's cards.
 */

/** Key-work investment is behind schedule when its completion rate is under 序时进度. */
export function isBehindSchedule(investmentRate: number | null, scheduleRate: number | null): boolean {
  if (investmentRate === null || scheduleRate === null) return false;
  // Compare in tenths of a percent (as shown), so 74.96% vs 75.0% reads as on schedule, as it shows.
  return Math.round(investmentRate * 1000) < Math.round(scheduleRate * 1000);
}
