import { createHash } from 'node:crypto';
import { auditEntryHash, type AuditAction, canonicalJson, type AuditEntryContent } from '@luodi/domain';
import type { EntityManager } from 'typeorm';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Who acted: a signed-in user (with the request's ip and id), or the system (worker, CLI). */
export interface AuditActor {
  userId: string | null;
  username: string | null;
  ip: string | null;
  requestId: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, username: 'system', ip: null, requestId: null };

export interface AuditRecord {
  /** One of the domain's audit actions (each has its zh-CN/en label). */
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

const asJson = (value: unknown): string | null =>
  value === undefined || value === null ? null : canonicalJson(value);

/**
 * Append one entry to the hash chain, inside the caller's transaction (so the entry exists exactly when
 * the change it records does). The chain head row is locked for the rest of the transaction, which
 * orders concurrent appends.
 */
export async function appendAudit(
  manager: EntityManager,
  actor: AuditActor,
  record: AuditRecord,
  now: Date = new Date(),
): Promise<void> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) {
    await manager.transaction((transactional) => appendAudit(transactional, actor, record, now));
    return;
  }
  // TypeORM may call subscribers of one save concurrently on the same connection: queue the appends
  // of a transaction one after the other so each reads the head the previous one wrote.
  const previous = pendingAppends.get(runner) ?? Promise.resolve();
  const current = previous
    .catch(() => undefined)
    .then(() => appendInTransaction(manager, actor, record, now));
  pendingAppends.set(runner, current);
  await current;
}

const pendingAppends = new WeakMap<object, Promise<void>>();

async function appendInTransaction(
  manager: EntityManager,
  actor: AuditActor,
  record: AuditRecord,
  now: Date,
): Promise<void> {
  const [head] = (await manager.query(
    'SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE',
  )) as Array<{
    last_seq: string;
    last_hash: string;
  }>;
  if (!head) throw new Error('audit_head is missing: run the migrations');
  const content: AuditEntryContent = {
    seq: Number(head.last_seq) + 1,
    at: now.toISOString(),
    actorUserId: actor.userId,
    actorUsername: actor.username,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    before: asJson(record.before),
    after: asJson(record.after),
    ip: actor.ip,
    requestId: actor.requestId,
  };
  const hash = auditEntryHash(head.last_hash, content, sha256);
  await manager.query(
    `INSERT INTO audit_log (seq, at, actor_user_id, actor_username, action, entity_type, entity_id,
       before_json, after_json, ip, request_id, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      content.seq,
      now,
      content.actorUserId,
      content.actorUsername,
      content.action,
      content.entityType,
      content.entityId,
      content.before,
      content.after,
      content.ip,
      content.requestId,
      head.last_hash,
      hash,
    ],
  );
  await manager.query('UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1', [content.seq, hash]);
}
