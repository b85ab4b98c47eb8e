import { findChainBreak, GENESIS_HASH, type ChainBreak, type StoredAuditEntry } from '@luodi/domain';
import type { DataSource } from 'typeorm';
import { sha256 } from '../audit/audit-writer';
import { filterConditions } from './query-helpers';

export interface AuditListFilter {
  entityType?: string;
  entityId?: string;
  page: number;
  pageSize: number;
}

export interface AuditEntryRow extends StoredAuditEntry {
  at: string;
}

export interface AuditVerification {
  ok: boolean;
  count: number;
  firstBroken?: ChainBreak;
}

interface RawAuditRow {
  seq: string;
  at: Date;
  actor_user_id: string | null;
  actor_username: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

function toEntry(row: RawAuditRow): AuditEntryRow {
  return {
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actorUserId: row.actor_user_id === null ? null : String(row.actor_user_id),
    actorUsername: row.actor_username,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before_json,
    after: row.after_json,
    ip: row.ip,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

const VERIFY_BATCH = 2_000;

/** All SQL on `audit_log` and `audit_head` (reads; appends go through appendAudit). */
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: AuditListFilter): Promise<{ items: AuditEntryRow[]; total: number }> {
    const { parts, params } = filterConditions([
      ['entity_type = ?', filter.entityType],
      ['entity_id = ?', filter.entityId],
    ]);
    const clause = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
    const [{ total }] = (await this.dataSource.query(
      `SELECT COUNT(*) AS total FROM audit_log ${clause}`,
      params,
    )) as Array<{
      total: string;
    }>;
    const rows = (await this.dataSource.query(
      `SELECT * FROM audit_log ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    )) as RawAuditRow[];
    return { items: rows.map(toEntry), total: Number(total) };
  }

  /**
   * Walk the chain in batches up to the head read first (entries appended meanwhile are not part of
   * this check), then compare its end with that head.
   */
  async verify(): Promise<AuditVerification> {
    const [head] = (await this.dataSource.query(
      'SELECT last_seq, last_hash FROM audit_head WHERE id = 1',
    )) as Array<{
      last_seq: string;
      last_hash: string;
    }>;
    const headSeq = head ? Number(head.last_seq) : 0;
    let position = { seq: 0, hash: GENESIS_HASH };
    let count = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        'SELECT * FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
        [position.seq, headSeq, VERIFY_BATCH],
      )) as RawAuditRow[];
      if (rows.length === 0) break;
      const entries = rows.map(toEntry);
      const broken = findChainBreak(entries, position, sha256);
      if (broken) {
        return {
          ok: false,
          count: count + entries.filter((entry) => entry.seq < broken.seq).length,
          firstBroken: broken,
        };
      }
      count += entries.length;
      const last = entries[entries.length - 1]!;
      position = { seq: last.seq, hash: last.hash };
    }
    if (!head || headSeq !== position.seq || head.last_hash !== position.hash) {
      return {
        ok: false,
        count,
        firstBroken: {
          seq: headSeq > position.seq ? position.seq + 1 : position.seq,
          reason: `the chain ends at entry ${position.seq} but its head says ${headSeq}: entries were removed or added by hand`,
        },
      };
    }
    return { ok: true, count };
  }
}
