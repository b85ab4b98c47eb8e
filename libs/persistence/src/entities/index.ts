import { WorkerHeartbeatEntity } from './worker-heartbeat.entity';

export { WorkerHeartbeatEntity };

/** Every entity, listed explicitly (no globs: the same list works from sources, builds and tests). */
export const ALL_ENTITIES = [WorkerHeartbeatEntity];
