import type { AuditEntry, AuditVerification, Department, DepartmentSummary, Page } from '@luodi/contracts';
import type { WebhookKind } from '@luodi/domain';
import type { Role, SessionUser } from '../auth/types';
import { http } from './http';

export type { AuditEntry, AuditVerification, Department, DepartmentSummary, Page };

export interface DepartmentInput {
  code?: string;
  name?: string;
  /** null removes it (PATCH). */
  email?: string | null;
  webhookUrl?: string | null;
  webhookKind?: WebhookKind;
  /** Write-only; null removes it. */
  webhookSecret?: string | null;
}

export interface UserInput {
  username?: string;
  password?: string;
  displayName?: string;
  role?: Role;
  departmentId?: string | null;
  enabled?: boolean;
}

export const departmentsApi = {
  /** Every department (the pickers). */
  list: () => http.get<Page<DepartmentSummary>>('/departments'),
  /** One page of departments; `q` searches the code and the name (the admin page). */
  page: (q: string, page: number, pageSize: number) =>
    http.get<Page<DepartmentSummary>>('/departments', { query: { q: q || undefined, page, pageSize } }),
  get: (id: string) => http.get<Department>(`/departments/${encodeURIComponent(id)}`),
  create: (body: DepartmentInput) => http.post<Department>('/departments', body),
  update: (id: string, body: DepartmentInput) =>
    http.patch<Department>(`/departments/${encodeURIComponent(id)}`, body),
};

export const usersApi = {
  /** `q` searches the username and the display name. */
  list: (q: string, page: number, pageSize: number) =>
    http.get<Page<SessionUser>>('/users', { query: { q: q || undefined, page, pageSize } }),
  create: (body: UserInput) => http.post<SessionUser>('/users', body),
  update: (id: string, body: UserInput) => http.patch<SessionUser>(`/users/${encodeURIComponent(id)}`, body),
};

export const auditApi = {
  list: (query: { entityType?: string; entityId?: string; page: number; pageSize: number }) =>
    http.get<Page<AuditEntry>>('/audit', { query: { ...query } }),
  verify: () => http.get<AuditVerification>('/audit/verify'),
};
