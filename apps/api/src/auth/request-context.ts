import type { Principal } from '@luodi/domain';
import type { AuditActor } from '@luodi/persistence';
import { ClsServiceManager } from 'nestjs-cls';

/** Per-request context (AsyncLocalStorage through nestjs-cls): who acts, from where. */
export const CONTEXT_PRINCIPAL = 'principal';
export const CONTEXT_IP = 'ip';
export const CONTEXT_REQUEST_ID = 'requestId';

/** The actor of the current request for the audit trail (the system outside a request). */
export function currentActor(): AuditActor {
  const cls = ClsServiceManager.getClsService();
  if (!cls.isActive()) return { userId: null, username: 'system', ip: null, requestId: null };
  const principal = cls.get<Principal | undefined>(CONTEXT_PRINCIPAL);
  return {
    userId: principal?.userId ?? null,
    username: principal?.username ?? null,
    ip: cls.get<string | undefined>(CONTEXT_IP) ?? null,
    requestId: cls.get<string | undefined>(CONTEXT_REQUEST_ID) ?? null,
  };
}
