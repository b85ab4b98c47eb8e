import { AuditHeadEntity, AuditLogEntity } from './audit-log.entity';
import { AuthSessionEntity } from './auth-session.entity';
import { CalendarOverrideEntity } from './calendar-override.entity';
import { DepartmentEntity } from './department.entity';
import { FundArrivalEntity } from './fund-arrival.entity';
import { KeyWorkReportEntity } from './key-work-report.entity';
import { KeyWorkEntity } from './key-work.entity';
import { LookupItemEntity } from './lookup-item.entity';
import { ProjectStageEventEntity } from './project-stage-event.entity';
import { ProjectEntity } from './project.entity';
import { UserEntity } from './user.entity';
import { WorkerHeartbeatEntity } from './worker-heartbeat.entity';

export {
  AuditHeadEntity,
  AuditLogEntity,
  AuthSessionEntity,
  CalendarOverrideEntity,
  DepartmentEntity,
  FundArrivalEntity,
  KeyWorkEntity,
  KeyWorkReportEntity,
  LookupItemEntity,
  ProjectEntity,
  ProjectStageEventEntity,
  UserEntity,
  WorkerHeartbeatEntity,
};
export { INVESTOR_ORIGINS, PROJECT_STAGES } from './project.entity';
export { LOOKUP_KINDS } from './lookup-item.entity';

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
  ProjectStageEventEntity,
  FundArrivalEntity,
  KeyWorkEntity,
  KeyWorkReportEntity,
  CalendarOverrideEntity,
];
