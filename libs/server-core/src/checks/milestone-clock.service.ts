import { Injectable, Logger } from '@nestjs/common';
import {
  type ClockContext,
  computeClock,
  DEFAULT_MAX_EXTENSION_DAYS,
  type MilestoneClock,
  MilestoneState,
  type MilestoneEvent,
  type WorkingCalendar,
} from '@luodi/domain';
import {
  appendAudit,
  type ApprovalItemEntity,
  ApprovalItemRepository,
  type AppSettingEntity,
  type MilestoneDerived,
  type MilestoneEventEntity,
  MilestoneRepository,
  type MilestoneRow,
  SettingsRepository,
  SYSTEM_ACTOR,
  Transactions,
} from '@luodi/persistence';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../calendar.service';
import { Clock } from '../clock';

const BATCH = 500;

export function toDomainEvents(events: readonly MilestoneEventEntity[]): MilestoneEvent[] {
  return events.map((event) => ({
    type: event.type,
    at: event.at,
    days: event.days,
    reason: event.reason,
    missingMaterials: materialsOf(event.missingMaterials),
    cureDeadline: event.cureDeadline ?? null,
    byPromise: Boolean(event.byPromise),
    verifyBy: event.verifyBy ?? null,
  }));
}

/** The stored list of missing materials (a JSON array of strings), or null. */
export function materialsOf(stored: string | null | undefined): string[] | null {
  if (!stored) return null;
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? parsed.map(String) : null;
}

export function clockContext(
  item: ApprovalItemEntity,
  settings: AppSettingEntity,
  calendar: WorkingCalendar,
  contractAmount: string,
): ClockContext {
  return {
    item: {
      promisedDays: item.promisedDays,
      deemedApproval: item.deemedApproval,
      maxExtensionDays: item.maxExtensionDays ?? DEFAULT_MAX_EXTENSION_DAYS,
      yellowDays: item.yellowDays,
    },
    settings: { yellowDays: settings.yellowDays, deemedApprovalThreshold: settings.deemedApprovalThreshold },
    calendar,
    contractAmount,
  };
}

export function derivedOf(clock: MilestoneClock): MilestoneDerived {
  return {
    state: clock.state,
    submittedAt: clock.submittedAt,
    acceptedOn: clock.acceptedOn,
    acceptanceDeemed: clock.acceptanceDeemed,
    deadline: clock.deadline,
    light: clock.light,
    extensionDays: clock.extensionDays,
    decidedAt: clock.decidedAt,
    decidedOnTime: clock.decidedOnTime,
    nextChangeAt: clock.nextChangeAt,
  };
}

export interface ClockChange {
  milestone: MilestoneRow;
  before: MilestoneDerived;
  after: MilestoneDerived;
}

/**
 * Recomputes milestone clocks from their events and writes the derived columns back: after an event,
 * after a calendar or settings change (every open milestone), and when a milestone's next change has
 * come (only the rows due, read through the next_change_at index, in batches).
 */
@Injectable()
export class MilestoneClockService {
  private readonly logger = new Logger(MilestoneClockService.name);

  constructor(
    private readonly milestones: MilestoneRepository,
    private readonly items: ApprovalItemRepository,
    private readonly settings: SettingsRepository,
    private readonly calendar: CalendarService,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /** The clock of one milestone now (for answers), from its row and events. */
  async clockOf(
    milestone: MilestoneRow,
    events: readonly MilestoneEventEntity[],
    now = this.clock.now(),
  ): Promise<MilestoneClock> {
    const [item, settings, calendar] = await Promise.all([
      this.items.findByCode(milestone.itemCode),
      this.settings.get(),
      this.calendar.calendar(),
    ]);
    if (!item) throw new Error(`approval item ${milestone.itemCode} is missing`);
    return computeClock(
      toDomainEvents(events),
      clockContext(item, settings, calendar, milestone.contractAmount),
      now,
    );
  }

  /**
   * The clock's context (item limits, settings, calendar), read inside the caller's transaction:
   * the manager is required, so that this never asks the pool for a second connection.
   */
  async contextFor(
    milestone: Pick<MilestoneRow, 'itemCode' | 'contractAmount'>,
    manager: EntityManager,
  ): Promise<ClockContext> {
    const item = await this.items.findByCode(milestone.itemCode, manager);
    const settings = await this.settings.get(manager);
    const calendar = await this.calendar.calendar(manager);
    if (!item) throw new Error(`approval item ${milestone.itemCode} is missing`);
    return clockContext(item, settings, calendar, milestone.contractAmount);
  }

  /** Recompute and store the given milestones; returns those whose derived columns changed. */
  async refresh(ids: string[], now = this.clock.now()): Promise<ClockChange[]> {
    if (ids.length === 0) return [];
    const [rows, events, settings, calendar] = await Promise.all([
      this.milestones.forClock(ids),
      this.milestones.eventsOf(ids),
      this.settings.get(),
      this.calendar.calendar(),
    ]);
    const items = await this.items.byCodes(rows.map((row) => row.itemCode));
    const changes: ClockChange[] = [];
    const stale: Array<{
      row: MilestoneRow;
      before: MilestoneDerived;
      after: MilestoneDerived;
      events: readonly MilestoneEventEntity[];
      context: ClockContext;
    }> = [];
    for (const row of rows) {
      const item = items.get(row.itemCode);
      if (!item) continue;
      const context = clockContext(item, settings, calendar, row.contractAmount);
      const clock = computeClock(toDomainEvents(events.get(row.id) ?? []), context, now);
      const after = derivedOf(clock);
      const before: MilestoneDerived = {
        state: row.state,
        submittedAt: row.submittedAt,
        acceptedOn: row.acceptedOn,
        acceptanceDeemed: row.acceptanceDeemed,
        deadline: row.deadline,
        light: row.light,
        extensionDays: row.extensionDays,
        decidedAt: row.decidedAt,
        decidedOnTime: row.decidedOnTime,
        nextChangeAt: row.nextChangeAt,
      };
      const rowEvents = events.get(row.id) ?? [];
      if (after.state === MilestoneState.deemed_approved && deemedWhileWatched(after, rowEvents)) {
        // 超时默认 is a decision: record it as an event once, so that it stands whatever changes later.
        if (await this.recordDeemedApproval(row.id, after, now))
          changes.push({ milestone: row, before, after });
        continue;
      }
      if (sameDerived(before, after)) continue;
      stale.push({ row, before, after, events: rowEvents, context });
    }
    // Write the changed clocks in one transaction under their row locks, with the events as they are
    // then: an event recorded meanwhile (which holds the same lock) is never overwritten by a clock
    // computed without it.
    if (stale.length > 0) {
      const written = await this.transactions.run(async (manager) => {
        const locked = new Set(
          await this.milestones.lockByIds(
            stale.map((entry) => entry.row.id),
            manager,
          ),
        );
        const current = await this.milestones.eventsOf([...locked], manager);
        // Recomputed only where an event was recorded since the first read.
        const fresh = stale
          .filter((entry) => locked.has(entry.row.id))
          .map((entry) => {
            const events = current.get(entry.row.id) ?? [];
            return {
              entry,
              derived: sameEvents(entry.events, events)
                ? entry.after
                : derivedOf(computeClock(toDomainEvents(events), entry.context, now)),
            };
          });
        await this.milestones.writeDerivedMany(
          fresh.map(({ entry, derived }) => ({ id: entry.row.id, derived })),
          manager,
        );
        return fresh;
      });
      for (const { entry, derived } of written)
        changes.push({ milestone: entry.row, before: entry.before, after: derived });
    }
    return changes;
  }

  /**
   * Append the `deemed_approve` event and the derived state in one transaction, under the milestone's
   * row lock: any number of concurrent refreshes record it exactly once. Returns false when another
   * process recorded it first (or a decision was recorded meanwhile).
   */
  private async recordDeemedApproval(id: string, derived: MilestoneDerived, now: Date): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const locked = await this.milestones.lockById(id, manager);
      if (!locked) return false;
      const decided = (await this.milestones.events(id, manager)).some((event) =>
        ['approve', 'reject', 'deemed_approve'].includes(event.type),
      );
      if (decided) return false;
      await this.milestones.insertSystemEvent(
        {
          milestoneId: id,
          type: 'deemed_approve',
          at: derived.decidedAt!,
          days: null,
          reason: '超时默认',
          note: null,
          actorUserId: null,
          recordedAt: now,
        },
        manager,
      );
      await this.milestones.writeDerived(id, derived, manager);
      await appendAudit(manager, SYSTEM_ACTOR, {
        action: 'milestone.deemed_approved',
        entityType: 'milestone',
        entityId: id,
        after: { deadline: derived.deadline, decidedAt: derived.decidedAt?.toISOString() },
      });
      return true;
    });
  }

  /** Every milestone whose next change has come, in batches; returns the changes made. */
  async refreshDue(now = this.clock.now(), maxBatches = 100): Promise<ClockChange[]> {
    const changes: ClockChange[] = [];
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const ids = await this.milestones.dueIds(now, BATCH);
      if (ids.length === 0) break;
      const made = await this.refresh(ids, now);
      changes.push(...made);
      // Rows refreshed get a later next_change_at (or none), so the next batch reads new rows.
      if (ids.length < BATCH) break;
    }
    return changes;
  }

  /** Recompute every open milestone (the calendar or the settings changed). */
  async refreshAllOpen(now = this.clock.now()): Promise<number> {
    let afterId = '0';
    let changed = 0;
    for (;;) {
      const ids = await this.milestones.openIds(afterId, BATCH);
      if (ids.length === 0) break;
      changed += (await this.refresh(ids, now)).length;
      afterId = ids[ids.length - 1]!;
    }
    if (changed) this.logger.log(`recomputed ${changed} open milestone clock(s)`);
    return changed;
  }
}

/**
 * 超时默认 is applied (recorded) when the deadline passed after the milestone's history was entered —
 * the system watched it pass. When staff enter a history whose deadline is already past, the state is
 * shown as 超时默认 but stays open to the rest of that history (a later-entered decision dated before
 * the deadline still counts).
 */
function deemedWhileWatched(derived: MilestoneDerived, events: readonly MilestoneEventEntity[]): boolean {
  if (events.some((event) => event.type === 'deemed_approve')) return false;
  const lastRecorded = Math.max(0, ...events.map((event) => event.recordedAt.getTime()));
  return derived.decidedAt !== null && derived.decidedAt.getTime() > lastRecorded;
}

function sameEvents(a: readonly MilestoneEventEntity[], b: readonly MilestoneEventEntity[]): boolean {
  return a.length === b.length && a.every((event, index) => String(event.id) === String(b[index]!.id));
}

function sameDerived(a: MilestoneDerived, b: MilestoneDerived): boolean {
  const time = (value: Date | null) => (value ? value.getTime() : null);
  return (
    a.state === b.state &&
    time(a.submittedAt) === time(b.submittedAt) &&
    a.acceptedOn === b.acceptedOn &&
    Boolean(a.acceptanceDeemed) === Boolean(b.acceptanceDeemed) &&
    a.deadline === b.deadline &&
    a.light === b.light &&
    Number(a.extensionDays) === Number(b.extensionDays) &&
    time(a.decidedAt) === time(b.decidedAt) &&
    (a.decidedOnTime === null ? null : Boolean(a.decidedOnTime)) ===
      (b.decidedOnTime === null ? null : Boolean(b.decidedOnTime)) &&
    time(a.nextChangeAt) === time(b.nextChangeAt)
  );
}
