import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The last time each worker process was seen alive (written by the recurring heartbeat job). */
@Entity({ name: 'worker_heartbeat' })
export class WorkerHeartbeatEntity {
  /** `hostname:pid:startedAt`, unique per worker process. */
  @PrimaryColumn({ name: 'worker_id', type: 'varchar', length: 191 })
  workerId!: string;

  @Column({ name: 'hostname', type: 'varchar', length: 191 })
  hostname!: string;

  @Column({ name: 'pid', type: 'int', unsigned: true })
  pid!: number;

  @Column({ name: 'started_at', type: 'datetime', precision: 3 })
  startedAt!: Date;

  @Index('idx_worker_heartbeat_last_seen_at')
  @Column({ name: 'last_seen_at', type: 'datetime', precision: 3 })
  lastSeenAt!: Date;
}
