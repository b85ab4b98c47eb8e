import { Inject, Injectable } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import {
  type AccessScope,
  type AlertLevel,
  alertRemainingWorkingDays,
  businessDateOf,
  DomainError,
  isProvisionalDeadline,
  NotFound,
  type Principal,
  StateConflict,
  type WorkingCalendar,
} from '@luodi/domain';
import { liveChannel } from '@luodi/jobs';
import { AlertRepository, type AlertRow, appendAudit, Transactions } from '@luodi/persistence';
import { CalendarService, Clock, SERVER_CONFIG } from '@luodi/server-core';
import type { Alert, AlertAnswer, AlertDetail, AlertEvent, AlertWithEvents } from '@luodi/contracts';
import type { Redis } from 'ioredis';
import { currentActor } from '../auth/request-context';
import type { Page } from '../common/pagination';
import { API_REDIS } from '../redis/redis.module';
import type { AckDto, AlertQueryDto, AnswerDto } from './alerts.dto';

/**
 * An alert as the API answers it, its lateness counted on `calendar` today. `confirmedYears` (the
 * calendar's known years) marks a deadline as provisional (待确认) while its year has no holiday
 * arrangement.
 */
export function alertView(
  row: AlertRow,
  calendar: WorkingCalendar,
  today: string,
  confirmedYears: ReadonlySet<number>,
): Alert {
  const detail = row.detail ? (JSON.parse(row.detail) as AlertDetail) : null;
  const deadline =
    row.milestoneDeadline ?? (typeof detail?.['deadline'] === 'string' ? detail['deadline'] : null);
  return {
    id: row.id,
    kind: row.kind,
    // The columns hold what the rules wrote: a level 1–3; an answer's fields all set together.
    level: row.level as AlertLevel,
    status: row.status,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    projectId: row.projectId,
    projectCode: row.projectCode,
    projectName: row.projectName,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    deadlineProvisional: row.status !== 'resolved' && isProvisionalDeadline(deadline, confirmedYears),
    itemCode: row.itemCode,
    itemName: row.itemName,
    deadline: row.milestoneDeadline,
    remainingWorkingDays: alertRemainingWorkingDays(row, calendar, today),
    acknowledgedLevel: row.acknowledgedLevel as AlertLevel | null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    ackNote: row.ackNote,
    answer: row.answerCategory
      ? ({
          category: row.answerCategory,
          cause: row.answerCause,
          measures: row.answerMeasures,
          expectedDate: row.answerExpectedDate,
          answeredAt: row.answeredAt?.toISOString() ?? null,
        } as AlertAnswer)
      : null,
    detail,
    raisedAt: row.raisedAt.toISOString(),
    levelSince: row.levelSince.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    notice: row.noticeId && row.noticeNumber ? { id: row.noticeId, number: row.noticeNumber } : null,
  };
}

@Injectable()
export class AlertsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly alerts: AlertRepository,
    @Inject(API_REDIS) private readonly redis: Redis,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
  ) {}

  /** The view of rows, with their lateness counted on today's calendar. */
  private async views(rows: AlertRow[]): Promise<Alert[]> {
    const calendar = await this.calendars.calendar();
    const confirmed = await this.calendars.confirmedYears();
    const today = businessDateOf(this.clock.now());
    return rows.map((row) => alertView(row, calendar, today, confirmed));
  }

  async list(query: AlertQueryDto, scope: AccessScope): Promise<Page<Alert>> {
    const { items, total } = await this.alerts.list(
      {
        status: query.status,
        kind: query.kind,
        level: query.level,
        departmentId: query.departmentId,
        q: query.q,
      },
      scope,
      { page: query.page, pageSize: query.pageSize },
    );
    return { items: await this.views(items), total };
  }

  async get(id: string, scope: AccessScope): Promise<AlertWithEvents> {
    const row = await this.alerts.findVisible(id, scope);
    if (!row) throw new NotFound('alert', id);
    const events = await this.alerts.events(id);
    return {
      ...(await this.views([row]))[0]!,
      events: events.map((event): AlertEvent => ({
        type: event.type,
        level: event.level as AlertLevel | null,
        at: new Date(event.at).toISOString(),
        actorUsername: event.actorUsername,
        note: event.note,
      })),
    };
  }

  /** 签收: the alert's own department acknowledges its current level (an admin may too). */
  async acknowledge(
    id: string,
    input: AckDto,
    principal: Principal,
    scope: AccessScope,
  ): Promise<AlertWithEvents> {
    const visible = await this.own(id, principal, scope, 'acknowledge');
    await this.transactions.runOnce(async (manager) => {
      const alert = await this.alerts.lockById(id, manager);
      if (!alert) throw new NotFound('alert', id);
      if (alert.status === 'resolved')
        throw new StateConflict('resolved', 'a resolved alert needs no acknowledgement', 'alert_resolved');
      if (alert.acknowledgedLevel === alert.level) {
        throw new StateConflict(
          'acknowledged',
          `level ${alert.level} is already acknowledged`,
          'alert_already_acknowledged',
          {
            level: alert.level,
          },
        );
      }
      const now = this.clock.now();
      await this.alerts.update(
        id,
        {
          status: 'acknowledged',
          acknowledgedLevel: alert.level,
          acknowledgedAt: now,
          acknowledgedBy: principal.userId,
          ackNote: input.note,
        },
        manager,
      );
      await this.alerts.addEvent(
        {
          alertId: id,
          type: 'acknowledged',
          level: alert.level,
          at: now,
          actorUserId: principal.userId,
          note: input.note,
        },
        manager,
      );
      await appendAudit(manager, currentActor(), {
        action: 'alert.acknowledge',
        entityType: 'alert',
        entityId: id,
        after: { level: alert.level, note: input.note },
      });
    });
    await this.publish(visible, 'acknowledged');
    return this.get(id, scope);
  }

  /** 反馈: after acknowledging, the department answers with a category, cause, measures and a date. */
  async answer(
    id: string,
    input: AnswerDto,
    principal: Principal,
    scope: AccessScope,
  ): Promise<AlertWithEvents> {
    const visible = await this.own(id, principal, scope, 'answer');
    const changed = await this.transactions.run(async (manager) => {
      const alert = await this.alerts.lockById(id, manager);
      if (!alert) throw new NotFound('alert', id);
      if (alert.status === 'resolved')
        throw new StateConflict('resolved', 'a resolved alert takes no answer', 'alert_resolved');
      if (alert.acknowledgedLevel === null)
        throw new StateConflict(
          alert.status,
          'acknowledge the alert before answering it',
          'alert_not_acknowledged',
        );
      // The same answer again at the same level (a double click, a retried request) is a no-op:
      // answered as before, with no new event and no audit entry.
      if (
        alert.answeredAt !== null &&
        alert.answeredAt.getTime() >= new Date(alert.levelSince).getTime() &&
        alert.answerCategory === input.category &&
        alert.answerCause === input.cause &&
        alert.answerMeasures === input.measures &&
        alert.answerExpectedDate === input.expectedDate
      )
        return false;
      const now = this.clock.now();
      await this.alerts.update(
        id,
        {
          answerCategory: input.category,
          answerCause: input.cause,
          answerMeasures: input.measures,
          answerExpectedDate: input.expectedDate,
          answeredAt: now,
          answeredBy: principal.userId,
        },
        manager,
      );
      await this.alerts.addEvent(
        {
          alertId: id,
          type: 'answered',
          level: alert.level,
          at: now,
          actorUserId: principal.userId,
          note: input.cause,
        },
        manager,
      );
      await appendAudit(manager, currentActor(), {
        action: 'alert.answer',
        entityType: 'alert',
        entityId: id,
        after: input,
      });
      return true;
    });
    if (changed) await this.publish(visible, 'answered');
    return this.get(id, scope);
  }

  /** A department acts on its own alerts only (others are 404 through the scope); an admin on any. */
  private async own(id: string, principal: Principal, scope: AccessScope, action: string): Promise<AlertRow> {
    const row = await this.alerts.findVisible(id, scope);
    if (!row) throw new NotFound('alert', id);
    if (principal.role !== 'admin' && principal.role !== 'department') {
      throw new DomainError(
        'forbidden',
        `role "${principal.role}" may not ${action} alerts: the department does`,
        { code: 'role_not_allowed', params: { role: principal.role, route: `${action} alerts` } },
      );
    }
    return row;
  }

  private async publish(row: AlertRow, change: string): Promise<void> {
    await this.redis
      .publish(
        liveChannel(this.config.QUEUE_PREFIX),
        JSON.stringify({
          type: 'alert',
          change,
          alertId: row.id,
          kind: row.kind,
          level: row.level,
          departmentId: row.departmentId,
        }),
      )
      .catch(() => undefined);
  }
}
