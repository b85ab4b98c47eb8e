import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { ServerConfig } from '@luodi/config';
import {
  type AlertLevel,
  type AlertSubjectType,
  businessDateOf,
  type Condition,
  type IsoDate,
  MilestoneState,
  recipientsOf,
  type WorkingCalendar,
} from '@luodi/domain';
import {
  type AlertEntity,
  AlertRepository,
  type CheckedAlert,
  DeliveryRepository,
  type DeliveryEntity,
  type DepartmentEntity,
  DepartmentRepository,
  Transactions,
  isDuplicateKey,
  SettingsRepository,
} from '@luodi/persistence';
import { CalendarService } from '../calendar.service';
import { Clock } from '../clock';
import { SERVER_CONFIG } from '../config.module';
import { MilestoneClockService } from './milestone-clock.service';
import { byNumericId, planChunk, planIsEmpty } from './plan-chunk';
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
 * (milestone, project, key work: see ./sources) for the conditions that hold, and bring the alerts in
 * line — raise, escalate, resolve — set-based, in chunks of CHECKS_CHUNK_SIZE subjects: each chunk's
 * alert changes, their events and their outbox rows in one transaction. Repeat-safe and safe on any
 * number of workers at once: the unique key (subject, kind) and the row locks make a second run find
 * nothing to do; a run that dies between chunks leaves whole chunks behind, and the next run (which
 * compares everything again) does the rest.
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
    // Chunk by subject (all kinds of a subject in one chunk), in subject id order, the same order in
    // every process, so that concurrent runs lock in the same order.
    let written = 0;
    for (const [subjectType, ids] of evaluated) {
      const bySubject = new Map<string, Condition[]>();
      for (const id of ids) bySubject.set(id, []);
      for (const condition of conditions) {
        if (condition.subjectType !== subjectType) continue;
        const list = bySubject.get(condition.subjectId);
        if (list) list.push(condition);
        else bySubject.set(condition.subjectId, [condition]);
      }
      const subjects = [...bySubject.keys()].sort(byNumericId);
      for (let start = 0; start < subjects.length; start += this.config.CHECKS_CHUNK_SIZE) {
        const chunk = subjects.slice(start, start + this.config.CHECKS_CHUNK_SIZE);
        const changed = await this.applyChunk(subjectType, chunk, bySubject, calendar, today, now);
        result.raised += changed.raised;
        result.escalated += changed.escalated;
        result.resolved += changed.resolved;
        if (changed.raised + changed.escalated + changed.resolved > 0) {
          written += 1;
          if (written === this.config.LUODI_TEST_CHECKS_KILL_AFTER_CHUNK) {
            // Tests only (refused outside NODE_ENV=test): die between two committed chunks.
            process.kill(process.pid, 'SIGKILL');
          }
        }
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

  /**
   * Bring the alerts of one chunk of subjects in line with their conditions: a first look without
   * locks (a chunk with nothing to change costs one read), then, if anything changes, one transaction
   * under the alerts' row locks: the new alerts in one multi-row INSERT, the changed ones in one
   * multi-row upsert on (subject, kind), the resolved ones in one UPDATE, then the events and the
   * outbox rows of exactly the alerts that changed. Run again after a deadlock, a lock wait timeout or
   * a (subject, kind) inserted meanwhile by a concurrent check (which the next look then finds).
   */
  private async applyChunk(
    subjectType: AlertSubjectType,
    subjectIds: readonly string[],
    conditions: ReadonlyMap<string, readonly Condition[]>,
    calendar: WorkingCalendar,
    today: IsoDate,
    now: Date,
  ): Promise<ChunkOutcome> {
    const planOf = (existing: readonly CheckedAlert[]) =>
      planChunk(subjectIds, conditions, existing, calendar, today, now);
    if (planIsEmpty(planOf(await this.alerts.ofSubjects(subjectType, subjectIds)))) return NOTHING;
    return this.transactions.run(
      async (manager) => {
        const plan = planOf(await this.alerts.lockBySubjects(subjectType, subjectIds, manager));
        if (planIsEmpty(plan)) return NOTHING;
        await this.alerts.insertMany(
          plan.raised.map((change) => change.row),
          manager,
        );
        await this.alerts.upsertMany(
          [...plan.reopened, ...plan.escalated, ...plan.detailOnly].map((change) => change.row),
          manager,
        );
        await this.alerts.resolveMany(
          plan.resolved.map((alert) => alert.id),
          now,
          manager,
        );
        // The ids of the new alerts (inserted in this transaction, still locked by it).
        const newIds = await this.alerts.idsBySubjectKind(
          subjectType,
          [...new Set(plan.raised.map((change) => change.row.subjectId!))],
          manager,
        );
        const notified = [
          ...plan.raised.map((change) => ({
            ...change,
            id: newIds.get(`${change.row.subjectId}:${change.row.kind}`)!,
            event: 'raised' as const,
          })),
          ...plan.reopened.map((change) => ({ ...change, id: change.row.id!, event: 'reopened' as const })),
          ...plan.escalated.map((change) => ({ ...change, id: change.row.id!, event: 'level_up' as const })),
        ];
        await this.alerts.addEvents(
          [
            ...notified.map((change) => ({
              alertId: change.id,
              type: change.event,
              level: change.row.level!,
              at: now,
            })),
            ...plan.resolved.map((alert) => ({
              alertId: alert.id,
              type: 'resolved' as const,
              level: alert.level,
              at: now,
            })),
          ],
          manager,
        );
        // A district-wide alert (a calendar year) has no department: admins hear of it.
        const departments = await this.departments.byIds(
          notified.flatMap((change) => (change.departmentId === null ? [] : [change.departmentId])),
          manager,
        );
        await this.deliveries.addMany(
          notified.flatMap((change) =>
            this.deliveryRows(
              change.id,
              change.row.round!,
              change.row.level! as AlertLevel,
              change.departmentId,
              change.departmentId === null ? null : (departments.get(change.departmentId) ?? null),
              now,
            ),
          ),
          manager,
        );
        return {
          raised: plan.raised.length + plan.reopened.length,
          escalated: plan.escalated.length,
          resolved: plan.resolved.length,
        };
      },
      { attempts: 6, retryIf: isDuplicateKey, isolation: 'READ COMMITTED' },
    );
  }

  /** The outbox rows of a level: in-app always, e-mail and webhook where the department has them. */
  private deliveryRows(
    alertId: string,
    round: number,
    level: AlertLevel,
    departmentId: string | null,
    department: DepartmentEntity | null,
    now: Date,
  ): Array<Partial<DeliveryEntity>> {
    const rows: Array<Partial<DeliveryEntity>> = [];
    const row = (recipient: string, channel: DeliveryEntity['channel'], target: string | null) => ({
      id: randomUUID(),
      alertId,
      round,
      level,
      recipient,
      channel,
      target,
      status: 'pending' as const,
      attempts: 0,
      generation: 0,
      createdAt: now,
    });
    for (const recipient of recipientsOf(level, departmentId)) {
      rows.push(row(recipient, 'in_app', null));
      if (recipient.startsWith('department:') && department) {
        if (department.email && this.config.SMTP_URL) rows.push(row(recipient, 'email', department.email));
        if (department.webhookUrl) rows.push(row(recipient, 'webhook', department.webhookUrl));
      }
    }
    return rows;
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

interface ChunkOutcome {
  raised: number;
  escalated: number;
  resolved: number;
}

const NOTHING: ChunkOutcome = { raised: 0, escalated: 0, resolved: 0 };
