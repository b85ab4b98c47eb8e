export * from './audit.repository';
export * from './department.repository';
export * from './session.repository';
export * from './user.repository';
export * from './worker-heartbeat.repository';
