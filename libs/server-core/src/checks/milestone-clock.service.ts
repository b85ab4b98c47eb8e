import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
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
  type ClockEventRow,
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
import { SERVER_CONFIG } from '../config.module';

export function toDomainEvents(events: readonly ClockEventRow[]): MilestoneEvent[] {
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
  milestoneId: string;
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
    @Inject(SERVER_CONFIG) private readonly config: Pick<ServerConfig, 'CHECKS_CHUNK_SIZE'>,
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

  /**
   * Recompute and store the given milestones; returns those whose derived columns changed. Read as
   * plain rows, computed in one pass, the changed clocks written in one statement.
   */
  async refresh(ids: string[], now = this.clock.now()): Promise<ClockChange[]> {
    if (ids.length === 0) return [];
    const [rows, events, settings, calendar] = await Promise.all([
      this.milestones.clockRows(ids),
      this.milestones.clockEventsOf(ids),
      this.settings.get(),
      this.calendar.calendar(),
    ]);
    const items = await this.items.byCodes(rows.map((row) => row.itemCode));
    const contexts = new Map<string, ClockContext>();
    const changes: ClockChange[] = [];
    const stale: StaleClock[] = [];
    for (const row of rows) {
      const item = items.get(row.itemCode);
      if (!item) continue;
      // One context per (item, amount): most milestones share a few.
      const contextKey = `${row.itemCode}\u0000${row.contractAmount}`;
      let context = contexts.get(contextKey);
      if (!context) {
        context = clockContext(item, settings, calendar, row.contractAmount);
        contexts.set(contextKey, context);
      }
      const rowEvents = events.get(row.id) ?? [];
      const after = derivedOf(computeClock(toDomainEvents(rowEvents), context, now));
      if (after.state === MilestoneState.deemed_approved && deemedWhileWatched(after, rowEvents)) {
        // 超时默认 is a decision: record it as an event once, so that it stands whatever changes later.
        if (await this.recordDeemedApproval(row.id, after, now))
          changes.push({ milestoneId: row.id, before: derivedColumns(row), after });
        continue;
      }
      if (sameDerived(row, after)) continue;
      stale.push({
        id: row.id,
        before: derivedColumns(row),
        after,
        eventIds: rowEvents.map((e) => e.id),
        context,
      });
    }
    // Write the changed clocks in one transaction under their row locks, with the events as they are
    // then: an event recorded meanwhile (which holds the same lock) is never overwritten by a clock
    // computed without it.
    if (stale.length > 0) {
      const written = await this.transactions.run(async (manager) => {
        const locked = new Set(
          await this.milestones.lockByIds(
            stale.map((entry) => entry.id),
            manager,
          ),
        );
        const current = await this.milestones.eventIdsOf([...locked], manager);
        const kept = stale.filter((entry) => locked.has(entry.id));
        // Recomputed only where an event was recorded (or removed) since the first read.
        const moved = kept.filter((entry) => !sameIds(entry.eventIds, current.get(entry.id) ?? []));
        const fresh = await this.milestones.clockEventsOf(
          moved.map((entry) => entry.id),
          manager,
        );
        const derived = kept.map((entry) => ({
          entry,
          derived: fresh.has(entry.id)
            ? derivedOf(computeClock(toDomainEvents(fresh.get(entry.id)!), entry.context, now))
            : entry.after,
        }));
        await this.milestones.writeDerivedMany(
          derived.map(({ entry, derived }) => ({ id: entry.id, derived })),
          manager,
        );
        return derived;
      });
      for (const { entry, derived } of written)
        changes.push({ milestoneId: entry.id, before: entry.before, after: derived });
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

  /**
   * Every milestone whose next change has come, in batches of CHECKS_CHUNK_SIZE (at most 100 of
   * them a run; the next run goes on); returns the changes made.
   */
  async refreshDue(now = this.clock.now(), maxBatches = 100): Promise<ClockChange[]> {
    const batch = this.config.CHECKS_CHUNK_SIZE;
    const changes: ClockChange[] = [];
    for (let made = 0; made < maxBatches; made += 1) {
      const ids = await this.milestones.dueIds(now, batch);
      if (ids.length === 0) break;
      for (const change of await this.refresh(ids, now)) changes.push(change);
      // Rows refreshed get a later next_change_at (or none), so the next batch reads new rows.
      if (ids.length < batch) break;
    }
    return changes;
  }

  /** Recompute every open milestone (the calendar or the settings changed). */
  async refreshAllOpen(now = this.clock.now()): Promise<number> {
    let afterId = '0';
    let changed = 0;
    for (;;) {
      const ids = await this.milestones.openIds(afterId, this.config.CHECKS_CHUNK_SIZE);
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
function deemedWhileWatched(derived: MilestoneDerived, events: readonly ClockEventRow[]): boolean {
  if (events.some((event) => event.type === 'deemed_approve')) return false;
  const lastRecorded = Math.max(0, ...events.map((event) => event.recordedAt.getTime()));
  return derived.decidedAt !== null && derived.decidedAt.getTime() > lastRecorded;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** A clock that changed, to write under the milestone's lock. */
interface StaleClock {
  id: string;
  before: MilestoneDerived;
  after: MilestoneDerived;
  /** The events it was computed from (their ids, in order). */
  eventIds: string[];
  context: ClockContext;
}

function derivedColumns(row: MilestoneDerived): MilestoneDerived {
  return {
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
