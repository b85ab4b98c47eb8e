import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { ServerConfig } from '@luodi/config';
import {
  type AlertLevel,
  type AlertSubjectType,
  businessDateOf,
  type Condition,
  MilestoneState,
  recipientsOf,
  targetLevel,
} from '@luodi/domain';
import {
  type AlertEntity,
  AlertRepository,
  DeliveryRepository,
  type DeliveryEntity,
  DepartmentRepository,
  Transactions,
  isDuplicateKey,
  isLockError,
  SettingsRepository,
} from '@luodi/persistence';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../calendar.service';
import { Clock } from '../clock';
import { SERVER_CONFIG } from '../config.module';
import { MilestoneClockService } from './milestone-clock.service';
import {
  type CheckContext,
  checkSubjectSources,
  type ConditionSource,
  producesKind,
  SUBJECT_SOURCE,
} from './subject-source';

export interface CheckResult {
  raised: number;
  escalated: number;
  resolved: number;
  deemedApproved: number;
}

/**
 * The stall checks (domain §5): move milestone clocks forward, ask each registered subject source
 * (milestone, project, key work: see ./sources) for the conditions that hold, and bring the alerts in line — raise, escalate, resolve — each alert change together with its
 * outbox deliveries in one transaction. Repeat-safe and safe on any number of workers at once: the
 * unique key (subject, kind) and the row lock make a second run find nothing to do.
 */
@Injectable()
export class ChecksService implements OnModuleInit {
  private readonly logger = new Logger(ChecksService.name);
  /** One source per subject type, in registration order. */
  private readonly sources = new Map<AlertSubjectType, ConditionSource>();

  constructor(
    private readonly transactions: Transactions,
    private readonly clocks: MilestoneClockService,
    private readonly calendar: CalendarService,
    private readonly settings: SettingsRepository,
    private readonly alerts: AlertRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly departments: DepartmentRepository,
    private readonly clock: Clock,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  async run(now = this.clock.now()): Promise<CheckResult> {
    const clockChanges = await this.clocks.refreshDue(now);
    const deemedApproved = clockChanges.filter(
      (change) =>
        change.after.state === MilestoneState.deemed_approved &&
        change.before.state !== MilestoneState.deemed_approved,
    ).length;
    const today = businessDateOf(now);
    const [settings, calendar, unresolved] = await Promise.all([
      this.settings.get(),
      this.calendar.calendar(),
      this.alerts.unresolvedSubjects(),
    ]);
    const idsOf = (type: string) =>
      unresolved.filter((subject) => subject.subjectType === type).map((subject) => subject.subjectId);

    const context: CheckContext = { now, today, settings, calendar };
    const conditions: Condition[] = [];
    const evaluated = new Map<AlertSubjectType, Set<string>>();
    for (const [subjectType, source] of this.sources) {
      const found = await source.conditions(context, idsOf(subjectType));
      evaluated.set(subjectType, new Set(found.evaluated));
      for (const condition of found.conditions) {
        if (!producesKind(subjectType, condition.kind) || condition.subjectType !== subjectType)
          throw new Error(`source "${subjectType}" produced a condition of kind "${condition.kind}"`);
        conditions.push(condition);
      }
    }

    const result: CheckResult = { raised: 0, escalated: 0, resolved: 0, deemedApproved };
    const holding = new Set<string>();
    for (const condition of conditions) {
      holding.add(`${condition.subjectType}:${condition.subjectId}:${condition.kind}`);
      const outcome = await this.apply(condition, calendar, today, now);
      if (outcome === 'raised') result.raised += 1;
      if (outcome === 'escalated') result.escalated += 1;
    }
    // Alerts whose condition has cleared resolve themselves.
    for (const [subjectType, ids] of evaluated) {
      for (const alert of await this.alerts.unresolvedOf(subjectType, [...ids])) {
        if (holding.has(`${alert.subjectType}:${alert.subjectId}:${alert.kind}`)) continue;
        if (await this.resolve(alert.id, now)) result.resolved += 1;
      }
    }
    if (result.raised || result.escalated || result.resolved || result.deemedApproved) {
      this.logger.log(`checks: ${JSON.stringify(result)}`);
    }
    return result;
  }

  /**
   * Finds the @SubjectSource providers and checks that every subject type that produces an alert
   * kind has exactly one (the worker's job handlers are found and checked the same way).
   */
  onModuleInit(): void {
    const found: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.metatype || !instance || typeof instance !== 'object') continue;
      const subjectType = this.reflector.get<AlertSubjectType | undefined>(SUBJECT_SOURCE, wrapper.metatype);
      if (!subjectType) continue;
      found.push(subjectType);
      this.sources.set(subjectType, instance as ConditionSource);
    }
    const problems = checkSubjectSources(found);
    if (problems.length > 0) throw new Error(`alert source check failed: ${problems.join('; ')}`);
  }

  /** Raise, escalate or leave one alert, with its deliveries, in one transaction under its row lock. */
  private async apply(
    condition: Condition,
    calendar: Awaited<ReturnType<CalendarService['calendar']>>,
    today: string,
    now: Date,
  ): Promise<'raised' | 'escalated' | 'none'> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.transactions.runOnce(async (manager) => {
          const existing = await this.alerts.lockBySubject(
            condition.subjectType,
            condition.subjectId,
            condition.kind,
            manager,
          );
          const level = targetLevel(
            condition,
            existing
              ? {
                  level: existing.level as AlertLevel,
                  acknowledgedLevel: (existing.acknowledgedLevel as AlertLevel | null) ?? null,
                  levelSinceDay: businessDateOf(existing.levelSince),
                  resolved: existing.status === 'resolved',
                }
              : null,
            calendar,
            today,
          );
          const detail = JSON.stringify(condition.detail);
          if (!existing) {
            const created = await this.alerts.insert(
              {
                kind: condition.kind,
                subjectType: condition.subjectType,
                subjectId: condition.subjectId,
                projectId: condition.projectId,
                departmentId: condition.departmentId,
                level,
                status: 'open',
                detail,
                raisedAt: now,
                levelSince: now,
              },
              manager,
            );
            await this.alerts.addEvent({ alertId: created.id, type: 'raised', level, at: now }, manager);
            await this.queueDeliveries(created.id, 0, level, condition.departmentId, now, manager);
            return 'raised';
          }
          if (existing.status === 'resolved') {
            await this.alerts.update(
              existing.id,
              {
                level,
                round: existing.round + 1,
                status: 'open',
                acknowledgedLevel: null,
                acknowledgedAt: null,
                acknowledgedBy: null,
                ackNote: null,
                detail,
                levelSince: now,
                resolvedAt: null,
              },
              manager,
            );
            await this.alerts.addEvent({ alertId: existing.id, type: 'reopened', level, at: now }, manager);
            await this.queueDeliveries(
              existing.id,
              existing.round + 1,
              level,
              condition.departmentId,
              now,
              manager,
            );
            return 'raised';
          }
          if (level > existing.level) {
            await this.alerts.update(
              existing.id,
              { level, status: 'open', detail, levelSince: now },
              manager,
            );
            await this.alerts.addEvent({ alertId: existing.id, type: 'level_up', level, at: now }, manager);
            await this.queueDeliveries(
              existing.id,
              existing.round,
              level,
              condition.departmentId,
              now,
              manager,
            );
            return 'escalated';
          }
          if (existing.detail !== detail) await this.alerts.update(existing.id, { detail }, manager);
          return 'none';
        });
      } catch (error) {
        // Two checks raised the same alert at once: the unique key let one in; look again.
        if ((isDuplicateKey(error) || isLockError(error)) && attempt < 5) continue;
        throw error;
      }
    }
  }

  private async resolve(id: string, now: Date): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const alert = await this.alerts.lockById(id, manager);
      if (!alert || alert.status === 'resolved') return false;
      await this.alerts.update(id, { status: 'resolved', resolvedAt: now }, manager);
      await this.alerts.addEvent({ alertId: id, type: 'resolved', level: alert.level, at: now }, manager);
      return true;
    });
  }

  /** The outbox rows of a level: in-app always, e-mail and webhook where the department has them. */
  private async queueDeliveries(
    alertId: string,
    round: number,
    level: AlertLevel,
    departmentId: string | null,
    now: Date,
    manager: EntityManager,
  ): Promise<void> {
    const department = departmentId === null ? null : await this.departments.findById(departmentId, manager);
    const rows: Array<Partial<DeliveryEntity>> = [];
    for (const recipient of recipientsOf(level, departmentId)) {
      const row = {
        alertId,
        round,
        level,
        recipient,
        status: 'pending' as const,
        attempts: 0,
        generation: 0,
        createdAt: now,
      };
      rows.push({ ...row, id: randomUUID(), channel: 'in_app', target: null });
      if (recipient.startsWith('department:') && department) {
        if (department.email && this.config.SMTP_URL)
          rows.push({ ...row, id: randomUUID(), channel: 'email', target: department.email });
        if (department.webhookUrl)
          rows.push({ ...row, id: randomUUID(), channel: 'webhook', target: department.webhookUrl });
      }
    }
    await this.deliveries.addMany(rows, manager);
  }

  /** For answers: an alert as a plain object (used by the live stream and webhooks). */
  static summary(alert: AlertEntity) {
    return {
      alertId: alert.id,
      kind: alert.kind,
      level: alert.level,
      status: alert.status,
      departmentId: alert.departmentId,
      projectId: alert.projectId,
    };
  }
}
