import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import {
  addCalendarDays,
  type AlertLevel,
  businessDateOf,
  type Condition,
  keyWorkConditions,
  milestoneConditions,
  MilestoneState,
  nextMonth,
  projectConditions,
  recipientsOf,
  scheduleRate,
  targetLevel,
} from '@luodi/domain';
import {
  type AlertEntity,
  AlertRepository,
  DeliveryRepository,
  type DeliveryEntity,
  DepartmentRepository,
  inTransaction,
  isLockError,
  KeyWorkRepository,
  MilestoneRepository,
  ProjectRepository,
  SettingsRepository,
} from '@luodi/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar.service';
import { SERVER_CONFIG } from '../config.module';
import { MilestoneClockService } from '../milestone-clock.service';

export interface CheckResult {
  raised: number;
  escalated: number;
  resolved: number;
  deemedApproved: number;
}

/** A report for month M is due by the 5th working day of month M+1 (domain §3). */
const REPORT_DUE_WORKING_DAY = 5;

/**
 * The stall checks (domain §5): move milestone clocks forward, work out every condition of what is
 * due, and bring the alerts in line — raise, escalate, resolve — each alert change together with its
 * outbox deliveries in one transaction. Repeat-safe and safe on any number of workers at once: the
 * unique key (subject, kind) and the row lock make a second run find nothing to do.
 */
@Injectable()
export class ChecksService {
  private readonly logger = new Logger(ChecksService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clocks: MilestoneClockService,
    private readonly calendar: CalendarService,
    private readonly settings: SettingsRepository,
    private readonly alerts: AlertRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly milestones: MilestoneRepository,
    private readonly projects: ProjectRepository,
    private readonly keyWorks: KeyWorkRepository,
    private readonly departments: DepartmentRepository,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  async run(now = new Date()): Promise<CheckResult> {
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

    const conditions: Condition[] = [];
    const evaluated = new Map<string, Set<string>>([
      ['milestone', new Set()],
      ['project', new Set()],
      ['key_work', new Set()],
    ]);
    for (const milestone of await this.milestones.alertFacts(idsOf('milestone'))) {
      evaluated.get('milestone')!.add(milestone.id);
      conditions.push(...milestoneConditions(milestone));
    }
    const projectFacts = await this.projects.stallFacts(
      addCalendarDays(today, -settings.notRegisteredDays),
      addCalendarDays(today, -settings.notStartedDays),
      idsOf('project'),
    );
    for (const project of projectFacts) {
      evaluated.get('project')!.add(project.id);
      conditions.push(...projectConditions(project, today, settings));
    }
    conditions.push(
      ...(await this.keyWorkConditions(today, calendar, idsOf('key_work'), evaluated.get('key_work')!)),
    );

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

  private async keyWorkConditions(
    today: string,
    calendar: Awaited<ReturnType<CalendarService['calendar']>>,
    extraIds: string[],
    evaluated: Set<string>,
  ): Promise<Condition[]> {
    const year = Number(today.slice(0, 4));
    const years = new Set([year]);
    const conditions: Condition[] = [];
    // Key works of earlier years only while they have unresolved alerts.
    for (const id of extraIds) {
      const keyWork = await this.keyWorks.findVisible(id, { kind: 'all' });
      if (keyWork) years.add(keyWork.year);
    }
    for (const keyWorkYear of years) {
      const due = this.dueMonths(keyWorkYear, today, calendar);
      const reports = new Map<string, Map<string, string>>();
      for (const report of await this.keyWorks.reportsForYear(keyWorkYear)) {
        if (!reports.has(report.keyWorkId)) reports.set(report.keyWorkId, new Map());
        reports.get(report.keyWorkId)!.set(report.month, report.completedInvestment);
      }
      for (const row of await this.keyWorks.list(keyWorkYear, { kind: 'all' })) {
        if (keyWorkYear !== year && !extraIds.includes(row.id)) continue;
        evaluated.add(row.id);
        conditions.push(
          ...keyWorkConditions(
            {
              id: row.id,
              projectId: row.projectId,
              departmentId: row.leadDepartmentId,
              year: row.year,
              annualPlanInvestment: row.annualPlanInvestment,
              plannedStartMonth: row.plannedStartMonth,
              startedAt: row.startedAt,
              reports: reports.get(row.id) ?? new Map(),
            },
            today,
            scheduleRate(keyWorkYear, today),
            due,
          ),
        );
      }
    }
    return conditions;
  }

  private dueMonths(
    year: number,
    today: string,
    calendar: Awaited<ReturnType<CalendarService['calendar']>>,
  ): string[] {
    const months: string[] = [];
    for (let month = 1; month <= 12; month += 1) {
      const label = `${year}-${String(month).padStart(2, '0')}`;
      const next = nextMonth(label);
      if (`${next.year}-${String(next.month).padStart(2, '0')}-01` > today) break;
      if (calendar.nthWorkingDayOfMonth(next.year, next.month, REPORT_DUE_WORKING_DAY) < today)
        months.push(label);
    }
    return months;
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
        return await this.dataSource.transaction(async (manager) => {
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
        const code = (error as { driverError?: { code?: string } }).driverError?.code;
        if ((code === 'ER_DUP_ENTRY' || isLockError(error)) && attempt < 5) continue;
        throw error;
      }
    }
  }

  private async resolve(id: string, now: Date): Promise<boolean> {
    return inTransaction(this.dataSource, async (manager) => {
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
    departmentId: string,
    now: Date,
    manager: EntityManager,
  ): Promise<void> {
    const department = await this.departments.findById(departmentId, manager);
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
