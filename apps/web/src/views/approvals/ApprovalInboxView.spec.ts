import { LIGHT_RED, LIGHT_YELLOW } from '@luodi/charts';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../auth/types';
import { createApprovalsI18n } from './i18n-testing';
import type { Router } from 'vue-router';
import { routerAt } from '../../testing/router';
import { milestoneRow } from './test-fixtures';
import { clickTestId } from '../../testing/click';

const api = vi.hoisted(() => ({
  list: vi.fn(),
  forProject: vi.fn(),
  create: vi.fn(),
  remove: vi.fn(),
  confirm: vi.fn(),
  catalog: vi.fn(),
  departments: vi.fn(),
}));
const session = vi.hoisted(() => ({ role: 'department' as string, departmentId: '3' as string | null }));

vi.mock('../../api/approvals', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, {
    milestonesApi: {
      list: api.list,
      forProject: api.forProject,
      create: api.create,
      remove: api.remove,
    },
    approvalItemsApi: { list: api.catalog },
  }),
);
vi.mock('../../api/admin', async (importOriginal) =>
  (await import('../../testing/fake-auth')).withDepartmentsList(importOriginal, api.departments),
);
vi.mock('../../auth/auth-store', async () =>
  (await import('../../testing/fake-auth')).fakeAuthStore(session),
);

vi.mock('element-plus', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, {
    ElMessageBox: { confirm: api.confirm },
  }),
);

const { default: ApprovalInboxView } = await import('./ApprovalInboxView.vue');
const { default: ApprovalTrack } = await import('./ApprovalTrack.vue');

const catalog = [
  { code: 'FILING', name: '企业投资项目备案', sortOrder: 1, enabled: true, maxExtensionDays: 10 },
  { code: 'LAND_PRE', name: '用地预审与选址意见书', sortOrder: 2, enabled: true, maxExtensionDays: 10 },
  { code: 'LAND_PLAN', name: '建设用地规划许可证', sortOrder: 3, enabled: true, maxExtensionDays: 5 },
];

let router: Router;
async function prepare(role: Role, departmentId: string | null = null, address = '/approvals') {
  session.role = role;
  session.departmentId = departmentId;
  for (const fn of Object.values(api)) fn.mockClear();
  api.catalog.mockResolvedValue({ items: catalog, total: catalog.length });
  api.departments.mockResolvedValue({ items: [{ id: '3', code: 'ZRZY', name: '自然资源局' }], total: 1 });
  router = await routerAt(address);
}

const mountOptions = () => ({
  global: {
    plugins: [createApprovalsI18n(), router],
    stubs: { RouterLink: { template: '<a><slot /></a>' } },
  },
});

describe('ApprovalInboxView', () => {
  it('lists a department’s open milestones with state, time left and a coloured light', async () => {
    await prepare('department', '3');
    api.list.mockResolvedValue({
      items: [
        milestoneRow({ id: '1', light: 'red', remainingWorkingDays: -2 }),
        milestoneRow({ id: '2', light: 'yellow', remainingWorkingDays: 3 }),
        milestoneRow({
          id: '3',
          state: 'submitted',
          light: null,
          deadline: null,
          remainingWorkingDays: null,
        }),
      ],
      total: 3,
    });
    const wrapper = mount(ApprovalInboxView, mountOptions());
    await flushPromises();
    expect(api.list).toHaveBeenCalledWith(
      expect.objectContaining({ open: true, departmentId: undefined }),
      1,
      20,
    );
    expect(wrapper.find('[data-testid="filter-department"]').exists()).toBe(false);

    const table = wrapper.get('[data-testid="milestones-table"]');
    expect(table.findAll('[data-testid="milestone-state"]').map((tag) => tag.text())).toEqual([
      '已受理',
      '已受理',
      '已收件',
    ]);
    expect(table.findAll('[data-testid="milestone-remaining"]').map((cell) => cell.text())).toEqual([
      '逾期 2 个工作日',
      '剩余 3 个工作日',
      '—',
    ]);
    const lights = table.findAll('[data-testid="milestone-light"]');
    expect(lights.map((light) => light.attributes('data-light'))).toEqual(['red', 'yellow', 'none']);
    expect(lights[0]!.attributes('style')).toContain(hexToRgb(LIGHT_RED));
    expect(lights[1]!.attributes('style')).toContain(hexToRgb(LIGHT_YELLOW));
    // Every row can be handled by its own department.
    expect(table.findAll('[data-testid="event-open"]')).toHaveLength(3);
    wrapper.unmount();
  });

  it('filters by light and state, and shows decided milestones when "open only" is off', async () => {
    await prepare('bureau');
    api.list.mockResolvedValue({ items: [], total: 0 });
    const wrapper = mount(ApprovalInboxView, mountOptions());
    await flushPromises();
    expect(wrapper.find('[data-testid="filter-department"]').exists()).toBe(true);
    expect(api.departments).toHaveBeenCalled();

    const vm = wrapper.vm as unknown as { $: { setupState: { filters: Record<string, unknown> } } };
    vm.$.setupState.filters.light = 'red';
    await flushPromises();
    expect(api.list).toHaveBeenLastCalledWith(expect.objectContaining({ light: 'red', open: true }), 1, 20);
    vm.$.setupState.filters.open = false;
    vm.$.setupState.filters.state = 'approved';
    await flushPromises();
    expect(api.list).toHaveBeenLastCalledWith(
      expect.objectContaining({ state: 'approved', open: false }),
      1,
      20,
    );
    wrapper.unmount();
  });

  it('keeps the filters and the search in the address, and a drill-down to a state shows decided ones', async () => {
    await prepare('bureau', null, '/approvals?state=approved&departmentId=3');
    api.list.mockResolvedValue({ items: [], total: 0 });
    const wrapper = mount(ApprovalInboxView, mountOptions());
    await flushPromises();
    expect(api.list).toHaveBeenLastCalledWith(
      expect.objectContaining({ state: 'approved', open: false, departmentId: '3', q: '' }),
      1,
      20,
    );
    const box = wrapper.get('input[data-testid="filter-q"]');
    await box.setValue(' 用地预审 ');
    await box.trigger('keyup', { key: 'Enter' });
    await flushPromises();
    expect(api.list).toHaveBeenLastCalledWith(
      expect.objectContaining({ state: 'approved', q: '用地预审' }),
      1,
      20,
    );
    expect(router.currentRoute.value.query).toEqual({ departmentId: '3', state: 'approved', q: '用地预审' });
    // Back to the plain inbox: open ones only, no search.
    await router.push('/approvals');
    await flushPromises();
    expect(api.list).toHaveBeenLastCalledWith(
      expect.objectContaining({ state: '', open: true, q: '' }),
      1,
      20,
    );
    expect((wrapper.get('input[data-testid="filter-q"]').element as HTMLInputElement).value).toBe('');
    wrapper.unmount();
  });

  it('offers a leader the extension only where one is still possible', async () => {
    await prepare('leader');
    api.list.mockResolvedValue({
      items: [
        milestoneRow({ id: '1' }),
        milestoneRow({ id: '2', extensionDays: 5 }),
        milestoneRow({ id: '3', remainingWorkingDays: -1, light: 'red' }),
        milestoneRow({ id: '4', state: 'submitted' }),
      ],
      total: 4,
    });
    const wrapper = mount(ApprovalInboxView, mountOptions());
    await flushPromises();
    const buttons = wrapper.findAll('[data-testid="event-open"]');
    expect(buttons.map((button) => button.attributes('data-milestone-id'))).toEqual(['1']);
    expect(buttons[0]!.text()).toBe('延期');
    wrapper.unmount();
  });
});

describe('ApprovalTrack', () => {
  it('shows a project’s milestones in catalog order and lets the bureau add a missing item', async () => {
    await prepare('bureau');
    api.forProject.mockResolvedValue({
      items: [
        milestoneRow({ id: '9', itemCode: 'LAND_PLAN' }),
        milestoneRow({ id: '8', itemCode: 'FILING', itemName: '企业投资项目备案' }),
      ],
      total: 2,
    });
    const wrapper = mount(ApprovalTrack, { ...mountOptions(), props: { projectId: '5' } });
    await flushPromises();
    expect(api.forProject).toHaveBeenCalledWith('5');
    expect(wrapper.findAll('[data-item-code]').map((cell) => cell.attributes('data-item-code'))).toEqual([
      'FILING',
      'LAND_PLAN',
    ]);
    expect(wrapper.find('[data-testid="track-add-item"]').exists()).toBe(true);
    const setup = (
      wrapper.vm as unknown as { $: { setupState: { addable: { code: string }[]; newItem: string } } }
    ).$.setupState;
    expect(setup.addable.map((item) => item.code)).toEqual(['LAND_PRE']);

    api.create.mockResolvedValue(
      milestoneRow({ id: '10', itemCode: 'LAND_PRE', itemName: '用地预审与选址意见书' }),
    );
    setup.newItem = 'LAND_PRE';
    await flushPromises();
    await clickTestId(wrapper, 'track-add-item');
    expect(api.create).toHaveBeenCalledWith('5', { itemCode: 'LAND_PRE' });
    expect(api.forProject).toHaveBeenCalledTimes(2);
    wrapper.unmount();
  });

  it('removes a milestone added by mistake (nothing recorded yet) only after asking, naming the item', async () => {
    prepare('bureau');
    api.forProject.mockResolvedValue({
      items: [
        milestoneRow({ id: '9', itemCode: 'LAND_PLAN' }),
        milestoneRow({
          id: '8',
          itemCode: 'FILING',
          itemName: '企业投资项目备案',
          state: 'planned',
          submittedAt: null,
        }),
      ],
      total: 2,
    });
    const wrapper = mount(ApprovalTrack, { ...mountOptions(), props: { projectId: '5' } });
    await flushPromises();
    const buttons = wrapper.get('.el-table__body').findAll('[data-testid="track-remove"]');
    expect(buttons.map((button) => button.attributes('data-milestone-id'))).toEqual(['8']);

    api.confirm.mockRejectedValueOnce('cancel');
    await buttons[0]!.trigger('click');
    await flushPromises();
    expect(api.confirm.mock.calls[0]![0]).toContain('企业投资项目备案');
    expect(api.remove).not.toHaveBeenCalled();

    api.confirm.mockResolvedValueOnce('confirm');
    api.remove.mockResolvedValueOnce(undefined);
    await buttons[0]!.trigger('click');
    await flushPromises();
    expect(api.remove).toHaveBeenCalledWith('8');
    expect(api.forProject).toHaveBeenCalledTimes(2);
    wrapper.unmount();
  });

  it('gives a department no add button', async () => {
    await prepare('department', '3');
    api.forProject.mockResolvedValue({ items: [milestoneRow()], total: 1 });
    const wrapper = mount(ApprovalTrack, { ...mountOptions(), props: { projectId: '5' } });
    await flushPromises();
    expect(wrapper.find('[data-testid="approval-track"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="track-add-item"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid="event-open"]')).toHaveLength(1);
    wrapper.unmount();
  });
});

function hexToRgb(hex: string): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255})`;
}
