import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MomentColumn, VarcharColumn } from './columns';

/** The last time each worker process was seen alive (written by the recurring heartbeat job). */
@Entity({ name: 'worker_heartbeat' })
export class WorkerHeartbeatEntity {
  /** `hostname:pid:startedAt`, unique per worker process. */
  @PrimaryColumn({ name: 'worker_id', type: 'varchar', length: 191 })
  workerId!: string;

  @VarcharColumn('hostname', 191)
  hostname!: string;

  @Column({ name: 'pid', type: 'int', unsigned: true })
  pid!: number;

  @MomentColumn('started_at')
  startedAt!: Date;

  @Index('idx_worker_heartbeat_last_seen_at')
  @MomentColumn('last_seen_at')
  lastSeenAt!: Date;
}
