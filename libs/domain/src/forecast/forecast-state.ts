import { businessDateOf, type IsoDate } from '../business-time';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { type MilestoneClock, MilestoneState } from '../approvals/milestone';
import type { ForecastItemState } from './start-forecast';
import { namesOf } from '../value-lists';

/** A milestone's clock at asOf, as the forecast engine reads it. */
export function forecastStateOf(
  clock: MilestoneClock,
  today: IsoDate,
  calendar: WorkingCalendar,
): ForecastItemState {
  switch (clock.state) {
    case MilestoneState.approved:
    case MilestoneState.deemed_approved:
    case MilestoneState.rejected:
      return {
        state: 'decided',
        decidedOn: businessDateOf(clock.decidedAt!),
        rejected: clock.state === MilestoneState.rejected,
      };
    case MilestoneState.accepted:
    case MilestoneState.suspended: {
      const acceptedOn = clock.acceptedOn!;
      // Working days the clock has run since acceptance, suspended days not counted.
      const elapsedWorkingDays = Math.max(
        0,
        calendar.workingDaysAfterUpTo(acceptedOn, today) - clock.suspendedWorkingDays,
      );
      return clock.state === MilestoneState.suspended
        ? { state: 'suspended', acceptedOn, elapsedWorkingDays, extensionDays: clock.extensionDays }
        : {
            state: 'accepted',
            acceptedOn,
            elapsedWorkingDays,
            deadline: clock.deadline,
            extensionDays: clock.extensionDays,
          };
    }
    // 终止办理 (a 容缺 cure deadline passed) is never decided: a new application is needed.
    case MilestoneState.planned:
    case MilestoneState.discontinued:
      return { state: 'planned' };
    default:
      // submitted, supplement_requested: waiting for acceptance.
      return { state: 'submitted' };
  }
}

/** The two bars of the cockpit's 预计开工 chart per month: planned starts and P50 starts. */
export const FORECAST_BARS = ['planned', 'p50'] as const;
export type ForecastBar = (typeof FORECAST_BARS)[number];
export const ForecastBar = namesOf(FORECAST_BARS);
