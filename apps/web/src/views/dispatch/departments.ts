import { computed, shallowRef } from 'vue';
import { departmentsApi, type DepartmentSummary } from '../../api/admin';

/** The departments a dispatch form offers (owner, co-owners, attendees): loaded once, when first needed. */
export function useDepartmentList() {
  const departments = shallowRef<DepartmentSummary[]>([]);
  const departmentOptions = computed(() => departments.value.map((d) => ({ value: d.id, label: d.name })));
  async function loadDepartments(): Promise<void> {
    if (!departments.value.length) departments.value = (await departmentsApi.list()).items;
  }
  return { departmentOptions, loadDepartments };
}
