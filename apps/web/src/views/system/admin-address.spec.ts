import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Router } from 'vue-router';
import { routerAt } from '../../testing/router';
import { auditApi, departmentsApi } from '../../api/admin';
import { deliveriesApi } from '../../api/alerts';
import { approvalItemsApi } from '../../api/approvals';
import { createApprovalsI18n } from '../approvals/i18n-testing';
import ApprovalCatalogView from './ApprovalCatalogView.vue';
import AuditView from './AuditView.vue';
import DeliveriesView from './DeliveriesView.vue';

/** The audit log, failed deliveries and the catalog keep their filters (and page) in the address. */
const spies = () => ({
  audit: vi.spyOn(auditApi, 'list'),
  deliveries: vi.spyOn(deliveriesApi, 'list'),
  items: vi.spyOn(approvalItemsApi, 'list'),
  departments: vi.spyOn(departmentsApi, 'list'),
});
// Spies are restored after each test: each test has its own.
let api: ReturnType<typeof spies>;
beforeEach(() => {
  api = spies();
});

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
  document.body.innerHTML = '';
});

let router: Router;
async function mountAt(view: object, address: string) {
  router = await routerAt(address);
  const wrapper = mount(view, {
    global: { plugins: [createApprovalsI18n(), router] },
    attachTo: document.body,
  });
  unmount = () => wrapper.unmount();
  await flushPromises();
  return wrapper;
}
const query = () => router.currentRoute.value.query;

interface Paged {
  page: { value: number };
  filters: Record<string, string>;
  search: () => void;
}
const stateOf = (wrapper: { vm: unknown }) =>
  (wrapper.vm as { $: { setupState: { list: Paged } } }).$.setupState.list;

describe('filters and page in the address', { timeout: 60_000 }, () => {
  it('audit log: starts from its address, writes a search and a page to it, and back restores them', async () => {
    api.audit.mockResolvedValue({ items: [], total: 120 });
    const wrapper = await mountAt(AuditView, '/system/audit?entityType=project&entityId=7&page=3');
    expect(api.audit).toHaveBeenLastCalledWith({
      entityType: 'project',
      entityId: '7',
      page: 3,
      pageSize: 20,
    });

    const list = stateOf(wrapper);
    list.filters.entityType = 'user';
    list.filters.entityId = '';
    list.search();
    await flushPromises();
    expect(query()).toEqual({ entityType: 'user' });
    expect(api.audit).toHaveBeenLastCalledWith({ entityType: 'user', entityId: '', page: 1, pageSize: 20 });

    list.page.value = 2; // the pager's next page
    await flushPromises();
    expect(query()).toEqual({ entityType: 'user', page: '2' });
    expect(api.audit).toHaveBeenLastCalledWith({ entityType: 'user', entityId: '', page: 2, pageSize: 20 });

    // Another address of the page (back/forward, a shared link) shows its filters and page.
    await router.replace('/system/audit?entityType=project&entityId=7&page=3');
    await flushPromises();
    expect(list.filters).toEqual({ entityType: 'project', entityId: '7' });
    expect(api.audit).toHaveBeenLastCalledWith({
      entityType: 'project',
      entityId: '7',
      page: 3,
      pageSize: 20,
    });
  });

  it('failed deliveries: the status and page of the address; a new status goes to it from page 1', async () => {
    api.deliveries.mockResolvedValue({ items: [], total: 200 });
    const wrapper = await mountAt(DeliveriesView, '/system/deliveries?status=sent&page=4');
    expect(api.deliveries).toHaveBeenLastCalledWith('sent', 4, 20);

    const list = stateOf(wrapper);
    list.filters.status = 'pending';
    await flushPromises();
    expect(query()).toEqual({ status: 'pending' });
    expect(api.deliveries).toHaveBeenLastCalledWith('pending', 1, 20);

    // The default (failed) and page 1 leave the address bare; a malformed one is the default.
    list.filters.status = 'failed';
    await flushPromises();
    expect(query()).toEqual({});
    await router.replace('/system/deliveries?status=nonsense&page=x');
    await flushPromises();
    expect(api.deliveries).toHaveBeenLastCalledWith('failed', 1, 20);
  });

  it('approval catalog: the search and department of the address filter the items; a change is written back', async () => {
    const item = (code: string, name: string, departmentId: string) => ({
      code,
      name,
      departmentId,
      statutoryDays: 20,
      promisedDays: 10,
      deemedApproval: false,
      maxExtensionDays: 10,
      yellowDays: null,
      materials: null,
      sortOrder: 1,
      enabled: true,
    });
    api.items.mockResolvedValue({
      items: [item('LAND_PLAN', '建设用地规划许可证', '3'), item('WATER', '取水许可', '5')],
      total: 2,
    });
    api.departments.mockResolvedValue({ items: [], total: 0 });
    const wrapper = await mountAt(ApprovalCatalogView, '/system/catalog?departmentId=5');
    const table = () => wrapper.get('[data-testid="catalog-table"]').text();
    expect(table()).toContain('取水许可');
    expect(table()).not.toContain('建设用地规划许可证');

    const setup = (wrapper.vm as unknown as { $: { setupState: { filters: Record<string, string> } } }).$
      .setupState;
    setup.filters.departmentId = '';
    setup.filters.q = 'land';
    await flushPromises();
    expect(query()).toEqual({ q: 'land' });
    expect(table()).toContain('建设用地规划许可证');
    expect(table()).not.toContain('取水许可');

    await router.replace('/system/catalog?q=WATER');
    await flushPromises();
    expect(setup.filters).toEqual({ q: 'WATER', departmentId: '' });
    expect(table()).toContain('取水许可');
  });
});
