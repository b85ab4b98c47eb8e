/**
 * The audit trail is hash-chained: every entry carries the hash of the one before it, so an entry
 * edited or deleted by hand breaks the chain from that point on. Hashing itself is injected (the
 * server uses SHA-256) so that these rules stay pure.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryContent {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface StoredAuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

export type HashFunction = (text: string) => string;

/** Deterministic JSON: object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function auditEntryHash(prevHash: string, entry: AuditEntryContent, hash: HashFunction): string {
  const content: AuditEntryContent = {
    seq: entry.seq,
    at: entry.at,
    actorUserId: entry.actorUserId,
    actorUsername: entry.actorUsername,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before,
    after: entry.after,
    ip: entry.ip,
    requestId: entry.requestId,
  };
  return hash(`${prevHash}\n${canonicalJson(content)}`);
}

export interface ChainPosition {
  seq: number;
  hash: string;
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/**
 * Check a run of entries (in seq order) that follows `from` (the genesis, or the last entry checked
 * in an earlier batch). Returns the first break, or null.
 */
export function findChainBreak(
  entries: readonly StoredAuditEntry[],
  from: ChainPosition,
  hash: HashFunction,
): ChainBreak | null {
  let previous = from;
  for (const entry of entries) {
    if (entry.seq !== previous.seq + 1) {
      return {
        seq: previous.seq + 1,
        reason: `entry ${previous.seq + 1} is missing (next found: ${entry.seq})`,
      };
    }
    if (entry.prevHash !== previous.hash) {
      return { seq: entry.seq, reason: 'does not follow the entry before it (previous hash differs)' };
    }
    if (auditEntryHash(entry.prevHash, entry, hash) !== entry.hash) {
      return { seq: entry.seq, reason: 'content was changed after it was written (hash differs)' };
    }
    previous = { seq: entry.seq, hash: entry.hash };
  }
  return null;
}
