import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdRefColumn, MomentColumn, VarcharColumn } from './columns';

/** Append-only, hash-chained audit trail: who did what, when, before → after. */
@Entity({ name: 'audit_log' })
@Index('idx_audit_log_entity', ['entityType', 'entityId', 'seq'])
export class AuditLogEntity {
  /** Position in the chain: 1, 2, 3 … with no gaps. */
  @PrimaryColumn({ name: 'seq', type: 'bigint', unsigned: true })
  seq!: string;

  @Index('idx_audit_log_at')
  @MomentColumn('at')
  at!: Date;

  @IdRefColumn('actor_user_id', { nullable: true })
  actorUserId!: string | null;

  @VarcharColumn('actor_username', 64, { nullable: true })
  actorUsername!: string | null;

  @VarcharColumn('action', 64)
  action!: string;

  @VarcharColumn('entity_type', 64)
  entityType!: string;

  @VarcharColumn('entity_id', 64, { nullable: true })
  entityId!: string | null;

  /** Canonical JSON text (kept as text so the bytes that were hashed stay exactly as they were). */
  @Column({ name: 'before_json', type: 'longtext', nullable: true })
  before!: string | null;

  @Column({ name: 'after_json', type: 'longtext', nullable: true })
  after!: string | null;

  @VarcharColumn('ip', 64, { nullable: true })
  ip!: string | null;

  @VarcharColumn('request_id', 128, { nullable: true })
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

  @IdRefColumn('last_seq')
  lastSeq!: string;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash!: string;
}
