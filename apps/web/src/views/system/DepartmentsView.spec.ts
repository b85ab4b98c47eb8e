import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Router } from 'vue-router';
import { createAppI18n } from '../../i18n';
import { routerAt } from '../../testing/router';

const api = vi.hoisted(() => ({ page: vi.fn(), get: vi.fn(), create: vi.fn(), update: vi.fn() }));
vi.mock('../../api/admin', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, { departmentsApi: api }),
);

const { default: DepartmentsView } = await import('./DepartmentsView.vue');

type SetupOf<T> = { $: { setupState: T } };
interface Setup {
  form: Record<string, unknown>;
  openEdit: (row: { id: string; code: string; name: string }) => Promise<void>;
  openCreate: () => void;
  save: () => Promise<void>;
}

const DINGTALK_URL = 'https://oapi.dingtalk.com/robot/send?access_token=abc';
const row = { id: '3', code: 'ZRZYJ', name: '自然资源局' };

let mounted: { unmount: () => void } | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  document.body.innerHTML = '';
});

let router: Router;
async function mountView(address = '/system/departments') {
  api.page.mockResolvedValue({ items: [row], total: 1 });
  router = await routerAt(address);
  const wrapper = mount(DepartmentsView, {
    global: { plugins: [createAppI18n('zh-CN'), router] },
    attachTo: document.body,
  });
  await flushPromises();
  mounted = wrapper;
  const setup = (wrapper.vm as unknown as SetupOf<Setup>).$.setupState;
  return { setup };
}

describe('departments: paged and searched', { timeout: 30_000 }, () => {
  it('starts from the search of its address and writes a new search to it, from page 1', async () => {
    await mountView('/system/departments?q=自然');
    expect(api.page).toHaveBeenLastCalledWith('自然', 1, 20);
    const box = document.querySelector<HTMLInputElement>('input[data-testid="departments-search"]')!;
    expect(box.value).toBe('自然');
    box.value = ' ZRZY ';
    box.dispatchEvent(new Event('input'));
    box.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }));
    await flushPromises();
    expect(api.page).toHaveBeenLastCalledWith('ZRZY', 1, 20);
    expect(router.currentRoute.value.query).toEqual({ q: 'ZRZY' });
  });
});

// Mounting Element Plus dialogs takes a few seconds on a busy machine.
describe('departments: chat robot settings', { timeout: 30_000 }, () => {
  it('never shows the stored secret; a new one is sent, an empty field keeps it, removing sends null', async () => {
    api.get.mockResolvedValue({
      ...row,
      email: null,
      webhookUrl: DINGTALK_URL,
      webhookKind: 'dingtalk',
      hasSecret: true,
    });
    api.update.mockResolvedValue({});
    const { setup } = await mountView();
    await setup.openEdit(row);
    await flushPromises();
    const secret = document.querySelector<HTMLInputElement>(
      'input[data-testid="department-webhook-secret"]',
    )!;
    expect(secret.value).toBe('');
    expect(secret.placeholder).toBe('已设置（留空则保持不变）');
    expect(document.body.textContent).toContain('钉钉群机器人');

    // Nothing changed: nothing sent.
    await setup.save();
    await flushPromises();
    expect(api.update).not.toHaveBeenCalled();

    await setup.openEdit(row);
    await flushPromises();
    setup.form.webhookSecret = 'SECnew0123';
    await setup.save();
    await flushPromises();
    expect(api.update).toHaveBeenLastCalledWith('3', { webhookSecret: 'SECnew0123' });

    await setup.openEdit(row);
    await flushPromises();
    document.querySelector<HTMLElement>('[data-testid="department-webhook-secret-remove"]')!.click();
    await flushPromises();
    await setup.save();
    await flushPromises();
    expect(api.update).toHaveBeenLastCalledWith('3', { webhookSecret: null });
  });

  it('refuses a secret with spaces; a WeCom robot has no secret field; a new department sends kind and secret', async () => {
    api.create.mockResolvedValue({});
    const { setup } = await mountView();
    setup.openCreate();
    await flushPromises();
    Object.assign(setup.form, {
      code: 'NEW',
      name: '新部门',
      webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/x',
      webhookKind: 'feishu',
      webhookSecret: 'has space',
    });
    await setup.save();
    await flushPromises();
    expect(api.create).not.toHaveBeenCalled();

    setup.form.webhookSecret = 'feishuKey1';
    await setup.save();
    await flushPromises();
    expect(api.create).toHaveBeenCalledWith({
      code: 'NEW',
      name: '新部门',
      webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/x',
      webhookKind: 'feishu',
      webhookSecret: 'feishuKey1',
    });

    setup.openCreate();
    await flushPromises();
    Object.assign(setup.form, {
      webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
      webhookKind: 'wecom',
    });
    await flushPromises();
    expect(document.querySelector('[data-testid="department-webhook-secret"]')).toBeNull();
    expect(document.querySelector('[data-testid="department-wecom-hint"]')).not.toBeNull();
  });
});
