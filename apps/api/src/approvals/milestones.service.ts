import { Injectable } from '@nestjs/common';
import {
  type AccessScope,
  acceptNeedsProjectCode,
  businessDateOf,
  endOfBusinessDay,
  isProvisionalDeadline,
  computeClock,
  cureOverdue,
  DomainError,
  type IsoDate,
  type MilestoneClock,
  MilestoneState,
  NotFound,
  type Principal,
  remainingWorkingDays,
  type EventRequest,
  ValidationFailed,
  validateEvent,
} from '@luodi/domain';
import {
  ApprovalItemRepository,
  DepartmentRepository,
  type MilestoneEventEntity,
  MilestoneRepository,
  type MilestoneRow,
  ProjectRepository,
  Transactions,
} from '@luodi/persistence';
import {
  CalendarService,
  Clock,
  derivedOf,
  materialsOf,
  MilestoneClockService,
  toDomainEvents,
} from '@luodi/server-core';
import type { Milestone, MilestoneDetail, MilestoneEvent } from '@luodi/contracts';
import type { Page } from '../common/pagination';
import { FiguresPublisher } from '../live/figures-publisher';
import type { EntityManager } from 'typeorm';
import type { CreateMilestoneDto, MilestoneEventDto, MilestoneQueryDto } from './approvals.dto';

/** A list row of milestones (contract in libs/contracts). */
export type MilestoneView = Milestone;

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

/** The 容缺 and 告知承诺 flags of a list row, as of `today`. */
function flagsOf(row: MilestoneRow, today: IsoDate): Pick<Milestone, 'cure' | 'promise'> {
  const cure = row.cureDeadline
    ? {
        deadline: row.cureDeadline,
        curedAt: iso(row.curedAt),
        overdue: !row.decidedAt && !row.curedAt && today > row.cureDeadline,
      }
    : null;
  const promise =
    row.verifyBy && row.state === MilestoneState.approved
      ? {
          verifyBy: row.verifyBy,
          outcome: row.verification,
          overdue: !row.verification && today > row.verifyBy,
        }
      : null;
  return { cure, promise };
}

@Injectable()
export class MilestonesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly milestones: MilestoneRepository,
    private readonly projects: ProjectRepository,
    private readonly items: ApprovalItemRepository,
    private readonly departments: DepartmentRepository,
    private readonly clocks: MilestoneClockService,
    private readonly calendar: CalendarService,
    private readonly live: FiguresPublisher,
    private readonly clock: Clock,
  ) {}

  /** What names a milestone in the list and the detail: its project, its item and the deciding department. */
  private static identity(
    row: MilestoneRow,
  ): Pick<
    Milestone,
    | 'id'
    | 'projectId'
    | 'projectCode'
    | 'projectName'
    | 'itemCode'
    | 'itemName'
    | 'departmentId'
    | 'departmentName'
  > {
    return {
      id: row.id,
      projectId: row.projectId,
      projectCode: row.projectCode,
      projectName: row.projectName,
      itemCode: row.itemCode,
      itemName: row.itemName,
      departmentId: row.departmentId,
      departmentName: row.departmentName,
    };
  }

  /** A list row: stored columns (kept current by refreshDue) with the remaining days of today. */
  private async listView(row: MilestoneRow, today: string): Promise<MilestoneView> {
    const [calendar, confirmed] = await Promise.all([
      this.calendar.calendar(),
      this.calendar.confirmedYears(),
    ]);
    const undecided = !row.decidedAt;
    return {
      ...MilestonesService.identity(row),
      state: row.state,
      submittedAt: iso(row.submittedAt),
      acceptedOn: row.acceptedOn,
      acceptanceDeemed: Boolean(row.acceptanceDeemed),
      deadline: row.deadline,
      deadlineProvisional: undecided && isProvisionalDeadline(row.deadline, confirmed),
      remainingWorkingDays:
        undecided && row.deadline ? remainingWorkingDays(calendar, today, row.deadline) : null,
      light: row.light,
      extensionDays: Number(row.extensionDays),
      decidedAt: iso(row.decidedAt),
      decidedOnTime: row.decidedOnTime === null ? null : Boolean(row.decidedOnTime),
      ...flagsOf(row, today),
    };
  }

  private detailView(
    row: MilestoneRow,
    clock: MilestoneClock,
    events: MilestoneEventEntity[],
    confirmedYears: ReadonlySet<number>,
  ): MilestoneDetail {
    const today = businessDateOf(this.clock.now());
    return {
      ...MilestonesService.identity(row),
      state: clock.state,
      submittedAt: iso(clock.submittedAt),
      acceptedAt: iso(clock.acceptedAt),
      acceptedOn: clock.acceptedOn,
      acceptanceDeemed: clock.acceptanceDeemed,
      deadline: clock.deadline,
      deadlineProvisional: !clock.decidedAt && isProvisionalDeadline(clock.deadline, confirmedYears),
      remainingWorkingDays: clock.remainingWorkingDays,
      light: clock.light,
      extensionDays: clock.extensionDays,
      suspendedWorkingDays: clock.suspendedWorkingDays,
      decidedAt: iso(clock.decidedAt),
      decidedOnTime: clock.decidedOnTime,
      cure: clock.cure
        ? {
            missingMaterials: clock.cure.missingMaterials,
            deadline: clock.cure.deadline,
            curedAt: iso(clock.cure.curedAt),
            overdue: !clock.decidedAt && cureOverdue(clock.cure, today),
          }
        : null,
      promise:
        clock.promise && clock.state === MilestoneState.approved
          ? {
              verifyBy: clock.promise.verifyBy,
              outcome: clock.promise.outcome,
              verifiedAt: iso(clock.promise.verifiedAt),
              failureReason: clock.promise.failureReason,
              overdue: !clock.promise.outcome && today > clock.promise.verifyBy,
            }
          : null,
      events: events.map((event): MilestoneEvent => ({
        id: event.id,
        type: event.type,
        at: event.at.toISOString(),
        days: event.days,
        reason: event.reason,
        note: event.note,
        actorUserId: event.actorUserId,
        recordedAt: event.recordedAt.toISOString(),
        missingMaterials: materialsOf(event.missingMaterials),
        cureDeadline: event.cureDeadline ?? null,
        byPromise: Boolean(event.byPromise),
        verifyBy: event.verifyBy ?? null,
      })),
    };
  }

  async list(query: MilestoneQueryDto, scope: AccessScope): Promise<Page<MilestoneView>> {
    await this.clocks.refreshDue();
    const { items, total } = await this.milestones.list(
      {
        projectId: query.projectId,
        departmentId: query.departmentId,
        state: query.state,
        light: query.light,
        open: query.open === 'true' ? true : undefined,
        q: query.q,
        source: query.source,
        decidedYear: query.decidedYear,
        overdue: query.overdue === 'true' ? true : undefined,
        asOf: query.asOf
          ? { date: query.asOf, moment: endOfBusinessDay(query.asOf) }
          : { date: businessDateOf(this.clock.now()), moment: this.clock.now() },
      },
      scope,
      { page: query.page, pageSize: query.pageSize },
    );
    const today = businessDateOf(this.clock.now());
    return { items: await Promise.all(items.map((row) => this.listView(row, today))), total };
  }

  async forProject(projectId: string, scope: AccessScope): Promise<Page<MilestoneView>> {
    if (!(await this.projects.findVisible(projectId, scope))) throw new NotFound('project', projectId);
    await this.clocks.refreshDue();
    const { items, total } = await this.milestones.list({ projectId }, scope, null);
    const today = businessDateOf(this.clock.now());
    return { items: await Promise.all(items.map((row) => this.listView(row, today))), total };
  }

  async get(id: string, scope: AccessScope): Promise<MilestoneDetail> {
    const row = await this.milestones.findVisible(id, scope);
    if (!row) throw new NotFound('milestone', id);
    // Bring the stored clock up to date first (this records 超时默认 when it has come).
    await this.clocks.refresh([id]);
    const events = await this.milestones.events(id);
    const clock = await this.clocks.clockOf(row, events);
    return this.detailView(row, clock, events, await this.calendar.confirmedYears());
  }

  async create(projectId: string, input: CreateMilestoneDto): Promise<MilestoneDetail> {
    const project = await this.projects.findVisible(projectId, { kind: 'all' });
    if (!project) throw new NotFound('project', projectId);
    const item = await this.items.findByCode(input.itemCode);
    if (!item || !item.enabled)
      throw new ValidationFailed('itemCode', 'unknown_reference', {
        params: { entity: 'approval item', id: input.itemCode },
      });
    const departmentId = input.departmentId ?? item.departmentId;
    if (!(await this.departments.findById(departmentId)))
      throw new ValidationFailed('departmentId', 'unknown_reference', {
        params: { entity: 'department', id: departmentId },
      });
    if (await this.milestones.findByProjectAndItem(projectId, item.code)) {
      throw new DomainError(
        'conflict',
        `itemCode: project ${project.code} already has a milestone for ${item.code}`,
        { code: 'milestone_duplicate', params: { project: project.code, itemCode: item.code } },
      );
    }
    const created = await this.milestones.create({
      projectId,
      itemCode: item.code,
      departmentId,
      state: MilestoneState.planned,
    });
    return this.get(created.id, { kind: 'all' });
  }

  /**
   * Remove a milestone added by mistake: only while it has no events (409 `milestone_has_events`
   * once it has — its history is kept). Audited like every write of a milestone.
   */
  async remove(id: string): Promise<void> {
    const departmentId = await this.transactions.runOnce(async (manager) => {
      const locked = await this.milestones.lockById(id, manager);
      if (!locked) throw new NotFound('milestone', id);
      const events = await this.milestones.events(id, manager);
      if (events.length > 0)
        throw DomainError.coded(
          'conflict',
          'milestone_has_events',
          { field: 'id', id },
          { events: events.length },
        );
      const departmentId = locked.departmentId;
      await this.milestones.remove(locked, manager);
      return departmentId;
    });
    await this.live.changed('milestone', departmentId);
  }

  /**
   * Record an event (domain §4): a department only on its own milestones (others: 404, as if absent),
   * a leader only extensions; the state machine decides what is allowed now (409 otherwise).
   */
  async record(
    id: string,
    input: MilestoneEventDto,
    principal: Principal,
    scope: AccessScope,
  ): Promise<MilestoneDetail> {
    const visible = await this.milestones.findVisible(id, scope);
    if (!visible) throw new NotFound('milestone', id);
    if (principal.role === 'leader' && input.type !== 'extend') {
      throw DomainError.coded('forbidden', 'leader_extensions_only', { type: input.type });
    }
    const now = this.clock.now();
    const at = input.at ? new Date(input.at) : now;
    // Every query of the transaction goes through its manager (a second pool connection asked for
    // here would deadlock the pool under load); a deadlock or lock wait runs it again (bounded).
    await this.transactions.run((manager) =>
      this.recordWithin(manager, visible, { ...input, at, note: input.note?.trim() || null }, principal, now),
    );
    await this.live.changed('milestone', visible.departmentId);
    return this.get(id, scope);
  }

  /**
   * Validate and write one event of a milestone inside the caller's transaction, by the rules of an
   * event entered by hand (domain §4): the milestone locked, the state machine on its events and the
   * clock, `accept` refused while the project has no project code (routes-and-forecast.md §1, except
   * FILING), the clock recomputed and stored. The import of approval steps records through this too.
   */
  async recordWithin(
    manager: EntityManager,
    milestone: Pick<
      MilestoneRow,
      'id' | 'projectId' | 'projectCode' | 'itemCode' | 'itemName' | 'contractAmount'
    >,
    input: Omit<EventRequest, 'actorRole'> & { note?: string | null },
    principal: Principal,
    now: Date,
  ): Promise<MilestoneEventEntity> {
    const id = milestone.id;
    const locked = await this.milestones.lockById(id, manager);
    if (!locked) throw new NotFound('milestone', id);
    const events = await this.milestones.events(id, manager);
    const context = await this.clocks.contextFor(milestone, manager);
    const event = validateEvent(
      toDomainEvents(events),
      {
        type: input.type,
        at: input.at,
        days: input.days ?? null,
        reason: input.reason ?? null,
        missingMaterials: input.missingMaterials ?? null,
        cureDeadline: input.cureDeadline ?? null,
        byPromise: input.byPromise ?? null,
        verifyBy: input.verifyBy ?? null,
        actorRole: principal.role,
      },
      context,
      now,
    );
    if (
      event.type === 'accept' &&
      acceptNeedsProjectCode(
        milestone.itemCode,
        await this.projects.projectCodeOf(milestone.projectId, manager),
      )
    )
      throw DomainError.coded('conflict', 'project_code_required', {
        field: 'type',
        project: milestone.projectCode,
        itemCode: milestone.itemCode,
        itemName: milestone.itemName,
      });
    const saved = await this.milestones.addEvent(
      {
        milestoneId: id,
        type: event.type,
        at: event.at,
        days: event.days ?? null,
        reason: event.reason ?? null,
        missingMaterials: event.missingMaterials?.length ? JSON.stringify(event.missingMaterials) : null,
        cureDeadline: event.cureDeadline ?? null,
        byPromise: Boolean(event.byPromise),
        verifyBy: event.verifyBy ?? null,
        note: input.note ?? null,
        actorUserId: principal.userId,
        recordedAt: now,
      },
      manager,
    );
    const clock = computeClock(toDomainEvents([...events, saved]), context, now);
    await this.milestones.writeDerived(id, derivedOf(clock), manager);
    return saved;
  }
}
