import { DOMWrapper, flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createAppI18n } from '../../i18n';
import type { NoticeSource } from '../../api/dispatch';
import { clickTestId } from '../../testing/click';

const api = vi.hoisted(() => ({ issue: vi.fn() }));
vi.mock('../../api/dispatch', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, { noticesApi: api }),
);

const { default: NoticeIssueDialog } = await import('./NoticeIssueDialog.vue');

/** Mounts the dialog closed, then opens it (as its page does); the dialog is teleported to the body. */
async function opened(source: NoticeSource | null) {
  api.issue.mockReset();
  document.body.innerHTML = '';
  const wrapper = mount(NoticeIssueDialog, {
    props: { modelValue: false, source, label: '新能源电池项目 · 施工许可' },
    global: { plugins: [createAppI18n('zh-CN')] },
    attachTo: document.body,
  });
  await wrapper.setProps({ modelValue: true });
  await flushPromises();
  return { wrapper, body: new DOMWrapper(document.body) };
}

describe('NoticeIssueDialog', () => {
  it('issues the notice from its source with the trimmed measures, then closes and emits saved', async () => {
    const { wrapper, body } = await opened({ sourceType: 'problem', sourceId: '7' });
    expect(body.get('[data-testid="notice-issue-dialog"]').text()).toContain('新能源电池项目 · 施工许可');
    api.issue.mockResolvedValue({ number: '督〔2026〕3号' });
    await body.get('textarea[data-testid="notice-measures"]').setValue(' 限期办结 ');
    await clickTestId(body, 'notice-issue-submit');
    expect(api.issue).toHaveBeenCalledWith({ sourceType: 'problem', sourceId: '7', measures: '限期办结' });
    expect(wrapper.emitted('saved')).toHaveLength(1);
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
    wrapper.unmount();
  });

  it('needs the measures', async () => {
    const { wrapper, body } = await opened({ sourceType: 'alert', sourceId: '1' });
    await clickTestId(body, 'notice-issue-submit');
    expect(api.issue).not.toHaveBeenCalled();
    expect(body.find('.el-form-item.is-error textarea[data-testid="notice-measures"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('sends nothing without a source', async () => {
    const { wrapper, body } = await opened(null);
    await body.get('textarea[data-testid="notice-measures"]').setValue('限期办结');
    await clickTestId(body, 'notice-issue-submit');
    expect(api.issue).not.toHaveBeenCalled();
    expect(wrapper.emitted('saved')).toBeUndefined();
    wrapper.unmount();
  });
});
