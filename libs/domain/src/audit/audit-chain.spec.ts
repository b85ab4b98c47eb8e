import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  auditEntryHash,
  canonicalJson,
  findChainBreak,
  GENESIS_HASH,
  type AuditEntryContent,
  type StoredAuditEntry,
} from './audit-chain';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function chain(count: number): StoredAuditEntry[] {
  const entries: StoredAuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const content: AuditEntryContent = {
      seq,
      at: new Date(Date.UTC(2026, 10, 25, 0, 0, seq)).toISOString(),
      actorUserId: '1',
      actorUsername: 'admin',
      action: 'update',
      entityType: 'department',
      entityId: String(seq),
      before: canonicalJson({ name: `old ${seq}` }),
      after: canonicalJson({ name: `new ${seq}` }),
      ip: '127.0.0.1',
      requestId: `r${seq}`,
    };
    const hash = auditEntryHash(prevHash, content, sha256);
    entries.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

const genesis = { seq: 0, hash: GENESIS_HASH };

describe('canonicalJson', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('findChainBreak', () => {
  it('accepts an intact chain, also checked in batches', () => {
    const entries = chain(10);
    expect(findChainBreak(entries, genesis, sha256)).toBeNull();
    expect(findChainBreak(entries.slice(0, 4), genesis, sha256)).toBeNull();
    expect(findChainBreak(entries.slice(4), { seq: 4, hash: entries[3]!.hash }, sha256)).toBeNull();
  });

  it('points at an entry whose content was edited', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, after: canonicalJson({ name: 'forged' }) };
    expect(findChainBreak(entries, genesis, sha256)).toEqual({
      seq: 3,
      reason: 'content was changed after it was written (hash differs)',
    });
  });

  it('points at a deleted entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(findChainBreak(entries, genesis, sha256)).toMatchObject({ seq: 2 });
  });

  it('notices an edited entry whose hash was recomputed (its successor no longer follows)', () => {
    const entries = chain(4);
    const forged = { ...entries[1]!, action: 'delete' };
    forged.hash = auditEntryHash(forged.prevHash, forged, sha256);
    entries[1] = forged;
    expect(findChainBreak(entries, genesis, sha256)).toEqual({
      seq: 3,
      reason: 'does not follow the entry before it (previous hash differs)',
    });
  });
});
