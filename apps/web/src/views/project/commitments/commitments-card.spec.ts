import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { computed, shallowRef } from 'vue';
import type {
  CommitmentClause,
  CommitmentReview,
  ProjectActuals,
  ProjectCommitments,
} from '../../../api/commitments';
import type { ProjectDetail } from '../../../api/projects';
import { ApiError } from '../../../api/http';
import { createAppI18n } from '../../../i18n';
import commitmentsEn from '../../../i18n/commitments.en';
import commitmentsZhCN from '../../../i18n/commitments.zh-CN';
import { expectSameKeys } from '../../../testing/messages';

/** The 履约 card: status per clause, the clause dialog's rules, actuals, and the review decision (asked first). */
const api = vi.hoisted(() => ({
  assessment: vi.fn(),
  clauses: vi.fn(),
  actuals: vi.fn(),
  review: vi.fn(),
  addClause: vi.fn(),
  updateClause: vi.fn(),
  deleteClause: vi.fn(),
  saveActual: vi.fn(),
  addSubsidy: vi.fn(),
  decide: vi.fn(),
  reviewSheet: vi.fn(),
  updateLand: vi.fn(),
  confirm: vi.fn(),
}));
const role = vi.hoisted(() => ({ value: 'bureau' }));

vi.mock('../../../api/commitments', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../api/commitments')>();
  const { confirm: _confirm, ...calls } = api;
  return { ...actual, commitmentsApi: { ...actual.commitmentsApi, ...calls } };
});
vi.mock('../../../auth/auth-store', () => ({
  useAuth: () => {
    const user = shallowRef({ role: role.value, departmentId: null });
    return { role: computed(() => user.value.role), user };
  },
}));
vi.mock('element-plus', async (importOriginal) => {
  const actual = await importOriginal<typeof import('element-plus')>();
  return { ...actual, ElMessageBox: { ...actual.ElMessageBox, confirm: api.confirm } };
});

const { default: ProjectCommitmentsCard } = await import('../ProjectCommitmentsCard.vue');

const project = {
  id: '5',
  code: '2023-ZS-005',
  name: '新能源电池项目',
  updatedAt: '2026-03-01T00:00:00.000Z',
  creditCode: '91350100M000100Y43',
  landAreaMu: '120.5',
  landSuppliedAt: '2023-05-01',
  subsidiesPaid: '500.00',
  subsidies: [{ id: '1', amount: '500.00', at: '2024-01-10', note: '设备补助', recordedAt: '' }],
} as unknown as ProjectDetail;

const clauseTerms = (over: Partial<CommitmentClause>): CommitmentClause => ({
  id: '1',
  projectId: '5',
  indicator: 'fixed_asset_investment',
  agreedValue: '10000.00',
  agreedDate: null,
  dueDate: '2027-06-30',
  year: null,
  clawbackRatio: null,
  clawbackBasis: null,
  note: null,
  createdAt: '',
  updatedAt: '',
  ...over,
});

const assessment: ProjectCommitments = {
  projectId: '5',
  asOf: '2026-12-07',
  due: 2,
  met: 1,
  rate: 0.5,
  clauses: [
    {
      id: '1',
      indicator: 'fixed_asset_investment',
      unit: 'wan_yuan',
      dueDate: '2027-06-30',
      status: 'pending',
      agreed: '10000.00',
      actual: '6200.00',
      shortfall: null,
      progress: 0.62,
      clawbackRatio: null,
      clawbackBasis: null,
      recommendedClawback: '0.00',
    },
    {
      id: '2',
      indicator: 'tax_per_mu',
      unit: 'wan_yuan_per_mu',
      dueDate: '2025-12-31',
      status: 'unmet',
      agreed: '30.0000',
      actual: '22.5000',
      shortfall: '7.5000',
      progress: null,
      clawbackRatio: '0.5',
      clawbackBasis: 'shortfall',
      recommendedClawback: '451.88',
    },
    {
      id: '3',
      indicator: 'start_by',
      unit: 'date',
      dueDate: '2024-03-01',
      status: 'met',
      agreed: '2024-03-01',
      actual: '2024-02-20',
      shortfall: null,
      progress: null,
      clawbackRatio: null,
      clawbackBasis: null,
      recommendedClawback: '0.00',
    },
  ],
};
const entered = [
  clauseTerms({ id: '1' }),
  clauseTerms({ id: '2', indicator: 'tax_per_mu', agreedValue: '30.0000', dueDate: null, year: 2025 }),
  clauseTerms({ id: '3', indicator: 'start_by', agreedValue: null, dueDate: null, agreedDate: '2024-03-01' }),
];
const actuals: ProjectActuals = {
  items: [
    {
      period: '2025',
      taxPaid: '2711.25',
      outputValue: '30000.00',
      fixedAssetInvestment: '6200.00',
      headcount: 310,
      source: 'import',
      recordedAt: '',
      history: [],
    },
    {
      period: '2026-Q1',
      taxPaid: '80.00',
      outputValue: null,
      fixedAssetInvestment: null,
      headcount: 320,
      source: 'manual',
      recordedAt: '2026-04-20T02:00:00.000Z',
      history: [
        {
          taxPaid: '95.00',
          outputValue: '900.00',
          fixedAssetInvestment: null,
          headcount: 300,
          source: 'import',
          recordedAt: '2026-04-10T02:00:00.000Z',
          recordedByName: null,
          replacedAt: '2026-04-20T02:00:00.000Z',
          replacedByName: '招商局 王五',
        },
      ],
    },
  ],
};
const review: CommitmentReview = {
  projectId: '5',
  projectCode: '2023-ZS-005',
  projectName: '新能源电池项目',
  creditCode: null,
  asOf: '2026-12-07',
  ready: true,
  fullProductionBy: '2026-06-30',
  fullProductionAt: null,
  landAreaMu: '120.5',
  subsidiesPaid: '500.00',
  clauses: assessment.clauses,
  recommendedClawback: '451.88',
  cap: '500.00',
  capped: false,
  decision: null,
};

const options = () => ({ global: { plugins: [createAppI18n()] }, attachTo: document.body });
type Wrapper = ReturnType<typeof mount>;
const body = (wrapper: Wrapper, testId: string) => wrapper.get(`[data-testid="${testId}"]`);
const input = (testId: string) => {
  const found = document.querySelector(`[data-testid="${testId}"]`)!;
  return (
    found.tagName === 'INPUT' || found.tagName === 'TEXTAREA' ? found : found.querySelector('input,textarea')
  ) as HTMLInputElement | HTMLTextAreaElement;
};
async function type(testId: string, value: string): Promise<void> {
  const element = input(testId);
  element.value = value;
  element.dispatchEvent(new Event('input'));
  // A FocusEvent, as a browser sends: ElInput's blur emit validates `instanceof FocusEvent`.
  element.dispatchEvent(new FocusEvent('blur'));
  await flushPromises();
}
/** Validation messages appear after the validator's own tick. */
const expectText = (testId: string, text: string) =>
  vi.waitFor(() => expect(document.querySelector(`[data-testid="${testId}"]`)!.textContent).toContain(text));
const click = async (testId: string) => {
  (document.querySelector(`[data-testid="${testId}"]`) as HTMLElement).click();
  await flushPromises();
};

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  role.value = 'bureau';
  api.assessment.mockResolvedValue(assessment);
  api.clauses.mockResolvedValue(entered);
  api.actuals.mockResolvedValue(actuals);
  api.review.mockResolvedValue(review);
  document.body.innerHTML = '';
});

describe('ProjectCommitmentsCard', () => {
  it('shows the land, 履约率 and each clause: pending with progress, unmet with the shortfall, met', async () => {
    const wrapper = mount(ProjectCommitmentsCard, { ...options(), props: { project } });
    await flushPromises();
    expect(body(wrapper, 'commitments-rate').text()).toContain('50.0%');
    expect(body(wrapper, 'land-facts').text()).toContain('91350100M000100Y43');
    const table = wrapper.get('[data-testid="clauses-table"] .el-table__body').text();
    expect(table).toContain('≥ 10000.00 万元（2027-06-30 前）');
    expect(table).toContain('进度 62.0%');
    expect(table).toContain('≥ 30.0000 万元/亩（2025 年度）');
    expect(table).toContain('差额 7.5000 万元/亩');
    expect(table).toContain('不晚于 2024-03-01');
    expect(table).toContain('已履约');
    expect(wrapper.get('[data-testid="actuals-table"]').text()).toContain('2,711.25');
    expect(body(wrapper, 'subsidies-paid').text()).toContain('500.00');
    expect(body(wrapper, 'review-recommended').text()).toBe('451.88');
    wrapper.unmount();
  });

  it('a reader sees no edit buttons', async () => {
    role.value = 'leader';
    const wrapper = mount(ProjectCommitmentsCard, { ...options(), props: { project } });
    await flushPromises();
    for (const id of ['clause-add', 'actual-add', 'land-edit', 'review-decide', 'subsidy-add'])
      expect(wrapper.find(`[data-testid="${id}"]`).exists()).toBe(false);
    expect(wrapper.find('[data-testid="review-sheet"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('adds a value clause: validates the value and the ratio, then sends only the fields of its shape', async () => {
    const wrapper = mount(ProjectCommitmentsCard, { ...options(), props: { project } });
    await flushPromises();
    await click('clause-add');
    await click('clause-submit');
    await expectText('clause-dialog', '请填写指标');
    expect(api.addClause).not.toHaveBeenCalled();

    // Choose 亩均税收 (an annual clause: value and year).
    await click('clause-indicator');
    const option = [...document.querySelectorAll('.clause-indicator-option')].find((o) =>
      o.textContent?.includes('亩均税收'),
    ) as HTMLElement;
    option.click();
    await flushPromises();
    expect(document.querySelector('[data-testid="clause-due-date"]')).toBeNull();
    await type('clause-agreed-value', '0');
    await type('clause-year', '2025');
    await type('clause-ratio', '1.5');
    await click('clause-submit');
    await expectText('clause-dialog', '约定值须为大于 0 的金额');
    await expectText('clause-dialog', '追缴比例须在 0 到 1 之间');
    expect(api.addClause).not.toHaveBeenCalled();

    await type('clause-agreed-value', '30');
    await type('clause-ratio', '');
    api.addClause.mockResolvedValueOnce(entered[1]);
    await click('clause-submit');
    expect(api.addClause).toHaveBeenCalledWith('5', {
      indicator: 'tax_per_mu',
      agreedValue: '30',
      year: 2025,
    });
    expect(wrapper.emitted('changed')).toHaveLength(1);
    wrapper.unmount();
  });

  it('shows the server refusal in the dialog and keeps it open', async () => {
    const wrapper = mount(ProjectCommitmentsCard, { ...options(), props: { project } });
    await flushPromises();
    (wrapper.findAll('[data-testid="clause-edit"]').at(-1)!.element as HTMLElement).click();
    await flushPromises();
    api.updateClause.mockRejectedValueOnce(
      new ApiError(400, 'Bad Request', 'agreedDate: 不得晚于…', {
        statusCode: 400,
        error: 'Bad Request',
        message: 'agreedDate: 不得晚于…',
      }),
    );
    await click('clause-submit');
    expect(api.updateClause).toHaveBeenCalledWith('3', { indicator: 'start_by', agreedDate: '2024-03-01' });
    expect(document.querySelector('[data-testid="clause-dialog-error"]')).not.toBeNull();
    wrapper.unmount();
  });

  it('deletes a clause only when confirmed', async () => {
    const wrapper = mount(ProjectCommitmentsCard, { ...options(), props: { project } });
    await flushPromises();
    api.confirm.mockRejectedValueOnce('cancel');
    await wrapper.findAll('[data-testid="clause-delete"]').at(-1)!.trigger('click');
    await flushPromises();
    expect(api.deleteClause).not.toHaveBeenCalled();
    api.confirm.mockResolvedValueOnce('confirm');
    api.deleteClause.mockResolvedValueOnce(undefined);
    await wrapper.findAll('[data-testid="clause-delete"]').at(-1)!.trigger('click');
    await flushPromises();
    expect(api.deleteClause).toHaveBeenCalledWith('3');
    wrapper.unmount();
  });

  it('enters the actuals of a period: the period rule, then only the figures filled in', async () => {
    const wrapper = mount(ProjectCommitmentsCard, { ...options(), props: { project } });
    await flushPromises();
    await click('actual-add');
    await type('actual-period', '2025-13');
    await click('actual-submit');
    await expectText('actual-dialog', '期间格式');
    await type('actual-period', '2025-Q4');
    await type('actual-taxPaid', '120.5');
    api.saveActual.mockResolvedValueOnce({});
    await click('actual-submit');
    expect(api.saveActual).toHaveBeenCalledWith('5', '2025-Q4', { taxPaid: '120.5' });
    wrapper.unmount();
  });

  it('shows the replaced versions of a re-entered period: who replaced them, when, the old numbers', async () => {
    const wrapper = mount(ProjectCommitmentsCard, { ...options(), props: { project } });
    await flushPromises();
    expect(document.querySelector('[data-testid="actual-history-2025"]')).toBeNull();
    const button = document.querySelector('[data-testid="actual-history-2026-Q1"]') as HTMLElement;
    expect(button.textContent).toContain('历史 1');
    button.click();
    await flushPromises();
    const list = () => document.querySelector('[data-testid="actual-history-list-2026-Q1"]')!.textContent!;
    await vi.waitFor(() => expect(list()).toContain('由 招商局 王五 替换'));
    expect(list()).toContain('95.00');
    expect(list()).toContain('900.00');
    expect(list()).toContain('300');
    expect(list()).toContain('由 系统 录入（导入）');
    wrapper.unmount();
  });

  it('records a waive decision with a reason, after confirming', async () => {
    const wrapper = mount(ProjectCommitmentsCard, { ...options(), props: { project } });
    await flushPromises();
    await click('review-decide');
    await click('review-waive');
    await click('review-submit');
    await expectText('review-dialog', '请填写理由');
    await type('review-reason', '疫情影响，经区政府同意');
    api.confirm.mockRejectedValueOnce('cancel');
    await click('review-submit');
    expect(api.decide).not.toHaveBeenCalled();
    api.confirm.mockResolvedValueOnce('confirm');
    api.decide.mockResolvedValueOnce(review);
    await click('review-submit');
    expect(api.confirm).toHaveBeenLastCalledWith(
      expect.stringContaining('免于追缴'),
      '确认复核决定',
      expect.anything(),
    );
    expect(api.decide).toHaveBeenCalledWith('5', { decision: 'waive', reason: '疫情影响，经区政府同意' });
    wrapper.unmount();
  });

  it('refuses a reduced amount not below the recommendation', async () => {
    const wrapper = mount(ProjectCommitmentsCard, { ...options(), props: { project } });
    await flushPromises();
    await click('review-decide');
    await click('review-reduce');
    await type('review-amount', '451.88');
    await type('review-reason', '部分履约');
    await click('review-submit');
    await expectText('review-dialog', '减额后的金额须小于建议追缴额');
    expect(api.decide).not.toHaveBeenCalled();
    wrapper.unmount();
  });

  it('refuses a credit code with a wrong check character', async () => {
    const wrapper = mount(ProjectCommitmentsCard, { ...options(), props: { project } });
    await flushPromises();
    await click('land-edit');
    await type('land-credit-code', '91350100M000100Y44');
    await click('land-submit');
    await expectText('land-dialog', '校验位');
    expect(api.updateLand).not.toHaveBeenCalled();
    wrapper.unmount();
  });
});

describe('commitments messages', () => {
  it('zh-CN and en have the same keys', () => {
    expectSameKeys('commitments', commitmentsZhCN, commitmentsEn);
  });
});
