import { flushPromises, mount } from '@vue/test-utils';
import { expect, it, vi } from 'vitest';
import { departmentsApi } from '../../api/admin';
import { createAppI18n } from '../../i18n';
import { routerAt } from '../../testing/router';
import DepartmentsView from './DepartmentsView.vue';

/** The admin forms' plain fields (FormFields) write what is typed into the form that is saved. */
it('what is typed in a new department’s fields is what is created', { timeout: 60_000 }, async () => {
  vi.spyOn(departmentsApi, 'page').mockResolvedValue({ items: [], total: 0 });
  const create = vi.spyOn(departmentsApi, 'create').mockResolvedValue({} as never);
  const router = await routerAt('/system/departments');
  const wrapper = mount(DepartmentsView, {
    global: { plugins: [createAppI18n('zh-CN'), router] },
    attachTo: document.body,
  });
  await flushPromises();
  document.querySelector<HTMLElement>('[data-testid="department-create"]')!.click();
  await flushPromises();
  const typed = { 'department-code': 'E2E_X', 'department-name': '测试局', 'department-email': 'a@b.cn' };
  for (const [testId, value] of Object.entries(typed)) {
    const input = document.querySelector<HTMLInputElement>(`input[data-testid="${testId}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  await flushPromises();
  document.querySelector<HTMLElement>('[data-testid="department-save"]')!.click();
  await vi.waitFor(() =>
    expect(create).toHaveBeenCalledWith({ code: 'E2E_X', name: '测试局', email: 'a@b.cn' }),
  );
  wrapper.unmount();
  document.body.innerHTML = '';
});
