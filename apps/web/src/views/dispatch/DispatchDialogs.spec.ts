import { DOMWrapper, flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createAppI18n } from '../../i18n';
import { todayInDistrict } from '../../utils/datetime';
import { problemRow } from './test-fixtures';
import { clickTestId } from '../../testing/click';

const api = vi.hoisted(() => ({
  chairs: vi.fn(),
  createMeeting: vi.fn(),
  transition: vi.fn(),
  departments: vi.fn(),
}));
vi.mock('../../api/dispatch', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, {
    meetingsApi: { chairs: api.chairs, create: api.createMeeting },
    problemsApi: { transition: api.transition },
  }),
);
vi.mock('../../api/admin', async (importOriginal) =>
  (await import('../../testing/fake-auth')).withDepartmentsList(importOriginal, api.departments),
);

const { default: MeetingCreateDialog } = await import('./MeetingCreateDialog.vue');
const { default: ProblemMoveDialog } = await import('./ProblemMoveDialog.vue');

/** Mounts a dialog closed, then opens it (as its page does). */
async function opened(
  component: typeof MeetingCreateDialog | typeof ProblemMoveDialog,
  props: Record<string, unknown> = {},
) {
  for (const fn of Object.values(api)) fn.mockReset();
  api.chairs.mockResolvedValue([
    { id: '9', displayName: '王区长' },
    { id: '8', displayName: '李副区长' },
  ]);
  api.departments.mockResolvedValue({ items: [{ id: '3', code: 'ZRZY', name: '自然资源局' }], total: 1 });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)*', component: { render: () => null } }],
  });
  await router.push('/meetings');
  const wrapper = mount(component as typeof MeetingCreateDialog, {
    props: { modelValue: false, ...props },
    global: { plugins: [createAppI18n('zh-CN'), router] },
    attachTo: document.body,
  });
  await wrapper.setProps({ modelValue: true });
  await flushPromises();
  // The dialog is teleported to the body.
  return { wrapper, body: new DOMWrapper(document.body), router };
}

describe('MeetingCreateDialog', () => {
  it('proposes today and the first chair, creates the meeting and opens its page', async () => {
    const { wrapper, body, router } = await opened(MeetingCreateDialog);
    expect((body.get('[data-testid="meeting-date"] input').element as HTMLInputElement).value).toBe(
      todayInDistrict(),
    );
    expect(body.get('[data-testid="meeting-kind-monthly"]').classes()).toContain('is-active');
    api.createMeeting.mockResolvedValue({ id: '12' });
    await body.get('[data-testid="meeting-title"]').setValue(' 12月调度会 ');
    await clickTestId(body, 'meeting-create-submit');
    expect(api.createMeeting).toHaveBeenCalledWith({
      date: todayInDistrict(),
      title: '12月调度会',
      kind: 'monthly',
      chairUserId: '9',
      attendeeDepartmentIds: [],
    });
    expect(router.currentRoute.value.path).toBe('/meetings/12');
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
    wrapper.unmount();
  });

  it('needs a name', async () => {
    const { wrapper, body } = await opened(MeetingCreateDialog);
    await clickTestId(body, 'meeting-create-submit');
    expect(api.createMeeting).not.toHaveBeenCalled();
    expect(body.find('.el-form-item.is-error [data-testid="meeting-title"]').exists()).toBe(true);
    wrapper.unmount();
  });
});

describe('ProblemMoveDialog', () => {
  it('asks for the text of a transition that needs one, and sends it trimmed', async () => {
    const problem = problemRow({ status: 'in_progress' });
    const { wrapper, body } = await opened(ProblemMoveDialog, { problem, action: 'resolve' });
    expect(body.get('[data-testid="problem-move-dialog"]').text()).toContain('办结：WT-2026-001');
    await clickTestId(body, 'problem-move-submit');
    expect(api.transition).not.toHaveBeenCalled();
    expect(body.find('.el-form-item.is-error [data-testid="problem-move-text"]').exists()).toBe(true);
    await body.get('textarea[data-testid="problem-move-text"]').setValue(' 已办结 ');
    api.transition.mockResolvedValue(problem);
    await clickTestId(body, 'problem-move-submit');
    expect(api.transition).toHaveBeenCalledWith('1', { action: 'resolve', text: '已办结' });
    expect(wrapper.emitted('saved')).toHaveLength(1);
    wrapper.unmount();
  });

  it('closes (销号) a problem without a note', async () => {
    const problem = problemRow({ status: 'resolved' });
    const { wrapper, body } = await opened(ProblemMoveDialog, { problem, action: 'close' });
    api.transition.mockResolvedValue(problem);
    await clickTestId(body, 'problem-move-submit');
    expect(api.transition).toHaveBeenCalledWith('1', { action: 'close', text: undefined });
    wrapper.unmount();
  });
});
