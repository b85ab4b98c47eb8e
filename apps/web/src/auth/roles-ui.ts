import { computed } from 'vue';
import { useAuth } from './auth-store';
import type { Role } from './types';

/** Who may edit projects and key works (domain §1); the server checks again. */
export const EDITOR_ROLES: readonly Role[] = ['admin', 'bureau'];
/** Who may download the exports. */
export const EXPORT_ROLES: readonly Role[] = ['admin', 'bureau', 'leader'];
/** Who may read the audit trail. */
export const AUDIT_ROLES: readonly Role[] = ['admin', 'leader'];
/** Who may issue a supervision notice (督办函, dispatch.md §3): the bureau and leaders (and admins). */
export const NOTICE_ISSUER_ROLES: readonly Role[] = ['admin', 'bureau', 'leader'];

export function useRoleFlags() {
  const auth = useAuth();
  const has = (roles: readonly Role[]) =>
    computed(() => !!auth.role.value && roles.includes(auth.role.value));
  return { canEdit: has(EDITOR_ROLES), canExport: has(EXPORT_ROLES), canAudit: has(AUDIT_ROLES) };
}
