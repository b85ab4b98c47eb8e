import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ApiError } from '../../api/http';
import type { Role } from '../../auth/types';
import { createAppI18n } from '../../i18n';
import type { MeetingDetail } from '../../api/dispatch';
import { meetingDetail } from './test-fixtures';
import { clickTestId } from '../../testing/click';

const api = vi.hoisted(() => ({
  get: vi.fn(),
  decide: vi.fn(),
  close: vi.fn(),
  projects: vi.fn(),
  departments: vi.fn(),
  confirm: vi.fn(),
}));
const session = vi.hoisted(() => ({ role: 'bureau' as string, departmentId: null as string | null }));

vi.mock('../../api/dispatch', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, {
    meetingsApi: { get: api.get, decide: api.decide, close: api.close },
  }),
);
vi.mock('../../api/projects', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, {
    projectsApi: { list: api.projects },
  }),
);
vi.mock('../../api/admin', async (importOriginal) =>
  (await import('../../testing/fake-auth')).withDepartmentsList(importOriginal, api.departments),
);
vi.mock('../../auth/auth-store', async () =>
  (await import('../../testing/fake-auth')).fakeAuthStore(session),
);
vi.mock('../../utils/confirm', () => ({ confirmStep: api.confirm }));

const { default: MeetingView } = await import('./MeetingView.vue');
const { default: DecisionForm } = await import('./DecisionForm.vue');

const decision = {
  id: '31',
  seq: 1,
  kind: 'update' as const,
  problemId: '1',
  problemCode: 'WT-2026-001',
  projectName: '智能装备产业园',
  text: '限期落实用地指标',
  ownerDepartmentId: '3',
  ownerDepartmentName: '自然资源局',
  coDepartmentIds: [],
  dueDate: '2026-11-30',
  leadOfficial: null,
  supervised: true,
};

async function mountAs(role: Role, meeting: MeetingDetail) {
  session.role = role;
  session.departmentId = role === 'department' ? '3' : null;
  for (const fn of Object.values(api)) fn.mockReset();
  api.get.mockResolvedValue(meeting);
  api.projects.mockResolvedValue({ items: [{ id: '7', code: 'P-007', name: '智能装备产业园' }], total: 1 });
  api.departments.mockResolvedValue({ items: [{ id: '3', code: 'ZRZY', name: '自然资源局' }], total: 1 });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/meetings/:id', component: { render: () => null } }],
  });
  await router.push(`/meetings/${meeting.id}`);
  await router.isReady();
  const wrapper = mount(MeetingView, { global: { plugins: [createAppI18n('zh-CN'), router] } });
  await flushPromises();
  return wrapper;
}

describe('MeetingView', () => {
  it('shows the agenda generated at the meeting date: problems grouped by category and owner, then the other parts', async () => {
    const wrapper = await mountAs('bureau', meetingDetail());
    expect(api.get).toHaveBeenCalledWith('5');
    expect(wrapper.get('[data-testid="meeting-title"]').text()).toBe('12月调度会');
    const agenda = wrapper.get('[data-testid="meeting-agenda"]');
    expect(agenda.text()).toContain('数据截至 2026-12-03');
    const groups = agenda.findAll('[data-testid="agenda-problems"]');
    expect(groups).toHaveLength(2);
    expect(agenda.text()).toContain('用地 · 自然资源局');
    expect(agenda.text()).toContain('水电气 · 供电公司');
    expect(groups[0]!.text()).toContain('WT-2026-001');
    expect(groups[0]!.text()).toContain('待办理 · 已逾期');
    expect(groups[1]!.text()).toContain('办理中');
    expect(groups[1]!.text()).not.toContain('已逾期');
    // 二、the alerted project; 三、四、五、none.
    expect(agenda.text()).toContain('P-007');
    expect(agenda.findAll('p.cell-sub').map((p) => p.text())).toEqual(['无', '无', '无']);
    wrapper.unmount();
  });

  it('records a decision on a problem of the agenda and shows it in the decisions table', async () => {
    const wrapper = await mountAs('bureau', meetingDetail());
    expect(wrapper.find('[data-testid="decision-form"]').exists()).toBe(true);
    expect(wrapper.findAll('[data-testid="decisions-table"] .el-table__body tr')).toHaveLength(0);
    const form = (
      wrapper.findComponent(DecisionForm).vm as unknown as {
        $: { setupState: { form: Record<string, unknown> } };
      }
    ).$.setupState.form;
    form.problemId = '1';
    form.supervised = true;
    await wrapper.get('textarea[data-testid="decision-text"]').setValue(' 限期落实用地指标 ');
    api.decide.mockResolvedValue(meetingDetail({ decisions: [decision] }));
    await clickTestId(wrapper, 'decision-submit');
    expect(api.decide).toHaveBeenCalledWith('5', {
      kind: 'update',
      text: '限期落实用地指标',
      problemId: '1',
      ownerDepartmentId: undefined,
      coDepartmentIds: undefined,
      dueDate: undefined,
      supervised: true,
    });
    const rows = wrapper.findAll('[data-testid="decisions-table"] .el-table__body tr');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text()).toContain('智能装备产业园：限期落实用地指标');
    expect(rows[0]!.text()).toContain('✓');
    // The form is blank again for the next decision.
    expect(form.problemId).toBe('');
    expect((wrapper.get('textarea[data-testid="decision-text"]').element as HTMLTextAreaElement).value).toBe(
      '',
    );
    wrapper.unmount();
  });

  it('shows a refused decision’s reason and keeps the input', async () => {
    const wrapper = await mountAs('bureau', meetingDetail());
    await wrapper.get('textarea[data-testid="decision-text"]').setValue('倒排工期');
    const message = 'problemId is required for an update decision';
    api.decide.mockRejectedValue(
      new ApiError(400, 'Bad Request', message, { statusCode: 400, error: 'Bad Request', message }),
    );
    await clickTestId(wrapper, 'decision-submit');
    expect(wrapper.get('[data-testid="decision-error"]').text()).toContain(message);
    expect((wrapper.get('textarea[data-testid="decision-text"]').element as HTMLTextAreaElement).value).toBe(
      '倒排工期',
    );
    wrapper.unmount();
  });

  it('closes the meeting after asking; a closed meeting is read-only', async () => {
    const wrapper = await mountAs('bureau', meetingDetail({ decisions: [decision] }));
    api.confirm.mockResolvedValue(true);
    api.close.mockResolvedValue(meetingDetail({ decisions: [decision], status: 'closed' }));
    await clickTestId(wrapper, 'meeting-close');
    expect(api.confirm).toHaveBeenCalledWith(expect.objectContaining({ title: '结束会议' }));
    expect(api.close).toHaveBeenCalledWith('5');
    expect(wrapper.get('[data-testid="meeting-status"]').text()).toBe('已结束');
    expect(wrapper.find('[data-testid="decision-form"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="meeting-close"]').exists()).toBe(false);
    // The decisions and the documents stay.
    expect(wrapper.findAll('[data-testid="decisions-table"] .el-table__body tr')).toHaveLength(1);
    expect(wrapper.find('[data-testid="minutes-download"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('does not close when the clerk cancels', async () => {
    const wrapper = await mountAs('bureau', meetingDetail());
    api.confirm.mockResolvedValue(false);
    await clickTestId(wrapper, 'meeting-close');
    expect(api.close).not.toHaveBeenCalled();
    expect(wrapper.find('[data-testid="decision-form"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('opens a closed meeting read-only, loading no form data; a leader may still issue a notice', async () => {
    const wrapper = await mountAs('leader', meetingDetail({ status: 'closed', decisions: [decision] }));
    expect(wrapper.get('[data-testid="meeting-status"]').text()).toBe('已结束');
    expect(wrapper.find('[data-testid="decision-form"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="meeting-close"]').exists()).toBe(false);
    expect(api.projects).not.toHaveBeenCalled();
    expect(wrapper.find('[data-testid="decision-notice"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('shows a leader an open meeting without the form (only the bureau and admins run it)', async () => {
    const wrapper = await mountAs('leader', meetingDetail());
    expect(wrapper.find('[data-testid="decision-form"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="meeting-close"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
