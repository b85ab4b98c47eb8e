import { computed, shallowRef } from 'vue';
import type { Role } from '../auth/types';
import { withMembers } from './mock-module';

/**
 * A stand-in for `auth/auth-store` in component specs: `useAuth()` answers the role and department
 * `session` holds when the component is mounted (a spec changes `session` between mounts):
 * `vi.mock('…/auth/auth-store', async () => (await import('…/testing/fake-auth')).fakeAuthStore(session))`.
 */
export function fakeAuthStore(session: { role: string; departmentId: string | null }) {
  return {
    useAuth: () => {
      const user = shallowRef({ role: session.role, departmentId: session.departmentId });
      return { role: computed(() => user.value.role as Role), user };
    },
  };
}

/** `api/admin` with `departmentsApi.list` replaced (`vi.mock('…/api/admin', (original) => withDepartmentsList(…))`). */
export async function withDepartmentsList(
  importOriginal: <T>() => Promise<T>,
  list: (...args: never[]) => unknown,
): Promise<object> {
  return withMembers(importOriginal, { departmentsApi: { list } });
}
