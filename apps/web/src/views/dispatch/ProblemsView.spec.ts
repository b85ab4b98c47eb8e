import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { Router } from 'vue-router';
import type { Role } from '../../auth/types';
import { createAppI18n } from '../../i18n';
import { routerAt } from '../../testing/router';
import { problemRow } from './test-fixtures';

const api = vi.hoisted(() => ({ list: vi.fn(), exportList: vi.fn(), departments: vi.fn() }));
const session = vi.hoisted(() => ({ role: 'bureau' as string, departmentId: null as string | null }));

vi.mock('../../api/dispatch', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, {
    problemsApi: { list: api.list, exportList: api.exportList },
  }),
);
vi.mock('../../api/admin', async (importOriginal) =>
  (await import('../../testing/fake-auth')).withDepartmentsList(importOriginal, api.departments),
);
vi.mock('../../auth/auth-store', async () =>
  (await import('../../testing/fake-auth')).fakeAuthStore(session),
);

const { default: ProblemsView } = await import('./ProblemsView.vue');

let router: Router;
/** Mounts the page at `address`; the list answers two rows: an overdue open problem its owner may start, and one in progress it may resolve. */
async function mountAt(role: Role, address = '/problems', departmentId: string | null = null) {
  session.role = role;
  session.departmentId = departmentId;
  for (const fn of Object.values(api)) fn.mockReset();
  api.list.mockResolvedValue({
    items: [
      problemRow({ id: '1', overdue: true, overdueWorkingDays: 4, supervised: true, actions: ['start'] }),
      problemRow({ id: '2', code: 'WT-2026-002', status: 'in_progress', actions: ['resolve'] }),
    ],
    total: 2,
  });
  api.departments.mockResolvedValue({ items: [{ id: '3', code: 'ZRZY', name: '自然资源局' }], total: 1 });
  api.exportList.mockResolvedValue(undefined);
  router = await routerAt(address);
  const wrapper = mount(ProblemsView, {
    global: {
      plugins: [createAppI18n('zh-CN'), router],
      stubs: { RouterLink: { template: '<a><slot /></a>' } },
    },
  });
  await flushPromises();
  return wrapper;
}
const filtersOf = (wrapper: Awaited<ReturnType<typeof mountAt>>) =>
  (wrapper.vm as unknown as { $: { setupState: { filters: Record<string, string> } } }).$.setupState.filters;

describe('ProblemsView', () => {
  it('asks for the filters the address names (a cockpit drill-down), ignoring unknown keys', async () => {
    const wrapper = await mountAt('bureau', '/problems?category=land&overdue=true&open=true&bogus=1');
    expect(api.list).toHaveBeenCalledTimes(1);
    expect(api.list).toHaveBeenCalledWith(
      {
        category: 'land',
        status: '',
        overdue: 'true',
        ownerDepartmentId: '',
        projectId: undefined,
        open: 'true',
      },
      1,
      20,
    );
    expect(wrapper.find('[data-testid="filter-owner"]').exists()).toBe(true);
    expect(api.departments).toHaveBeenCalled();
    wrapper.unmount();
  });

  it('a filter change loads page 1 again with it and writes it to the address', async () => {
    const wrapper = await mountAt('bureau');
    filtersOf(wrapper).status = 'in_progress';
    await flushPromises();
    expect(api.list).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'in_progress' }), 1, 20);
    expect(router.currentRoute.value.query).toEqual({ status: 'in_progress' });

    // A new address of the page (back, a drill-down) applies its filters.
    await router.replace('/problems?category=funding');
    await flushPromises();
    expect(api.list).toHaveBeenLastCalledWith(
      expect.objectContaining({ category: 'funding', status: '' }),
      1,
      20,
    );
    expect(filtersOf(wrapper).category).toBe('funding');
    wrapper.unmount();
  });

  it('exports the list as filtered', async () => {
    const wrapper = await mountAt('leader', '/problems?overdue=true');
    const button = wrapper.get('[data-testid="problems-export"]');
    expect(button.text()).toBe('导出 Excel');
    await button.trigger('click');
    await flushPromises();
    expect(api.exportList).toHaveBeenCalledWith(expect.objectContaining({ overdue: 'true', category: '' }));
    wrapper.unmount();
  });

  it('shows the bureau the rows, their status and 发督办函 on the overdue ones', async () => {
    const wrapper = await mountAt('bureau');
    const table = wrapper.get('[data-testid="problems-table"]');
    expect(table.findAll('[data-testid="problem-status"]').map((tag) => tag.text())).toEqual([
      '待办理',
      '办理中',
    ]);
    expect(table.text()).toContain('逾期 4 个工作日');
    expect(table.text()).toContain('督办');
    expect(table.findAll('[data-testid="problem-notice"]')).toHaveLength(1);
    expect(wrapper.get('[data-testid="problems-total"]').text()).toBe('共 2 条');
    wrapper.unmount();
  });

  it('gives a department its own inbox: no owner filter, no export, the transitions it may take', async () => {
    const wrapper = await mountAt('department', '/problems', '3');
    expect(api.list).toHaveBeenCalledWith(expect.objectContaining({ ownerDepartmentId: '' }), 1, 20);
    expect(wrapper.find('[data-testid="filter-owner"]').exists()).toBe(false);
    expect(api.departments).not.toHaveBeenCalled();
    expect(wrapper.find('[data-testid="problems-export"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="problem-notice"]').exists()).toBe(false);
    expect(
      wrapper.findAll('[data-testid="problem-start"]').map((b) => b.attributes('data-problem-id')),
    ).toEqual(['1']);
    expect(
      wrapper.findAll('[data-testid="problem-resolve"]').map((b) => b.attributes('data-problem-id')),
    ).toEqual(['2']);
    wrapper.unmount();
  });
});
