import type { CommitmentFigures, DashboardSummary } from '@luodi/contracts';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { computed, shallowRef } from 'vue';
import { ApiError } from '../../api/http';
import { createAppI18n } from '../../i18n';
import { routerAt } from '../../testing/router';
import { demoSummary } from '../screen/test-fixtures';
import { clickTestId } from '../../testing/click';

/** The 履约 list read from the address (the cockpit's drill), the cockpit section's drills, the import. */
const api = vi.hoisted(() => ({ list: vi.fn(), import: vi.fn(), importTemplate: vi.fn() }));
vi.mock('../../api/commitments', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../api/commitments')>();
  return { ...actual, commitmentsApi: { ...actual.commitmentsApi, ...api } };
});
vi.mock('../../auth/auth-store', () => ({
  useAuth: () => {
    const user = shallowRef({ role: 'bureau', departmentId: null });
    return { role: computed(() => user.value.role), user };
  },
}));
vi.mock('vue-echarts', () => ({ default: { name: 'VChart', props: ['option'], template: '<div />' } }));

const { default: CommitmentsView } = await import('./CommitmentsView.vue');
const { default: ActualsImportView } = await import('./ActualsImportView.vue');
const { default: CommitmentsSection } = await import('../cockpit/CommitmentsSection.vue');

const figures: CommitmentFigures = {
  clausesDue: 8,
  clausesMet: 6,
  rate: 0.75,
  fullProductionDue: 4,
  fullProductionReached: 3,
  fullProductionRate: 0.75,
  perMuYear: 2025,
  taxPerMu: { count: 3, median: '12.5000', distribution: [{ from: '0', to: '10', count: 1 }] },
  outputPerMu: { count: 3, median: '300.0000', distribution: [{ from: '0', to: '500', count: 3 }] },
  idleLand: 1,
  builtNotOperating: 2,
  recommendedClawback: '451.88',
  decidedClawback: '200.00',
  reviewsDue: 2,
  reviewsDecided: 1,
};
const row = {
  projectId: '9',
  projectCode: '2023-ZS-009',
  projectName: '智能装备产业园',
  creditCode: null,
  stage: 'started',
  leadDepartmentId: '7',
  leadDepartmentName: '自然资源局',
  landAreaMu: '80',
  landSuppliedAt: '2023-04-01',
  startedAt: '2023-10-01',
  operatingAt: null,
  fullProductionAt: null,
  fullProductionBy: '2026-06-30',
  clausesDue: 2,
  clausesMet: 1,
  taxPerMu: null,
  outputPerMu: null,
  recommendedClawback: '0.00',
  decidedClawback: null,
};

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
});

describe('CommitmentsView', () => {
  it('asks for the list behind the figure in the address and names it in the drill bar', async () => {
    api.list.mockResolvedValue({ items: [row], total: 1 });
    const router = await routerAt('/commitments?filter=built_not_operating&year=2026&leadDepartmentId=7');
    const wrapper = mount(CommitmentsView, { global: { plugins: [createAppI18n(), router] } });
    await flushPromises();
    expect(api.list).toHaveBeenCalledWith(
      {
        filter: 'built_not_operating',
        year: '2026',
        leadDepartmentId: '7',
      },
      1,
      20,
    );
    const bar = wrapper.get('[data-testid="commitments-drill"]').text();
    expect(bar).toContain('建而未投');
    expect(bar).toContain('自然资源局');
    expect(bar).toContain('共 1 个项目');
    expect(wrapper.text()).toContain('智能装备产业园');

    await clickTestId(wrapper, 'commitments-drill-clear');
    expect(router.currentRoute.value.query).toEqual({});
    expect(api.list).toHaveBeenLastCalledWith({}, 1, 20);
  });

  it('pages on the server with the page in the address, a per-mu bar asked of the API', async () => {
    api.list.mockResolvedValue({ items: [row], total: 45 });
    const router = await routerAt('/commitments?filter=per_mu&indicator=tax_per_mu&from=10&to=20&page=2');
    const wrapper = mount(CommitmentsView, { global: { plugins: [createAppI18n(), router] } });
    await flushPromises();
    const bucket = { filter: 'per_mu', indicator: 'tax_per_mu', from: '10', to: '20' };
    expect(api.list).toHaveBeenCalledWith(bucket, 2, 20);
    expect(wrapper.get('[data-testid="commitments-drill"]').text()).toContain('共 45 个项目');

    await wrapper.get('.el-pager li:nth-child(3)').trigger('click');
    await flushPromises();
    expect(api.list).toHaveBeenLastCalledWith(bucket, 3, 20);
    expect(router.currentRoute.value.query).toEqual({
      filter: 'per_mu',
      indicator: 'tax_per_mu',
      from: '10',
      to: '20',
      page: '3',
    });
  });
});

describe('CommitmentsSection', () => {
  it('shows the figures and opens each one’s list with the cockpit filters', async () => {
    const summary = { ...demoSummary, commitments: figures } as DashboardSummary;
    const context = { year: 2026, asOfDate: '2026-12-07', source: '沪洽会' };
    const wrapper = mount(CommitmentsSection, {
      props: { summary, context, loading: false },
      global: { plugins: [createAppI18n()] },
    });
    expect(wrapper.get('[data-testid="commitments-rate"]').text()).toContain('75.0%');
    expect(wrapper.get('[data-testid="commitments-recommended"]').text()).toContain('451.88');
    await wrapper.get('[data-testid="commitments-full-production-rate"]').trigger('click');
    expect(wrapper.emitted('drill')![0]).toEqual([
      {
        list: 'commitments',
        query: { filter: 'full_production_due', year: '2026', asOf: '2026-12-07', source: '沪洽会' },
      },
    ]);
  });

  it('shows nothing while the summary has no commitments', () => {
    const wrapper = mount(CommitmentsSection, {
      props: { summary: demoSummary as DashboardSummary, context: null, loading: false },
      global: { plugins: [createAppI18n()] },
    });
    expect(wrapper.find('[data-testid="cockpit-commitments"]').exists()).toBe(false);
  });
});

describe('ActualsImportView', () => {
  it('lists every bad row of a refused file and says what a good one replaced', async () => {
    const wrapper = mount(ActualsImportView, { global: { plugins: [createAppI18n()] } });
    const upload = wrapper.getComponent({ name: 'ElUpload' });
    const httpRequest = upload.props('httpRequest') as (options: { file: File }) => Promise<void>;
    api.import.mockRejectedValueOnce(
      new ApiError(400, 'Bad Request', '2 行有误', {
        statusCode: 400,
        error: 'Bad Request',
        message: '2 行有误',
        rows: [
          { row: 3, column: '统一社会信用代码', message: '校验位不正确' },
          { row: 5, column: '统一社会信用代码', message: '未找到该代码的项目' },
        ],
      }),
    );
    await httpRequest({ file: new File(['x'], 'tax.xlsx') });
    await flushPromises();
    const errors = wrapper.get('[data-testid="import-errors"]').text();
    expect(errors).toContain('校验位不正确');
    expect(errors).toContain('未找到该代码的项目');

    api.import.mockResolvedValueOnce({ imported: 12, replaced: 4 });
    await httpRequest({ file: new File(['x'], 'tax.xlsx') });
    await flushPromises();
    expect(wrapper.find('[data-testid="import-errors"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="actuals-imported"]').text()).toContain('12');
    expect(wrapper.get('[data-testid="actuals-imported"]').text()).toContain('4 条替换');
  });
});
