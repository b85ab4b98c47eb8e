import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createApprovalsI18n } from '../approvals/i18n-testing';
import { routerAt } from '../../testing/router';
import { clickTestId } from '../../testing/click';

const api = vi.hoisted(() => ({
  items: vi.fn(),
  createItem: vi.fn(),
  calendar: vi.fn(),
  put: vi.fn(),
  remove: vi.fn(),
  settings: vi.fn(),
  updateSettings: vi.fn(),
  departments: vi.fn(),
  confirm: vi.fn(),
}));

vi.mock('../../api/approvals', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, {
    approvalItemsApi: { list: api.items, create: api.createItem },
    calendarApi: { list: api.calendar, put: api.put, remove: api.remove },
    settingsApi: { get: api.settings, update: api.updateSettings },
  }),
);
vi.mock('../../api/admin', async (importOriginal) =>
  (await import('../../testing/fake-auth')).withDepartmentsList(importOriginal, api.departments),
);
vi.mock('element-plus', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, {
    ElMessageBox: { confirm: api.confirm },
  }),
);

const { default: ApprovalCatalogView } = await import('./ApprovalCatalogView.vue');
const { default: CalendarView } = await import('./CalendarView.vue');
const { default: SettingsView } = await import('./SettingsView.vue');

// The catalog keeps its filters in the address: the pages are mounted under a router.
const router = await routerAt('/system/catalog');
const options = { global: { plugins: [createApprovalsI18n(), router] }, attachTo: document.body };

type SetupOf<T> = { $: { setupState: T } };

describe('approval admin pages', () => {
  it('catalog: lists items and refuses a promised limit above the statutory one', async () => {
    api.items.mockResolvedValue({
      items: [
        {
          code: 'LAND_PLAN',
          name: '建设用地规划许可证',
          departmentId: '3',
          statutoryDays: 20,
          promisedDays: 5,
          deemedApproval: false,
          maxExtensionDays: 10,
          yellowDays: null,
          materials: null,
          sortOrder: 3,
          enabled: true,
        },
      ],
      total: 1,
    });
    api.departments.mockResolvedValue({ items: [{ id: '3', code: 'ZRZY', name: '自然资源局' }], total: 1 });
    const wrapper = mount(ApprovalCatalogView, options);
    await flushPromises();
    expect(wrapper.get('[data-testid="catalog-table"]').text()).toContain('建设用地规划许可证');
    expect(wrapper.get('[data-testid="catalog-table"]').text()).toContain('自然资源局');

    await clickTestId(wrapper, 'catalog-create');
    const setup = (
      wrapper.vm as unknown as SetupOf<{ form: Record<string, unknown>; save: () => Promise<void> }>
    ).$.setupState;
    Object.assign(setup.form, {
      code: 'WATER',
      name: '取水许可',
      departmentId: '3',
      statutoryDays: 10,
      promisedDays: 12,
    });
    await setup.save();
    await flushPromises();
    expect(api.createItem).not.toHaveBeenCalled();

    setup.form.promisedDays = 8;
    api.createItem.mockResolvedValue({});
    await setup.save();
    await flushPromises();
    expect(api.createItem).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'WATER', name: '取水许可', statutoryDays: 10, promisedDays: 8 }),
    );
    wrapper.unmount();
  });

  it('calendar: shows exceptions with their source and overrides a date after confirmation', async () => {
    api.calendar.mockResolvedValue({
      items: [
        { date: '2026-10-01', kind: 'holiday', name: '国庆节', source: 'package' },
        { date: '2026-10-10', kind: 'workday', name: '调休', source: 'admin' },
      ],
      total: 2,
    });
    const wrapper = mount(CalendarView, options);
    await flushPromises();
    const table = wrapper.get('[data-testid="calendar-table"]');
    expect(table.findAll('[data-testid="calendar-source"]').map((tag) => tag.text())).toEqual([
      '法定数据',
      '管理员调整',
    ]);
    expect(wrapper.find('[data-testid="calendar-remove-2026-10-10"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="calendar-remove-2026-10-01"]').exists()).toBe(false);

    const setup = (wrapper.vm as unknown as SetupOf<{ override: Record<string, string>; year: number }>).$
      .setupState;
    Object.assign(setup.override, { date: `${setup.year}-06-01`, kind: 'holiday', name: '防汛' });
    api.confirm.mockRejectedValueOnce('cancel');
    await clickTestId(wrapper, 'calendar-override-submit');
    expect(api.put).not.toHaveBeenCalled();

    api.confirm.mockResolvedValueOnce('confirm');
    api.put.mockResolvedValue({});
    await clickTestId(wrapper, 'calendar-override-submit');
    expect(api.put).toHaveBeenCalledWith(`${setup.year}-06-01`, { kind: 'holiday', name: '防汛' });
    wrapper.unmount();
  });

  it('settings: sends only the changed values', async () => {
    api.settings.mockResolvedValue({
      yellowDays: 3,
      deemedApprovalThreshold: '10000.00',
      notRegisteredDays: 90,
      notStartedDays: 180,
      regionCodePrefix: '320115',
    });
    const wrapper = mount(SettingsView, options);
    await flushPromises();
    expect(wrapper.find('[data-testid="settings-form"]').exists()).toBe(true);
    const setup = (wrapper.vm as unknown as SetupOf<{ form: Record<string, unknown> }>).$.setupState;
    setup.form.yellowDays = 5;
    api.updateSettings.mockResolvedValue({
      yellowDays: 5,
      deemedApprovalThreshold: '10000.00',
      notRegisteredDays: 90,
      notStartedDays: 180,
      regionCodePrefix: '320115',
    });
    // Saving recomputes every open light: asked first, saying so; cancelled → nothing sent.
    api.confirm.mockRejectedValueOnce('cancel');
    await clickTestId(wrapper, 'settings-save');
    expect(api.confirm).toHaveBeenLastCalledWith(
      expect.stringContaining('重新计算'),
      '保存设置',
      expect.objectContaining({ closeOnClickModal: false }),
    );
    expect(api.updateSettings).not.toHaveBeenCalled();
    api.confirm.mockResolvedValueOnce('confirm');
    await clickTestId(wrapper, 'settings-save');
    expect(api.updateSettings).toHaveBeenCalledWith({ yellowDays: 5 });
    // The region prefix of project codes: up to 6 digits (empty = any region).
    // Refused on the page (not even asked to confirm); a valid prefix is sent alone.
    const asked = api.confirm.mock.calls.length;
    setup.form.regionCodePrefix = '33A';
    await clickTestId(wrapper, 'settings-save');
    expect(api.confirm.mock.calls.length).toBe(asked);
    setup.form.regionCodePrefix = '3301';
    api.confirm.mockResolvedValueOnce('confirm');
    await clickTestId(wrapper, 'settings-save');
    expect(api.updateSettings).toHaveBeenLastCalledWith({ regionCodePrefix: '3301' });
    wrapper.unmount();
  });
});
