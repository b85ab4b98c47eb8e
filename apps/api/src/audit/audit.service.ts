import { Injectable } from '@nestjs/common';
import { type AuditEntryRow, AuditRepository, type AuditVerification } from '@luodi/persistence';
import type { Page } from '../common/pagination';
import type { AuditQueryDto } from './audit.dto';

export interface AuditEntryView {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

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
