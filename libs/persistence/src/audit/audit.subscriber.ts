import type {
  DataSource,
  EntitySubscriberInterface,
  InsertEvent,
  ObjectLiteral,
  RemoveEvent,
  UpdateEvent,
} from 'typeorm';
import { AppSettingEntity } from '../entities/app-setting.entity';
import { ApprovalItemEntity } from '../entities/approval-item.entity';
import { CalendarOverrideEntity } from '../entities/calendar-override.entity';
import { DepartmentEntity } from '../entities/department.entity';
import { FundArrivalEntity } from '../entities/fund-arrival.entity';
import { KeyWorkReportEntity } from '../entities/key-work-report.entity';
import { KeyWorkEntity } from '../entities/key-work.entity';
import { LookupItemEntity } from '../entities/lookup-item.entity';
import { MilestoneEventEntity } from '../entities/milestone-event.entity';
import { MilestoneEntity } from '../entities/milestone.entity';
import { ProjectStageEventEntity } from '../entities/project-stage-event.entity';
import { ProjectEntity } from '../entities/project.entity';
import { UserEntity } from '../entities/user.entity';
import { ProblemCoDepartmentEntity, ProblemEntity } from '../entities/problem.entity';
import { ProblemEventEntity } from '../entities/problem-event.entity';
import { MeetingAttendeeEntity, MeetingDecisionEntity, MeetingEntity } from '../entities/meeting.entity';
import { NoticeEntity } from '../entities/notice.entity';
import { SubsidyPaymentEntity } from '../entities/subsidy-payment.entity';
import {
  CommitmentClauseEntity,
  CommitmentReviewEntity,
  ProjectActualEntity,
  ProjectActualHistoryEntity,
} from '../entities/commitment.entity';
import {
  ProjectRouteEntity,
  ProjectRouteItemEntity,
  RouteTemplateEntity,
  RouteTemplateItemEntity,
} from '../entities/route.entity';
import { appendAudit, type AuditActor } from './audit-writer';

interface AuditedEntity {
  entityType: string;
  /** Properties never written to the audit trail (secrets). */
  redact: readonly string[];
}

/**
 * Every entity whose writes are audited, with its audit name. A new entity joins the audit trail by
 * being added here — the write paths themselves need no audit code.
 */
const AUDITED = new Map<unknown, AuditedEntity>([
  // A chat robot's webhook URL carries its key and its signing secret is one: recorded as changed,
  // never with their values.
  [DepartmentEntity, { entityType: 'department', redact: ['webhookUrl', 'webhookSecret'] }],
  [UserEntity, { entityType: 'user', redact: ['passwordHash'] }],
  [ProjectEntity, { entityType: 'project', redact: [] }],
  [ProjectStageEventEntity, { entityType: 'project_stage_event', redact: [] }],
  [FundArrivalEntity, { entityType: 'fund_arrival', redact: [] }],
  [KeyWorkEntity, { entityType: 'key_work', redact: [] }],
  [KeyWorkReportEntity, { entityType: 'key_work_report', redact: [] }],
  [LookupItemEntity, { entityType: 'lookup_item', redact: [] }],
  [CalendarOverrideEntity, { entityType: 'calendar_override', redact: [] }],
  [AppSettingEntity, { entityType: 'settings', redact: [] }],
  [ApprovalItemEntity, { entityType: 'approval_item', redact: [] }],
  // Milestones: creation is audited; later changes of their derived columns are recomputations of the
  // events, which are audited themselves.
  [MilestoneEntity, { entityType: 'milestone', redact: [] }],
  [MilestoneEventEntity, { entityType: 'milestone_event', redact: [] }],
  // 调度 (dispatch.md): problems and their history, meetings and decisions, supervision notices.
  [ProblemEntity, { entityType: 'problem', redact: [] }],
  [ProblemCoDepartmentEntity, { entityType: 'problem_co_department', redact: [] }],
  [ProblemEventEntity, { entityType: 'problem_event', redact: [] }],
  [MeetingEntity, { entityType: 'meeting', redact: [] }],
  [MeetingAttendeeEntity, { entityType: 'meeting_attendee', redact: [] }],
  [MeetingDecisionEntity, { entityType: 'meeting_decision', redact: [] }],
  [NoticeEntity, { entityType: 'notice', redact: [] }],
  [SubsidyPaymentEntity, { entityType: 'subsidy_payment', redact: [] }],
  [CommitmentClauseEntity, { entityType: 'commitment_clause', redact: [] }],
  [ProjectActualEntity, { entityType: 'project_actual', redact: [] }],
  [ProjectActualHistoryEntity, { entityType: 'project_actual_history', redact: [] }],
  [CommitmentReviewEntity, { entityType: 'commitment_review', redact: [] }],
  // Approval routes: template versions and a project's route (applied, items added or dropped).
  [RouteTemplateEntity, { entityType: 'route_template', redact: [] }],
  [RouteTemplateItemEntity, { entityType: 'route_template_item', redact: [] }],
  [ProjectRouteEntity, { entityType: 'project_route', redact: [] }],
  [ProjectRouteItemEntity, { entityType: 'project_route_item', redact: [] }],
]);

function plain(entity: ObjectLiteral | undefined, columns: readonly string[], redact: readonly string[]) {
  if (!entity) return null;
  const out: Record<string, unknown> = {};
  for (const column of columns) {
    if (redact.includes(column)) continue;
    const value = entity[column];
    if (value !== undefined) out[column] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/**
 * The one mechanism through which entity writes are audited: a TypeORM subscriber that appends an
 * entry (in the same transaction as the write) after every insert, update and removal of an audited
 * entity made through the entity manager. Bulk query-builder writes must audit explicitly.
 */
export class AuditSubscriber implements EntitySubscriberInterface {
  constructor(private readonly actor: () => AuditActor) {}

  /** Register on a DataSource (once). */
  static attach(dataSource: DataSource, actor: () => AuditActor): AuditSubscriber {
    const existing = dataSource.subscribers.find((subscriber) => subscriber instanceof AuditSubscriber);
    if (existing) return existing as AuditSubscriber;
    const subscriber = new AuditSubscriber(actor);
    dataSource.subscribers.push(subscriber);
    return subscriber;
  }

  async afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> {
    const audited = AUDITED.get(event.metadata.target);
    if (!audited) return;
    const columns = event.metadata.columns.map((column) => column.propertyName);
    const id = event.metadata.getEntityIdMixedMap(event.entity);
    await appendAudit(event.manager, this.actor(), {
      action: 'create',
      entityType: audited.entityType,
      entityId: id === undefined ? null : String(id),
      after: plain(event.entity, columns, audited.redact),
    });
  }

  async afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> {
    const audited = AUDITED.get(event.metadata.target);
    if (!audited || !event.entity) return;
    const changed = event.updatedColumns
      .map((column) => column.propertyName)
      .filter((name) => name !== 'updatedAt');
    if (changed.length === 0) return;
    const redactedChanges = changed.filter((name) => audited.redact.includes(name));
    const id = event.metadata.getEntityIdMixedMap(event.databaseEntity ?? event.entity);
    await appendAudit(event.manager, this.actor(), {
      action: 'update',
      entityType: audited.entityType,
      entityId: id === undefined ? null : String(id),
      before: plain(event.databaseEntity, changed, audited.redact),
      after: {
        ...plain(event.entity as ObjectLiteral, changed, audited.redact),
        // A secret that changed is recorded as changed, never with its value.
        ...Object.fromEntries(redactedChanges.map((name) => [name, '(changed)'])),
      },
    });
  }

  async afterRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> {
    const audited = AUDITED.get(event.metadata.target);
    if (!audited) return;
    const columns = event.metadata.columns.map((column) => column.propertyName);
    const before = event.databaseEntity ?? event.entity;
    await appendAudit(event.manager, this.actor(), {
      action: 'delete',
      entityType: audited.entityType,
      entityId: event.entityId === undefined ? null : String(event.entityId),
      before: plain(before, columns, audited.redact),
    });
  }
}
