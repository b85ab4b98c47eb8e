import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { computed, shallowRef } from 'vue';
import type { Milestone } from '../../api/approvals';
import type { ProjectRouteView, RouteItem } from '../../api/routes';
import { createAppI18n } from '../../i18n';
import routesEn from '../../i18n/routes.en';
import routesZhCN from '../../i18n/routes.zh-CN';
import { expectSameKeys } from '../../testing/messages';

/** The 审批路线 card: stages in order with their status, parallel items, after links, days, role actions. */
const api = vi.hoisted(() => ({ projectRoute: vi.fn(), apply: vi.fn(), templates: vi.fn() }));
const role = vi.hoisted(() => ({ value: 'bureau' }));

vi.mock('../../api/routes', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../api/routes')>();
  return { ...actual, routesApi: { ...actual.routesApi, ...api } };
});
vi.mock('../../auth/auth-store', () => ({
  useAuth: () => {
    const user = shallowRef({ role: role.value, departmentId: null });
    return { role: computed(() => user.value.role), user };
  },
}));

const { default: ProjectRouteCard } = await import('./ProjectRouteCard.vue');

const milestone = (itemCode: string, itemName: string, over: Partial<Milestone> = {}): Milestone =>
  ({
    id: itemCode,
    projectId: '5',
    projectCode: '2026-ZS-005',
    projectName: '测试项目',
    itemCode,
    itemName,
    departmentId: '3',
    departmentName: '自然资源局',
    state: 'planned',
    submittedAt: null,
    acceptedOn: null,
    acceptanceDeemed: false,
    deadline: null,
    deadlineProvisional: false,
    remainingWorkingDays: null,
    light: null,
    extensionDays: 0,
    decidedAt: null,
    decidedOnTime: null,
    ...over,
  }) as Milestone;
const item = (m: Milestone, stage: number, after: string[] = []): RouteItem => ({
  stage,
  after,
  promisedDays: 10,
  statutoryDays: 20,
  ready: stage === 1,
  milestone: m,
});

const applied: ProjectRouteView = {
  projectId: '5',
  applied: true,
  templateId: '1',
  templateKey: '1',
  templateName: '工程建设项目审批（四阶段）',
  templateVersion: 2,
  appliedAt: '2026-11-02T02:00:00.000Z',
  targetDays: 60,
  usedWorkingDays: 65,
  startedOn: '2026-08-03',
  finished: false,
  overTarget: true,
  stages: [
    {
      stage: 1,
      name: '立项用地规划许可',
      status: 'open',
      hiddenItems: 0,
      items: [
        item(
          milestone('LAND_PRE', '用地预审与选址意见书', {
            state: 'accepted',
            deadline: '2026-11-20',
            light: 'red',
          }),
          1,
        ),
        item(milestone('LAND_PLAN', '建设用地规划许可证'), 1, ['LAND_PRE']),
      ],
    },
    { stage: 2, name: '工程建设许可', status: 'planned', hiddenItems: 1, items: [] },
    { stage: 3, name: '施工许可', status: 'planned', hiddenItems: 0, items: [] },
    { stage: 4, name: '竣工验收', status: 'planned', hiddenItems: 0, items: [] },
  ],
  offRoute: [],
};

const options = () => ({ global: { plugins: [createAppI18n()] }, attachTo: document.body });

describe('ProjectRouteCard', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    role.value = 'bureau';
  });

  it('shows the stages in order with status, items side by side, after links, deadline and days over target', async () => {
    api.projectRoute.mockResolvedValue(applied);
    const wrapper = mount(ProjectRouteCard, { ...options(), props: { projectId: '5' } });
    await flushPromises();
    const stages = wrapper.findAll('[data-testid^="route-stage-"][data-status]');
    expect(stages.map((stage) => stage.attributes('data-status'))).toEqual([
      'open',
      'planned',
      'planned',
      'planned',
    ]);
    expect(stages[0]!.text()).toContain('第1阶段');
    expect(stages[0]!.text()).toContain('立项用地规划许可');
    expect(stages[0]!.text()).toContain('办理中');
    const landPre = wrapper.get('[data-testid="route-item-LAND_PRE"]');
    expect(landPre.text()).toContain('2026-11-20');
    expect(landPre.get('[data-testid="milestone-light"]').attributes('data-light')).toBe('red');
    expect(wrapper.get('[data-testid="route-item-LAND_PLAN"] [data-testid="route-item-after"]').text()).toBe(
      '在 用地预审与选址意见书 之后',
    );
    expect(wrapper.get('[data-testid="route-days"]').text()).toContain('已用 65 / 目标 60 个工作日');
    expect(wrapper.get('[data-testid="route-days"]').text()).toContain('超出目标');
    expect(stages[1]!.text()).toContain('另有 1 项由其他部门办理');
    // The bureau may drop a planned item, not an accepted one, and add items.
    expect(wrapper.find('[data-testid="route-drop-LAND_PLAN"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="route-drop-LAND_PRE"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="route-add"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('offers 应用路线模板 to the bureau when no route is applied, not to a leader', async () => {
    api.projectRoute.mockResolvedValue({ ...applied, applied: false, stages: [] });
    const bureau = mount(ProjectRouteCard, { ...options(), props: { projectId: '5' } });
    await flushPromises();
    expect(bureau.text()).toContain('尚未应用审批路线');
    expect(bureau.find('[data-testid="route-apply"]').exists()).toBe(true);
    bureau.unmount();
    role.value = 'leader';
    const leader = mount(ProjectRouteCard, { ...options(), props: { projectId: '5' } });
    await flushPromises();
    expect(leader.find('[data-testid="route-apply"]').exists()).toBe(false);
    expect(leader.find('[data-testid="route-add"]').exists()).toBe(false);
    leader.unmount();
  });

  it('has the same message keys in both languages', () => {
    expectSameKeys('routes', routesZhCN, routesEn);
  });
});
