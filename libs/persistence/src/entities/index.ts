import { AuditHeadEntity, AuditLogEntity } from './audit-log.entity';
import { AuthSessionEntity } from './auth-session.entity';
import { DepartmentEntity } from './department.entity';
import { UserEntity } from './user.entity';
import { WorkerHeartbeatEntity } from './worker-heartbeat.entity';

export {
  AuditHeadEntity,
  AuditLogEntity,
  AuthSessionEntity,
  DepartmentEntity,
  UserEntity,
  WorkerHeartbeatEntity,
};

/** Every entity, listed explicitly (no globs: the same list works from sources, builds and tests). */
export const ALL_ENTITIES = [
  WorkerHeartbeatEntity,
  DepartmentEntity,
  UserEntity,
  AuthSessionEntity,
  AuditLogEntity,
  AuditHeadEntity,
];
