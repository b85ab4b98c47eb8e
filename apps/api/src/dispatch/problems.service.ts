import { Injectable } from '@nestjs/common';
import type { Problem, ProblemDetail } from '@luodi/contracts';
import {
  type AccessScope,
  allowedProblemActions,
  businessDateOf,
  isProblemOverdue,
  ProblemAction,
  NotFound,
  type Principal,
  type ProblemRelation,
  ProblemEventType,
  ProblemStatus,
  ProblemSubjectType,
  problemCode,
  transitionProblem,
  ValidationFailed,
  type WorkingCalendar,
} from '@luodi/domain';
import {
  DepartmentRepository,
  KeyWorkRepository,
  type ProblemEntity,
  type ProblemListFilter,
  ProblemRepository,
  type ProblemRow,
  ProjectRepository,
  Transactions,
} from '@luodi/persistence';
import { CalendarService, Clock } from '@luodi/server-core';
import type { EntityManager } from 'typeorm';
import type { Page } from '../common/pagination';
import { FiguresPublisher } from '../live/figures-publisher';
import type {
  CreateProblemDto,
  ProblemAssignmentDto,
  ProblemFilterDto,
  ProblemTransitionDto,
} from './problems.dto';

/** A change a meeting decision makes to a problem (dispatch.md §2). */
export interface ProblemChange {
  ownerDepartmentId?: string;
  coDepartmentIds?: string[];
  dueDate?: string;
  leadOfficial?: string | null;
  supervised?: boolean;
}

/** How the caller stands to a problem: its department owns it, co-owns it, or neither. */
export function relationOf(principal: Pick<Principal, 'departmentId'>, row: ProblemRow): ProblemRelation {
  if (!principal.departmentId) return 'none';
  if (row.ownerDepartmentId === principal.departmentId) return 'owner';
  return row.coDepartments.some((department) => department.id === principal.departmentId)
    ? 'co_owner'
    : 'none';
}

/** Problems (问题清单, dispatch.md §1): raise, list, move through their states. */
@Injectable()
export class ProblemsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly problems: ProblemRepository,
    private readonly projects: ProjectRepository,
    private readonly keyWorks: KeyWorkRepository,
    private readonly departments: DepartmentRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly live: FiguresPublisher,
  ) {}

  today(): string {
    return businessDateOf(this.clock.now());
  }

  /** A list row: the stored problem, whether it is overdue today, and what the caller may do. */
  view(
    row: ProblemRow,
    principal: Pick<Principal, 'role' | 'departmentId'>,
    calendar: WorkingCalendar,
    today: string,
  ): Problem {
    const overdue = isProblemOverdue(row, today);
    return {
      ...row,
      category: row.category as Problem['category'],
      overdue,
      overdueWorkingDays: overdue ? calendar.workingDaysAfterUpTo(row.dueDate, today) : 0,
      actions: allowedProblemActions(row.status, principal.role, relationOf(principal, row)),
    };
  }

  static filterOf(query: ProblemFilterDto): ProblemListFilter {
    return {
      category: query.category,
      ownerDepartmentId: query.ownerDepartmentId,
      status: query.status,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      open: query.open === 'true' ? true : undefined,
      subjectType: query.subjectType,
      subjectId: query.subjectId,
      projectId: query.projectId,
      closedFrom: query.closedFrom,
      closedTo: query.closedTo,
    };
  }

  async list(
    query: ProblemFilterDto,
    scope: AccessScope,
    principal: Principal,
    paged = true,
  ): Promise<Page<Problem>> {
    const today = this.today();
    const { items, total } = await this.problems.list(
      ProblemsService.filterOf(query),
      scope,
      today,
      paged ? { page: query.page, pageSize: query.pageSize } : null,
    );
    const calendar = await this.calendar.calendar();
    return { items: items.map((row) => this.view(row, principal, calendar, today)), total };
  }

  async get(id: string, scope: AccessScope, principal: Principal): Promise<ProblemDetail> {
    const row = await this.problems.findVisible(id, scope);
    if (!row) throw new NotFound('problem', id);
    const events = await this.problems.events(id);
    return {
      ...this.view(row, principal, await this.calendar.calendar(), this.today()),
      events: events.map((event) => ({
        id: event.id,
        type: event.type,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        text: event.text,
        meetingId: event.meetingId,
        actorUserId: event.actorUserId,
        at: event.at.toISOString(),
      })),
    };
  }

  /** The owner and co-owners exist; the due date is not before `raisedAt`. */
  async checkAssignment(
    input: ProblemAssignmentDto | ProblemChange,
    raisedAt: string,
    manager?: EntityManager,
  ): Promise<void> {
    const ids = [
      ...(input.ownerDepartmentId ? [['ownerDepartmentId', input.ownerDepartmentId] as const] : []),
      ...(input.coDepartmentIds ?? []).map((id) => ['coDepartmentIds', id] as const),
    ];
    for (const [field, id] of ids) {
      if (!(await this.departments.findById(id, manager)))
        throw new ValidationFailed(field, 'unknown_department', { params: { id } });
    }
    if (input.dueDate !== undefined && input.dueDate < raisedAt)
      throw new ValidationFailed('dueDate', 'due_date_before_raised', { params: { raisedAt } });
  }

  /** Raise a problem of a project or a key work (gap-free code WT-YYYY-NNNN in the same transaction). */
  async create(
    input: CreateProblemDto,
    principal: Principal,
    options: { meetingId?: string } = {},
  ): Promise<ProblemDetail> {
    const projectId = await this.projectOf(input.subjectType, input.subjectId);
    const id = await this.transactions.run((manager) =>
      this.createIn(input, projectId, principal, manager, options),
    );
    const created = await this.get(id, { kind: 'all' }, principal);
    await this.live.changed('problem', created.ownerDepartmentId);
    return created;
  }

  /**
   * `create` inside the caller's transaction (a meeting decision); `projectId` is the subject's
   * project, looked up before the transaction (`projectOf`). Returns the new id.
   */
  async createIn(
    input: CreateProblemDto,
    projectId: string,
    principal: Principal,
    manager: EntityManager,
    options: { meetingId?: string } = {},
  ): Promise<string> {
    const today = this.today();
    const raisedAt = input.raisedAt ?? today;
    if (raisedAt > today) throw new ValidationFailed('raisedAt', 'date_in_future', { params: { today } });
    await this.checkAssignment(input, raisedAt, manager);
    const ownerId = input.ownerDepartmentId;
    const coIds = [...new Set(input.coDepartmentIds ?? [])].filter((coId) => coId !== ownerId);
    const n = await this.problems.nextCodeNumber(Number(raisedAt.slice(0, 4)), manager);
    const created = await this.problems.create(
      {
        code: problemCode(Number(raisedAt.slice(0, 4)), n),
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        projectId,
        category: input.category,
        description: input.description.trim(),
        raisedBy: principal.userId,
        raisedAt,
        ownerDepartmentId: ownerId,
        leadOfficial: input.leadOfficial?.trim() || null,
        dueDate: input.dueDate,
        status: ProblemStatus.open,
        supervised: false,
      },
      coIds,
      manager,
    );
    await this.problems.addEvent(
      {
        problemId: created.id,
        type: ProblemEventType.raised,
        fromStatus: null,
        toStatus: ProblemStatus.open,
        text: input.description.trim(),
        dueDate: input.dueDate,
        ownerDepartmentId: ownerId,
        meetingId: options.meetingId ?? null,
        actorUserId: principal.userId,
        at: this.clock.now(),
      },
      manager,
    );
    return created.id;
  }

  /** The project of a problem's subject (404 when there is no such project or key work). */
  async projectOf(subjectType: CreateProblemDto['subjectType'], subjectId: string): Promise<string> {
    if (subjectType === ProblemSubjectType.project) {
      const project = await this.projects.findVisible(subjectId, { kind: 'all' });
      if (!project) throw new NotFound('project', subjectId);
      return project.id;
    }
    const keyWork = await this.keyWorks.findVisible(subjectId, { kind: 'all' });
    if (!keyWork) throw new NotFound('key work', subjectId);
    return keyWork.projectId;
  }

  /**
   * A transition (dispatch.md §1): a department only on problems it owns or co-owns (others: 404, as
   * if absent), only the owner moves it along (403), only from the right state (409).
   */
  async transition(
    id: string,
    input: ProblemTransitionDto,
    principal: Principal,
    scope: AccessScope,
  ): Promise<ProblemDetail> {
    await this.transactions.run(async (manager) => {
      const row = await this.problems.findVisible(id, scope, manager);
      if (!row) throw new NotFound('problem', id);
      const locked = await this.problems.lockById(id, manager);
      if (!locked) throw new NotFound('problem', id);
      const to = transitionProblem(
        locked.status,
        input.action,
        { role: principal.role, relation: relationOf(principal, row) },
        input.text,
      );
      const now = this.clock.now();
      const today = businessDateOf(now);
      const changes: Partial<ProblemEntity> = { status: to };
      if (to === ProblemStatus.resolved) changes.resolvedOn = today;
      if (input.action === ProblemAction.reject) changes.resolvedOn = null;
      if (to === ProblemStatus.closed) Object.assign(changes, { closedOn: today, closedAt: now });
      const from = locked.status;
      await this.problems.update(locked, changes, manager);
      await this.problems.addEvent(
        {
          problemId: id,
          type: input.action,
          fromStatus: from,
          toStatus: to,
          text: input.text?.trim() || null,
          meetingId: null,
          actorUserId: principal.userId,
          at: now,
        },
        manager,
      );
    });
    const changed = await this.get(id, scope, principal);
    await this.live.changed('problem', changed.ownerDepartmentId);
    return changed;
  }

  /**
   * A meeting decision's change to a problem (new owner, co-owners, due date, 包抓领导, 督办), inside
   * the meeting's transaction; each change is an event of the problem's history.
   */
  async changeIn(
    id: string,
    change: ProblemChange,
    principal: Principal,
    meetingId: string,
    manager: EntityManager,
  ): Promise<ProblemEntity> {
    const locked = await this.problems.lockById(id, manager);
    if (!locked) throw new NotFound('problem', id);
    if (locked.status === ProblemStatus.closed)
      throw new ValidationFailed('problemId', 'problem_closed', { params: { problemCode: locked.code } });
    await this.checkAssignment(change, locked.raisedAt, manager);
    const now = this.clock.now();
    const event = (
      type: ProblemEventType,
      text: string,
      set: { dueDate?: string; ownerDepartmentId?: string } = {},
    ) =>
      this.problems.addEvent(
        {
          problemId: id,
          type,
          fromStatus: null,
          toStatus: null,
          text,
          dueDate: set.dueDate ?? null,
          ownerDepartmentId: set.ownerDepartmentId ?? null,
          meetingId,
          actorUserId: principal.userId,
          at: now,
        },
        manager,
      );
    const changes: Partial<ProblemEntity> = {};
    if (change.ownerDepartmentId && change.ownerDepartmentId !== locked.ownerDepartmentId) {
      changes.ownerDepartmentId = change.ownerDepartmentId;
      await event(ProblemEventType.reassigned, `${locked.ownerDepartmentId} → ${change.ownerDepartmentId}`, {
        ownerDepartmentId: change.ownerDepartmentId,
      });
    }
    if (change.dueDate && change.dueDate !== locked.dueDate) {
      changes.dueDate = change.dueDate;
      await event(ProblemEventType.due_changed, `${locked.dueDate} → ${change.dueDate}`, {
        dueDate: change.dueDate,
      });
    }
    if (change.leadOfficial !== undefined) changes.leadOfficial = change.leadOfficial?.trim() || null;
    if (change.supervised && !locked.supervised) {
      changes.supervised = true;
      await event(ProblemEventType.supervised, '督办');
    }
    const owner = changes.ownerDepartmentId ?? locked.ownerDepartmentId;
    if (change.coDepartmentIds)
      await this.problems.setCoDepartments(
        id,
        [...new Set(change.coDepartmentIds)].filter((coId) => coId !== owner),
        manager,
      );
    if (Object.keys(changes).length) await this.problems.update(locked, changes, manager);
    return locked;
  }
}
