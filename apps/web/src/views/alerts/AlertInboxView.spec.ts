import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../auth/types';
import { createAppI18n } from '../../i18n';
import type { EventSourceLike } from '../../live/event-stream';
import type { Router } from 'vue-router';
import { routerAt } from '../../testing/router';
import { alertRow } from './test-fixtures';
import { listCards } from '../../testing/phone-screen';
import { expectTextContains } from '../../testing/texts';
import { clickTestId } from '../../testing/click';

const api = vi.hoisted(() => ({ list: vi.fn(), run: vi.fn(), departments: vi.fn() }));
const session = vi.hoisted(() => ({ role: 'department' as string, departmentId: '3' as string | null }));
const sources = vi.hoisted(() => [] as Array<{ emit: (data: unknown) => void }>);

vi.mock('../../api/alerts', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, {
    alertsApi: { list: api.list },
    checksApi: { run: api.run },
  }),
);
vi.mock('../../api/admin', async (importOriginal) =>
  (await import('../../testing/fake-auth')).withDepartmentsList(importOriginal, api.departments),
);
vi.mock('../../auth/auth-store', async () =>
  (await import('../../testing/fake-auth')).fakeAuthStore(session),
);
vi.mock('../../live/event-stream', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../live/event-stream')>();
  const stream = actual.createEventStream({
    create: () => {
      const listeners: Array<(event: MessageEvent) => void> = [];
      const source: EventSourceLike = {
        onopen: null,
        onerror: null,
        addEventListener: (_type, listener) => listeners.push(listener),
        close: () => undefined,
      };
      sources.push({
        emit: (data) =>
          listeners.forEach((l) => l(new MessageEvent('alert', { data: JSON.stringify(data) }))),
      });
      return source;
    },
  });
  stream.start('token');
  return { ...actual, useEventStream: () => stream };
});

const { default: AlertInboxView } = await import('./AlertInboxView.vue');

async function prepare(role: Role, departmentId: string | null = null, address = '/alerts') {
  session.role = role;
  session.departmentId = departmentId;
  for (const fn of Object.values(api)) fn.mockReset();
  api.departments.mockResolvedValue({ items: [{ id: '3', code: 'ZRZY', name: '自然资源局' }], total: 1 });
  router = await routerAt(address);
}

let router: Router;
const mountOptions = () => ({
  global: {
    plugins: [createAppI18n(), router],
    stubs: { RouterLink: { props: ['to'], template: '<a :data-to="JSON.stringify(to)"><slot /></a>' } },
  },
});

describe('AlertInboxView', () => {
  it('shows each level in its colour and each kind in Chinese, with the detail in words', async () => {
    await prepare('department', '3');
    api.list.mockResolvedValue({
      items: [
        alertRow({
          id: '1',
          level: 3,
          kind: 'milestone_overdue',
          detail: { deadline: '2026-03-09' },
          // The alert names its approval item and how late it is now (the API's fields).
          itemCode: 'LAND_PRE',
          itemName: '用地预审与选址意见书',
          deadline: '2026-03-09',
          remainingWorkingDays: -4,
        }),
        alertRow({ id: '2', level: 2, kind: 'deemed_approval' }),
        alertRow({ id: '3', level: 1, kind: 'milestone_due', detail: { deadline: '2026-03-20' } }),
        alertRow({ id: '4', level: 1, kind: 'not_registered', subjectType: 'project', detail: {} }),
        alertRow({ id: '5', level: 1, kind: 'not_started', subjectType: 'project' }),
        alertRow({
          id: '6',
          level: 2,
          kind: 'investment_behind',
          subjectType: 'key_work',
          detail: { pointsBehind: 32.5 },
        }),
        alertRow({
          id: '7',
          level: 1,
          kind: 'report_missing',
          subjectType: 'key_work',
          detail: { months: ['2026-02', '2026-03'] },
        }),
      ],
      total: 7,
    });
    const wrapper = mount(AlertInboxView, mountOptions());
    await flushPromises();

    // A department user's list is its own: no department filter, none sent.
    expect(api.list).toHaveBeenCalledWith(expect.objectContaining({ departmentId: undefined }), 1, 20);
    expect(wrapper.find('[data-testid="alerts-filter-department"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="checks-run"]').exists()).toBe(false);

    const levels = wrapper.findAll('[data-testid="alert-level"]');
    expect(levels.map((tag) => [tag.attributes('data-level'), tag.text()])).toEqual([
      ['3', '督办'],
      ['2', '逾期'],
      ['1', '预警'],
      ['1', '预警'],
      ['1', '预警'],
      ['2', '逾期'],
      ['1', '预警'],
    ]);
    const colour = (index: number) => levels[index]!.attributes('style');
    expect(colour(0)).toMatch(/139, 26, 74|#8b1a4a/i);
    expect(colour(1)).toMatch(/245, 34, 45|#f5222d/i);
    expect(colour(2)).toMatch(/250, 173, 20|#faad14/i);

    expect(wrapper.findAll('[data-testid="alert-kind"]').map((node) => node.text())).toEqual([
      '已逾期',
      '超时默认',
      '临近时限',
      '签约未注册',
      '未按期开工',
      '投资进度滞后',
      '月报未报送',
    ]);
    const details = wrapper.findAll('[data-testid="alert-detail-text"]').map((node) => node.text());
    expect(details[0]).toBe('事项：用地预审与选址意见书；办结期限 2026-03-09；逾期 4 个工作日');
    expect(details[3]).toBe('—');
    expect(details[5]).toBe('落后序时进度 32.5 个百分点');
    expect(details[6]).toBe('未报送：2026-02、2026-03');

    // Milestones link to the project and to its approvals; projects only to the project.
    expect(wrapper.findAll('[data-testid="alert-approvals-link"]')).toHaveLength(3);
    expect(wrapper.get('[data-testid="alert-approvals-link"]').attributes('data-to')).toContain(
      '"projectId":"5"',
    );
    expect(wrapper.get('[data-testid="alert-project"]').attributes('data-to')).toBe('"/projects/5"');
    expect(wrapper.findAll('[data-testid="alert-status"]')[0]!.text()).toBe('待签收');
    wrapper.unmount();
  });

  it('offers 签收 on an unacknowledged alert of the own department and 反馈 once acknowledged', async () => {
    await prepare('department', '3');
    api.list.mockResolvedValue({
      items: [
        alertRow({ id: '1' }),
        alertRow({
          id: '2',
          status: 'acknowledged',
          acknowledgedLevel: 2,
          acknowledgedAt: '2026-03-10T02:00:00Z',
        }),
        alertRow({ id: '3', status: 'resolved', acknowledgedLevel: 2 }),
      ],
      total: 3,
    });
    const wrapper = mount(AlertInboxView, mountOptions());
    await flushPromises();
    const ids = (testId: string) =>
      wrapper.findAll(`[data-testid="${testId}"]`).map((node) => node.attributes('data-alert-id'));
    expect(ids('alert-ack')).toEqual(['1']);
    expect(ids('alert-answer')).toEqual(['2']);
    wrapper.unmount();
  });

  it('reloads by itself when the live stream reports a change', async () => {
    await prepare('bureau');
    api.list.mockResolvedValueOnce({ items: [], total: 0 });
    const wrapper = mount(AlertInboxView, mountOptions());
    await flushPromises();
    expect(wrapper.findAll('[data-testid="alert-level"]')).toHaveLength(0);
    expect(wrapper.find('[data-testid="alerts-filter-department"]').exists()).toBe(true);
    // Another department's alert: the bureau sees it but cannot acknowledge it.
    expect(wrapper.find('[data-testid="alert-ack"]').exists()).toBe(false);

    api.list.mockResolvedValue({ items: [alertRow({ id: '9', level: 3 })], total: 1 });
    sources.at(-1)!.emit({
      alertId: '9',
      kind: 'milestone_overdue',
      level: 3,
      status: 'open',
      departmentId: '3',
      change: 'raised',
    });
    await flushPromises();
    expect(api.list).toHaveBeenCalledTimes(2);
    expect(wrapper.get('[data-testid="alert-level"]').attributes('data-level')).toBe('3');
    expect(wrapper.find('[data-testid="alert-ack"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('starts from the filters of its address and keeps the filters and the search in it', async () => {
    await prepare('leader', null, '/alerts?level=3&status=open&departmentId=3');
    api.list.mockResolvedValue({ items: [], total: 0 });
    const wrapper = mount(AlertInboxView, mountOptions());
    await flushPromises();
    expect(api.list).toHaveBeenCalledTimes(1);
    expect(api.list).toHaveBeenLastCalledWith(
      expect.objectContaining({ level: 3, status: 'open', departmentId: '3', q: '' }),
      1,
      20,
    );
    // Another address of the page (a second drill-down, back) applies its filters.
    await router.push('/alerts?level=1');
    await flushPromises();
    expect(api.list).toHaveBeenLastCalledWith(expect.objectContaining({ level: 1, status: '' }), 1, 20);
    // The search box applies on Enter and lands in the address.
    const box = wrapper.get('input[data-testid="alerts-filter-q"]');
    await box.setValue('  用地预审 ');
    await box.trigger('keyup', { key: 'Enter' });
    await flushPromises();
    expect(api.list).toHaveBeenLastCalledWith(expect.objectContaining({ level: 1, q: '用地预审' }), 1, 20);
    expect(router.currentRoute.value.query).toEqual({ level: '1', q: '用地预审' });
    wrapper.unmount();
  });

  it('lets the bureau run the checks and shows the counts', async () => {
    await prepare('bureau');
    api.list.mockResolvedValue({ items: [], total: 0 });
    api.run.mockResolvedValue({ raised: 4, escalated: 2, resolved: 1, deemedApproved: 0 });
    const wrapper = mount(AlertInboxView, mountOptions());
    await flushPromises();
    await clickTestId(wrapper, 'checks-run');
    expect(api.run).toHaveBeenCalledTimes(1);
    expect(wrapper.get('[data-testid="checks-result"]').text()).toContain(
      '检查完成：新增 4，升级 2，解除 1，超时默认 0',
    );
    wrapper.unmount();
  });

  it('names the approval item of a milestone alert, and the kind of subject otherwise', async () => {
    prepare('department', '3');
    api.list.mockResolvedValue({
      items: [
        alertRow({ id: '1', itemName: '用地预审与选址意见书' }),
        alertRow({ id: '2', kind: 'not_started', subjectType: 'project', itemName: null }),
      ],
      total: 2,
    });
    const wrapper = mount(AlertInboxView, mountOptions());
    await flushPromises();
    expect(wrapper.findAll('[data-testid="alert-item"]').map((node) => node.text())).toEqual([
      '用地预审与选址意见书',
      '项目',
    ]);
    wrapper.unmount();
  });

  it('on a phone shows each alert as a card with its project, item, detail and buttons', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query.includes('max-width'),
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }));
    prepare('department', '3');
    api.list.mockResolvedValue({
      items: [
        alertRow({ id: '1', itemName: '用地预审与选址意见书', detail: { overdueWorkingDays: 3 } }),
        alertRow({ id: '2', projectName: '智能制造产业园', itemName: '建设工程规划许可证' }),
      ],
      total: 2,
    });
    const wrapper = mount(AlertInboxView, mountOptions());
    await flushPromises();
    const cards = listCards(wrapper);
    expect(cards).toHaveLength(2);
    expectTextContains(cards[0]!, [
      '新能源电池项目',
      '用地预审与选址意见书',
      '逾期 3 个工作日',
      '自然资源局',
    ]);
    expect(cards[0]!.find('[data-testid="alert-ack"]').exists()).toBe(true);
    expect(cards[0]!.find('.paged-card-actions [data-testid="alert-view"]').exists()).toBe(true);
    expectTextContains(cards[1]!, ['智能制造产业园', '建设工程规划许可证']);
    wrapper.unmount();
    vi.unstubAllGlobals();
  });
});
