import { DOMWrapper, flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { Router } from 'vue-router';
import type { Role } from '../../auth/types';
import { createAppI18n } from '../../i18n';
import { routerAt } from '../../testing/router';
import { noticeRow } from './test-fixtures';
import { clickTestId } from '../../testing/click';

const api = vi.hoisted(() => ({ list: vi.fn(), sign: vi.fn(), reply: vi.fn(), document: vi.fn() }));
const session = vi.hoisted(() => ({ role: 'department' as string, departmentId: '3' as string | null }));

vi.mock('../../api/dispatch', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, { noticesApi: api }),
);
vi.mock('../../auth/auth-store', async () =>
  (await import('../../testing/fake-auth')).fakeAuthStore(session),
);

const { default: NoticesView } = await import('./NoticesView.vue');

/** One notice in each state: issued (to sign), signed (to answer), replied (done). */
const rows = [
  noticeRow({ id: '1', status: 'issued', overdue: true }),
  noticeRow({ id: '2', number: '落督〔2026〕2号', status: 'signed' }),
  noticeRow({
    id: '3',
    number: '落督〔2026〕3号',
    status: 'replied',
    replyDone: '已上报指标',
    replyExpectedDate: '2026-12-31',
  }),
];

let router: Router;
async function mountAs(role: Role, address = '/notices') {
  session.role = role;
  session.departmentId = role === 'department' ? '3' : null;
  for (const fn of Object.values(api)) fn.mockReset();
  api.list.mockResolvedValue({ items: rows, total: rows.length });
  router = await routerAt(address);
  const wrapper = mount(NoticesView, {
    global: { plugins: [createAppI18n('zh-CN'), router] },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}
type Wrapper = Awaited<ReturnType<typeof mountAs>>;
/** The page's dialogs are teleported to the body. */
const body = () => new DOMWrapper(document.body);
/** The test ids of the buttons in each row's 操作 cell. */
const actionsOf = (wrapper: Wrapper) =>
  wrapper
    .get('[data-testid="notices-table"]')
    .findAll('.el-table__body tr')
    .map((row) =>
      row
        .findAll('button')
        .map((button) => button.attributes('data-testid'))
        .filter((id) => id !== undefined),
    );

describe('NoticesView', () => {
  it('lets the addressee sign an issued notice and answer a signed one; a replied one only downloads', async () => {
    const wrapper = await mountAs('department');
    expect(api.list).toHaveBeenCalledWith({ status: '' }, 1, 20);
    expect(actionsOf(wrapper)).toEqual([
      ['notice-sign', 'notice-download'],
      ['notice-reply', 'notice-download'],
      ['notice-download'],
    ]);
    expect(wrapper.findAll('[data-testid="notice-status"]').map((tag) => tag.text())).toEqual([
      '待签收',
      '已签收',
      '已反馈',
    ]);
    expect(wrapper.text()).toContain('已上报指标');
    wrapper.unmount();
  });

  it('shows the bureau and leaders the notices without sign or reply; an admin may act for the addressee', async () => {
    for (const role of ['bureau', 'leader'] as const) {
      const wrapper = await mountAs(role);
      expect(actionsOf(wrapper)).toEqual([['notice-download'], ['notice-download'], ['notice-download']]);
      wrapper.unmount();
    }
    const wrapper = await mountAs('admin');
    expect(actionsOf(wrapper)[0]).toEqual(['notice-sign', 'notice-download']);
    expect(actionsOf(wrapper)[1]).toEqual(['notice-reply', 'notice-download']);
    wrapper.unmount();
  });

  it('signs a notice and loads the list again', async () => {
    const wrapper = await mountAs('department');
    api.sign.mockResolvedValue({ ...rows[0], status: 'signed' });
    await clickTestId(wrapper, 'notice-sign');
    expect(api.sign).toHaveBeenCalledWith('1');
    expect(api.list).toHaveBeenCalledTimes(2);
    wrapper.unmount();
  });

  it('answers a signed notice: done and the expected date are required', async () => {
    const wrapper = await mountAs('department');
    await clickTestId(wrapper, 'notice-reply');
    expect(body().get('[data-testid="notice-reply-dialog"]').text()).toContain('反馈：落督〔2026〕2号');
    await clickTestId(body(), 'notice-reply-submit');
    expect(api.reply).not.toHaveBeenCalled();

    await body().get('textarea[data-testid="notice-done"]').setValue(' 已上报指标 ');
    const date = body().get('[data-testid="notice-expected-date"] input');
    await date.setValue('2099-01-15');
    await date.trigger('change');
    await date.trigger('blur');
    await flushPromises();
    api.reply.mockResolvedValue({ ...rows[1], status: 'replied' });
    await clickTestId(body(), 'notice-reply-submit');
    expect(api.reply).toHaveBeenCalledWith('2', {
      done: '已上报指标',
      remaining: '',
      expectedDate: '2099-01-15',
    });
    expect(api.list).toHaveBeenCalledTimes(2);
    wrapper.unmount();
  });

  it('keeps the status filter in the address', async () => {
    const wrapper = await mountAs('bureau', '/notices?status=signed');
    expect(api.list).toHaveBeenCalledWith({ status: 'signed' }, 1, 20);
    await router.replace('/notices?status=nonsense');
    await flushPromises();
    expect(api.list).toHaveBeenLastCalledWith({ status: '' }, 1, 20);
    wrapper.unmount();
  });
});
