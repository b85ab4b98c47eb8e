import { DOMWrapper, flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import type { Role } from '../../auth/types';
import { createAppI18n } from '../../i18n';
import { routerAt } from '../../testing/router';
import { alertRow } from './test-fixtures';
import { clickTestId } from '../../testing/click';

const api = vi.hoisted(() => ({ list: vi.fn(), departments: vi.fn(), post: vi.fn() }));
const session = vi.hoisted(() => ({ role: 'bureau' as string, departmentId: null as string | null }));

vi.mock('../../api/alerts', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, { alertsApi: { list: api.list } }),
);
// The notice is sent through the real dispatch client: the request itself is what is checked.
vi.mock('../../api/http', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, { http: { post: api.post } }),
);
vi.mock('../../api/admin', async (importOriginal) =>
  (await import('../../testing/fake-auth')).withDepartmentsList(importOriginal, api.departments),
);
vi.mock('../../auth/auth-store', async () =>
  (await import('../../testing/fake-auth')).fakeAuthStore(session),
);
vi.mock('../../live/event-stream', () => ({ useEventStream: () => ({ changeSeq: ref(0) }) }));

const { default: EscalatedAlertsView } = await import('./EscalatedAlertsView.vue');

const rows = [
  // Level 3, open, no notice yet: the one a notice can be issued from.
  alertRow({ id: '1', level: 3 }),
  // Already has its notice: the number instead of the button.
  alertRow({ id: '2', level: 3, notice: { id: '70', number: '〔2026〕督字第7号' } }),
  // Resolved: nothing to supervise any more.
  alertRow({ id: '3', level: 3, status: 'resolved' }),
];

async function mountAs(role: Role) {
  session.role = role;
  for (const fn of Object.values(api)) fn.mockReset();
  api.departments.mockResolvedValue({ items: [], total: 0 });
  api.list.mockResolvedValue({ items: rows, total: rows.length });
  const router = await routerAt('/alerts/escalated');
  const wrapper = mount(EscalatedAlertsView, {
    global: {
      plugins: [createAppI18n(), router],
      stubs: {
        RouterLink: { props: ['to'], template: '<a :data-to="JSON.stringify(to)"><slot /></a>' },
      },
    },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

const issueButtons = (wrapper: Awaited<ReturnType<typeof mountAs>>) =>
  wrapper
    .findAll('[data-testid="escalated-issue-notice"]')
    .map((button) => button.attributes('data-alert-id'));

describe('EscalatedAlertsView', () => {
  it.each(['bureau', 'leader', 'admin'] as const)(
    'offers %s 发督办函 on an unresolved level-3 alert without a notice, and the number where there is one',
    async (role) => {
      const wrapper = await mountAs(role);
      expect(api.list).toHaveBeenCalledWith(expect.objectContaining({ level: 3 }), 1, 20);
      expect(issueButtons(wrapper)).toEqual(['1']);
      const notice = wrapper.get('[data-testid="escalated-notice"]');
      expect(notice.attributes('data-alert-id')).toBe('2');
      expect(notice.text()).toBe('〔2026〕督字第7号');
      expect(notice.attributes('data-to')).toBe('"/notices"');
      wrapper.unmount();
    },
  );

  it('offers no 发督办函 to a department user (the server refuses it too)', async () => {
    const wrapper = await mountAs('department');
    expect(issueButtons(wrapper)).toEqual([]);
    // The notice number stays visible to all.
    expect(wrapper.find('[data-testid="escalated-notice"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('issues the notice from the alert (POST /notices, source alert and its id), then reloads', async () => {
    const wrapper = await mountAs('bureau');
    await clickTestId(wrapper, 'escalated-issue-notice');
    // The dialog is teleported to the body.
    const body = new DOMWrapper(document.body);
    await body.get('textarea[data-testid="notice-measures"]').setValue(' 请于3个工作日内办结并反馈 ');
    api.post.mockResolvedValue({ id: '71', number: '〔2026〕督字第8号' });
    await clickTestId(body, 'notice-issue-submit');
    expect(api.post).toHaveBeenCalledWith('/notices', {
      sourceType: 'alert',
      sourceId: '1',
      measures: '请于3个工作日内办结并反馈',
    });
    expect(api.list).toHaveBeenCalledTimes(2);
    wrapper.unmount();
  });
});
