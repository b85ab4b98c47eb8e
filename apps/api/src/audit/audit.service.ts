import { Injectable } from '@nestjs/common';
import type { AuditEntry, AuditVerification } from '@luodi/contracts';
import { type AuditEntryRow, AuditRepository } from '@luodi/persistence';
import type { Page } from '../common/pagination';
import type { AuditQueryDto } from './audit.dto';

/** One entry of the audit log (contract in libs/contracts). */
export type AuditEntryView = AuditEntry;

const parse = (json: string | null): unknown => (json === null ? null : (JSON.parse(json) as unknown));

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(query: AuditQueryDto): Promise<Page<AuditEntryView>> {
    const { items, total } = await this.audit.list(query);
    return {
      items: items.map((row: AuditEntryRow) => ({
        seq: row.seq,
        at: row.at,
        actorUserId: row.actorUserId,
        actorUsername: row.actorUsername,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        before: parse(row.before),
        after: parse(row.after),
        ip: row.ip,
        requestId: row.requestId,
      })),
      total,
    };
  }

  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
