import { Injectable } from '@nestjs/common';
import {
  businessDateOf,
  computeClock,
  type DurationObservation,
  DurationModels,
  durationObservationOf,
  endOfBusinessDay,
  type HistogramRow,
  histogramOf,
  historyKey,
  type HistoryMilestone,
  historyWindowStart,
  type IsoDate,
  MilestoneState,
} from '@luodi/domain';
import {
  ApprovalItemRepository,
  type DurationHistoryRow,
  DurationHistoryRepository,
  type HistoryCandidate,
  MilestoneRepository,
  SettingsRepository,
  Transactions,
} from '@luodi/persistence';
import { CalendarService } from '../calendar.service';
import { clockContext, toDomainEvents } from '../checks/milestone-clock.service';
import { Clock } from '../clock';

/** Milestones whose events are read and folded at a time. */
const EVENT_BATCH = 500;

export interface DurationHistorySummary {
  asOf: IsoDate;
  /** Item × department histories written. */
  histories: number;
  finished: number;
  censored: number;
}

/**
 * The per item × department duration history of the forecast (routes-and-forecast §3): computed
 * from the milestones (stored acceptance and decision; suspensions folded from the events with the
 * milestone clock), stored as a whole per business date by the duration-history job, and read as
 * duration models for the forecast engine.
 */
@Injectable()
export class DurationHistoryService {
  constructor(
    private readonly histories: DurationHistoryRepository,
    private readonly milestones: MilestoneRepository,
    private readonly items: ApprovalItemRepository,
    private readonly settings: SettingsRepository,
    private readonly calendar: CalendarService,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /** The business date today (Asia/Shanghai). */
  today(): IsoDate {
    return businessDateOf(this.clock.now());
  }

  /** Every observation as of `asOf`, by historyKey (item × department). */
  async observations(
    asOf: IsoDate,
  ): Promise<Map<string, { itemCode: string; departmentId: string; observations: DurationObservation[] }>> {
    const calendar = await this.calendar.calendar();
    const candidates = await this.histories.candidates(historyWindowStart(asOf), asOf);
    const suspended = await this.foldSuspended(
      candidates.filter((candidate) => candidate.everSuspended),
      asOf,
    );
    const byKey = new Map<
      string,
      { itemCode: string; departmentId: string; observations: DurationObservation[] }
    >();
    for (const candidate of candidates) {
      const milestone: HistoryMilestone | null = candidate.everSuspended
        ? (suspended.get(candidate.id) ?? null)
        : {
            acceptedOn: candidate.acceptedOn,
            decidedOn: candidate.decidedAt ? businessDateOf(candidate.decidedAt) : null,
            suspendedWorkingDays: 0,
            withdrawn: candidate.state === MilestoneState.discontinued,
          };
      if (!milestone) continue;
      const observation = durationObservationOf(calendar, milestone, asOf);
      if (!observation) continue;
      const key = historyKey(candidate.itemCode, candidate.departmentId);
      const entry = byKey.get(key) ?? {
        itemCode: candidate.itemCode,
        departmentId: candidate.departmentId,
        observations: [],
      };
      entry.observations.push(observation);
      byKey.set(key, entry);
    }
    return byKey;
  }

  /**
   * Recompute the history as of `asOf` and store it in one transaction (replacing any stored for
   * that day and before): repeat-safe, and a run that fails leaves the previous complete set.
   */
  async recompute(asOf: IsoDate = this.today()): Promise<DurationHistorySummary> {
    const observations = await this.observations(asOf);
    const rows: Array<Omit<DurationHistoryRow, 'asOf'>> = [...observations.values()]
      .sort((a, b) =>
        historyKey(a.itemCode, a.departmentId).localeCompare(historyKey(b.itemCode, b.departmentId)),
      )
      .map((entry) => {
        const histogram = histogramOf(entry.observations);
        return {
          itemCode: entry.itemCode,
          departmentId: entry.departmentId,
          finished: histogram.reduce((sum, row) => sum + row.events, 0),
          censored: histogram.reduce((sum, row) => sum + row.censored, 0),
          histogram: histogram.map((row) => [row.days, row.events, row.censored] as [number, number, number]),
        };
      });
    const computedAt = this.clock.now();
    await this.transactions.run((manager) => this.histories.replace(asOf, rows, computedAt, manager));
    return {
      asOf,
      histories: rows.length,
      finished: rows.reduce((sum, row) => sum + row.finished, 0),
      censored: rows.reduce((sum, row) => sum + row.censored, 0),
    };
  }

  /**
   * The duration models for the forecast as of `asOf`, from the newest stored history on or before
   * it (promised days — the catalog's unless the caller passes the route's — under
   * MIN_OBSERVATIONS_FOR_HISTORY observations or with no history yet).
   */
  async modelsFor(asOf: IsoDate = this.today()): Promise<DurationModels> {
    const rows = await this.histories.latest(asOf);
    const histories = new Map<string, HistogramRow[]>(
      rows.map((row) => [
        historyKey(row.itemCode, row.departmentId),
        row.histogram.map(([days, events, censored]) => ({ days, events, censored })),
      ]),
    );
    const items = await this.items.byCodes([...new Set(rows.map((row) => row.itemCode))]);
    const promised = new Map([...items].map(([code, item]) => [code, item.promisedDays]));
    return new DurationModels(histories, promised);
  }

  /** Acceptance, decision and suspended working days as of `asOf`, folded from the events by the clock. */
  private async foldSuspended(
    candidates: readonly HistoryCandidate[],
    asOf: IsoDate,
  ): Promise<Map<string, HistoryMilestone>> {
    const folded = new Map<string, HistoryMilestone>();
    if (candidates.length === 0) return folded;
    const [settings, calendar, items] = await Promise.all([
      this.settings.get(),
      this.calendar.calendar(),
      this.items.byCodes([...new Set(candidates.map((candidate) => candidate.itemCode))]),
    ]);
    const now = endOfBusinessDay(asOf);
    for (let start = 0; start < candidates.length; start += EVENT_BATCH) {
      const batch = candidates.slice(start, start + EVENT_BATCH);
      const events = await this.milestones.eventsOf(batch.map((candidate) => candidate.id));
      for (const candidate of batch) {
        const item = items.get(candidate.itemCode);
        if (!item) continue;
        const known = (events.get(candidate.id) ?? []).filter((event) => event.at <= now);
        const clock = computeClock(
          toDomainEvents(known),
          clockContext(item, settings, calendar, candidate.contractAmount),
          now,
        );
        if (!clock.acceptedOn) continue;
        folded.set(candidate.id, {
          acceptedOn: clock.acceptedOn,
          decidedOn: clock.decidedAt ? businessDateOf(clock.decidedAt) : null,
          suspendedWorkingDays: clock.suspendedWorkingDays,
          withdrawn: clock.state === MilestoneState.discontinued,
        });
      }
    }
    return folded;
  }
}
