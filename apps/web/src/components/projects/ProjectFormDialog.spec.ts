import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { createAppI18n } from '../../i18n';
import type { Project } from '../../api/projects';

/** The project form's 项目代码 field: its format on the page, the server's refusals under it. */
const api = vi.hoisted(() => ({ create: vi.fn(), update: vi.fn(), lookups: vi.fn(), departments: vi.fn() }));
vi.mock('../../api/projects', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../api/projects')>();
  return {
    ...actual,
    projectsApi: { ...actual.projectsApi, create: api.create, update: api.update },
    lookupsApi: { ...actual.lookupsApi, list: api.lookups },
  };
});
vi.mock('../../api/admin', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../api/admin')>();
  return { ...actual, departmentsApi: { ...actual.departmentsApi, list: api.departments } };
});

const { default: ProjectFormDialog } = await import('./ProjectFormDialog.vue');
const { ApiError } = await import('../../api/http');

const project = {
  id: '7',
  code: '2026-ZS-007',
  name: '智能装备产业园',
  investor: '华东智造科技有限公司',
  investorOrigin: 'domestic',
  industry: '先进制造',
  source: '沪洽会',
  contractAmount: '50000.00',
  leadDepartmentId: '3',
  leadOfficial: null,
  location: null,
  plannedStartDate: null,
  talksStartedAt: '2026-03-01',
  signedAt: '2026-05-18',
  projectCode: null,
} as unknown as Project;

async function openForm(value: Project | null) {
  api.lookups.mockResolvedValue({ items: [], total: 0 });
  api.departments.mockResolvedValue({ items: [{ id: '3', code: 'ZRZYJ', name: '自然资源局' }], total: 1 });
  const wrapper = mount(ProjectFormDialog, {
    props: { modelValue: true, project: value },
    global: {
      plugins: [createAppI18n('zh-CN')],
      stubs: { teleport: true, ChoiceSelect: true, ElDatePicker: true },
    },
    attachTo: document.body,
  });
  await flushPromises();
  return wrapper;
}

describe('ProjectFormDialog: 项目代码', () => {
  it('refuses a malformed code on the page and sends a good one (null removes it)', async () => {
    const wrapper = await openForm(project);
    const input = wrapper.get('[data-testid="pf-project-code"]');
    await input.setValue('2026-320115-10');
    await wrapper.get('[data-testid="project-form-submit"]').trigger('click');
    await flushPromises();
    expect(api.update).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(wrapper.text()).toContain('项目代码须为 24 位'));

    api.update.mockResolvedValue({ ...project, projectCode: '2026-320115-10-03-000001' });
    await input.setValue('2026-320115-10-03-000001');
    await wrapper.get('[data-testid="project-form-submit"]').trigger('click');
    await flushPromises();
    expect(api.update).toHaveBeenCalledWith(
      '7',
      expect.objectContaining({ projectCode: '2026-320115-10-03-000001' }),
    );
    wrapper.unmount();

    const again = await openForm({ ...project, projectCode: '2026-320115-10-03-000001' } as Project);
    await again.get('[data-testid="pf-project-code"]').setValue('');
    await again.get('[data-testid="project-form-submit"]').trigger('click');
    await flushPromises();
    expect(api.update).toHaveBeenLastCalledWith('7', expect.objectContaining({ projectCode: null }));
    again.unmount();
  });

  it('shows the server’s refusal (a code taken or outside the region) under the field', async () => {
    const wrapper = await openForm(project);
    await wrapper.get('[data-testid="pf-project-code"]').setValue('2026-320115-10-03-000009');
    api.update.mockRejectedValueOnce(
      new ApiError(409, 'Conflict', '项目代码 2026-320115-10-03-000009 已用于项目 2026-ZS-001', {
        statusCode: 409,
        error: 'Conflict',
        code: 'project_code_taken',
        params: { field: 'projectCode', value: '2026-320115-10-03-000009', holder: '2026-ZS-001' },
        message: '项目代码 2026-320115-10-03-000009 已用于项目 2026-ZS-001',
      }),
    );
    await wrapper.get('[data-testid="project-form-submit"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="project-form-error"]').text()).toContain('已用于项目 2026-ZS-001');
    // The refusal names its field: it is kept for that field's form item.
    const state = (wrapper.vm as unknown as { $: { setupState: { fieldErrors: Record<string, string> } } }).$
      .setupState;
    expect(state.fieldErrors['projectCode']).toContain('已用于项目 2026-ZS-001');
    wrapper.unmount();
  });
});
