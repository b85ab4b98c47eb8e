import { AlertEventEntity } from './alert-event.entity';
import { AlertEntity } from './alert.entity';
import { AppSettingEntity } from './app-setting.entity';
import { DeliveryEntity } from './delivery.entity';
import { NotificationEntity } from './notification.entity';
import { ApprovalItemEntity } from './approval-item.entity';
import { AuditHeadEntity, AuditLogEntity } from './audit-log.entity';
import { AuthSessionEntity } from './auth-session.entity';
import { CalendarOverrideEntity } from './calendar-override.entity';
import { DepartmentEntity } from './department.entity';
import { FundArrivalEntity } from './fund-arrival.entity';
import { KeyWorkReportEntity } from './key-work-report.entity';
import { KeyWorkEntity } from './key-work.entity';
import { LookupItemEntity } from './lookup-item.entity';
import { MilestoneEventEntity } from './milestone-event.entity';
import { MilestoneEntity } from './milestone.entity';
import { ProjectCodeSequenceEntity } from './project-code-sequence.entity';
import { UniqueClaimEntity } from './unique-claim.entity';
import { ProjectStageEventEntity } from './project-stage-event.entity';
import { ProjectEntity } from './project.entity';
import { UserEntity } from './user.entity';
import { WorkerHeartbeatEntity } from './worker-heartbeat.entity';
import { ProblemCoDepartmentEntity, ProblemEntity } from './problem.entity';
import { ProblemEventEntity } from './problem-event.entity';
import { NumberSequenceEntity } from './number-sequence.entity';
import { MeetingAttendeeEntity, MeetingDecisionEntity, MeetingEntity } from './meeting.entity';
import { NoticeEntity } from './notice.entity';
import { SubsidyPaymentEntity } from './subsidy-payment.entity';
import {
  CommitmentClauseEntity,
  CommitmentReviewEntity,
  ProjectActualEntity,
  ProjectActualHistoryEntity,
} from './commitment.entity';
import { DurationHistoryEntity } from './duration-history.entity';
import { ForecastSnapshotEntity } from './forecast-snapshot.entity';
import {
  ProjectRouteEntity,
  ProjectRouteItemEntity,
  RouteTemplateEntity,
  RouteTemplateItemEntity,
} from './route.entity';

export * from './alert-event.entity';
export * from './alert.entity';
export * from './app-setting.entity';
export * from './delivery.entity';
export * from './notification.entity';
export * from './approval-item.entity';
export * from './audit-log.entity';
export * from './auth-session.entity';
export * from './calendar-override.entity';
export * from './department.entity';
export * from './fund-arrival.entity';
export * from './key-work-report.entity';
export * from './key-work.entity';
export * from './lookup-item.entity';
export * from './milestone-event.entity';
export * from './milestone.entity';
export * from './project-code-sequence.entity';
export * from './unique-claim.entity';
export * from './project-stage-event.entity';
export * from './project.entity';
export * from './user.entity';
export * from './worker-heartbeat.entity';
export * from './problem.entity';
export * from './problem-event.entity';
export * from './number-sequence.entity';
export * from './meeting.entity';
export * from './notice.entity';
export * from './subsidy-payment.entity';
export * from './commitment.entity';
export * from './duration-history.entity';
export * from './forecast-snapshot.entity';
export * from './route.entity';

/** Every entity, listed explicitly (no globs: the same list works from sources, builds and tests). */
export const ALL_ENTITIES = [
  WorkerHeartbeatEntity,
  DepartmentEntity,
  UserEntity,
  AuthSessionEntity,
  AuditLogEntity,
  AuditHeadEntity,
  LookupItemEntity,
  ProjectEntity,
  ProjectCodeSequenceEntity,
  UniqueClaimEntity,
  ProjectStageEventEntity,
  FundArrivalEntity,
  KeyWorkEntity,
  KeyWorkReportEntity,
  CalendarOverrideEntity,
  AppSettingEntity,
  ApprovalItemEntity,
  MilestoneEntity,
  MilestoneEventEntity,
  AlertEntity,
  AlertEventEntity,
  DeliveryEntity,
  NotificationEntity,
  NumberSequenceEntity,
  ProblemEntity,
  ProblemCoDepartmentEntity,
  ProblemEventEntity,
  MeetingEntity,
  MeetingAttendeeEntity,
  MeetingDecisionEntity,
  NoticeEntity,
  SubsidyPaymentEntity,
  CommitmentClauseEntity,
  ProjectActualEntity,
  ProjectActualHistoryEntity,
  CommitmentReviewEntity,
  DurationHistoryEntity,
  ForecastSnapshotEntity,
  RouteTemplateEntity,
  RouteTemplateItemEntity,
  ProjectRouteEntity,
  ProjectRouteItemEntity,
];
