import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Append-only, hash-chained audit trail: who did what, when, before → after. */
@Entity({ name: 'audit_log' })
@Index('idx_audit_log_entity', ['entityType', 'entityId', 'seq'])
export class AuditLogEntity {
  /** Position in the chain: 1, 2, 3 … with no gaps. */
  @PrimaryColumn({ name: 'seq', type: 'bigint', unsigned: true })
  seq!: string;

  @Index('idx_audit_log_at')
  @Column({ name: 'at', type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ name: 'actor_user_id', type: 'bigint', unsigned: true, nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_username', type: 'varchar', length: 64, nullable: true })
  actorUsername!: string | null;

  @Column({ name: 'action', type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId!: string | null;

  /** Canonical JSON text (kept as text so the bytes that were hashed stay exactly as they were). */
  @Column({ name: 'before_json', type: 'longtext', nullable: true })
  before!: string | null;

  @Column({ name: 'after_json', type: 'longtext', nullable: true })
  after!: string | null;

  @Column({ name: 'ip', type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ name: 'hash', type: 'char', length: 64 })
  hash!: string;
}

/** The head of the chain (one row): locked by every append, so appends are strictly ordered. */
@Entity({ name: 'audit_head' })
export class AuditHeadEntity {
  @PrimaryColumn({ name: 'id', type: 'tinyint', unsigned: true })
  id!: number;

  @Column({ name: 'last_seq', type: 'bigint', unsigned: true })
  lastSeq!: string;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash!: string;
}
