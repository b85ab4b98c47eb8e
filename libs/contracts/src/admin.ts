import type { AuditEntryContent, WebhookKind } from '@luodi/domain';

/** A department in lists (`GET /api/departments`). */
export interface DepartmentSummary {
  id: string;
  code: string;
  name: string;
}

/** A department with its contact settings (`GET/POST/PATCH /api/departments[/:id]`). */
export interface Department extends DepartmentSummary {
  email: string | null;
  webhookUrl: string | null;
  webhookKind: WebhookKind;
  /** Whether a signing secret is stored (the secret itself is write-only). */
  hasSecret: boolean;
}

/** One entry of the audit log (`GET /api/audit`). */
export interface AuditEntry extends Omit<AuditEntryContent, 'before' | 'after'> {
  /** The record before and after the write, as JSON values (the chain hashes them as text). */
  before: unknown;
  after: unknown;
}

/** `GET /api/audit/verify`: whether the hash chain is whole, and the first broken entry if not. */
export interface AuditVerification {
  ok: boolean;
  count: number;
  firstBroken?: { seq: number; reason: string };
}
