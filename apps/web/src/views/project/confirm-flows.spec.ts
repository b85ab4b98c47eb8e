import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { computed, defineComponent, h, reactive, ref, shallowRef } from 'vue';
import type { ProjectDetail } from '../../api/projects';
import { ApiError } from '../../api/http';
import { hasOpenForm } from '../../auth/reauth';
import { createAppI18n } from '../../i18n';

/** Irreversible steps and typed input ask first: funds above the contract, 冲销, 终止, closing a dirty dialog. */
const api = vi.hoisted(() => ({
  addFunds: vi.fn(),
  reverseFunds: vi.fn(),
  correctFunds: vi.fn(),
  changeStage: vi.fn(),
  confirm: vi.fn(),
  prompt: vi.fn(),
}));

vi.mock('../../api/projects', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../api/projects')>();
  return {
    ...actual,
    projectsApi: {
      ...actual.projectsApi,
      addFunds: api.addFunds,
      reverseFunds: api.reverseFunds,
      correctFunds: api.correctFunds,
      changeStage: api.changeStage,
    },
  };
});
vi.mock('../../auth/auth-store', () => ({
  useAuth: () => {
    const user = shallowRef({ role: 'bureau', departmentId: null });
    return { role: computed(() => user.value.role), user };
  },
}));
vi.mock('element-plus', async (importOriginal) => {
  const actual = await importOriginal<typeof import('element-plus')>();
  return {
    ...actual,
    ElMessageBox: { ...actual.ElMessageBox, confirm: api.confirm, prompt: api.prompt },
  };
});

const { default: ProjectFundsCard } = await import('./ProjectFundsCard.vue');
const { default: ProjectStageCard } = await import('./ProjectStageCard.vue');
const { default: FormDialog } = await import('../../components/FormDialog.vue');

const options = () => ({ global: { plugins: [createAppI18n()] }, attachTo: document.body });

function project(overrides: Partial<ProjectDetail> = {}): ProjectDetail {
  return {
    id: '5',
    code: '2026-ZS-005',
    name: '新能源电池项目',
    investor: '某公司',
    investorOrigin: 'domestic',
    industry: '新能源',
    source: '招商会',
    contractAmount: '100.00',
    fundsArrived: '80.00',
    leadDepartmentId: '3',
    leadDepartmentName: '自然资源局',
    leadOfficial: null,
    location: null,
    plannedStartDate: null,
    stage: 'signed',
    talksStartedAt: '2026-01-05',
    signedAt: '2026-03-01',
    registeredAt: null,
    startedAt: null,
    operatingAt: null,
    terminatedAt: null,
    terminationReason: null,
    createdAt: '2026-01-05T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    stageEvents: [],
    funds: [
      {
        id: '11',
        amount: '80.00',
        at: '2026-03-02',
        note: null,
        reversesId: null,
        correctsId: null,
        reason: null,
        reversedBy: null,
        recordedAt: '2026-03-02T02:00:00.000Z',
      },
    ],
    keyWorks: [],
    ...overrides,
  } as ProjectDetail;
}

type Wrapper = ReturnType<typeof mount>;
/** An element of the funds table's body (the table also renders its column templates hidden). */
const inTable = (wrapper: Wrapper, testId: string) =>
  wrapper.get('.el-table__body').find(`[data-testid="${testId}"]`);
/** The text input of an ElInput carrying `testId` (on the input or on its wrapper). */
const field = (wrapper: Wrapper, testId: string) => {
  const found = wrapper.get(`[data-testid="${testId}"]`);
  return found.element.tagName === 'INPUT' ? found : found.get('input');
};

function reset(): void {
  for (const fn of Object.values(api)) fn.mockReset();
}

describe('funds: above the contract, reversal', () => {
  it('warns while typing a total above the contract, asks, and sends confirmOverContract only when confirmed', async () => {
    reset();
    const wrapper = mount(ProjectFundsCard, { ...options(), props: { project: project() } });
    await field(wrapper, 'funds-amount').setValue('20.00');
    expect(wrapper.find('[data-testid="funds-over-contract"]').exists()).toBe(false);
    await field(wrapper, 'funds-amount').setValue('20.01');
    expect(wrapper.get('[data-testid="funds-over-contract"]').text()).toContain('超过合同投资额');

    api.confirm.mockRejectedValueOnce('cancel');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(api.confirm).toHaveBeenCalledWith(
      expect.stringContaining('100.01'),
      '超过合同投资额',
      expect.objectContaining({ closeOnClickModal: false }),
    );
    expect(api.addFunds).not.toHaveBeenCalled();

    api.confirm.mockResolvedValueOnce('confirm');
    api.addFunds.mockResolvedValueOnce(project());
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(api.addFunds).toHaveBeenCalledWith(
      '5',
      expect.objectContaining({ amount: '20.01', confirmOverContract: true }),
    );
    expect(wrapper.emitted('changed')).toHaveLength(1);
    wrapper.unmount();
  });

  it('asks when the server finds the total above the contract (funds recorded meanwhile), then resends confirmed', async () => {
    reset();
    const wrapper = mount(ProjectFundsCard, { ...options(), props: { project: project() } });
    await field(wrapper, 'funds-amount').setValue('10.00');
    api.addFunds.mockRejectedValueOnce(
      new ApiError(409, 'Conflict', 'amount: above the contract', {
        code: 'funds_over_contract',
        total: '110.00',
        contractAmount: '100.00',
      }),
    );
    api.addFunds.mockResolvedValueOnce(project());
    api.confirm.mockResolvedValueOnce('confirm');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(api.addFunds).toHaveBeenCalledTimes(2);
    expect(api.addFunds.mock.calls[0]![1]).not.toHaveProperty('confirmOverContract');
    expect(api.addFunds.mock.calls[1]![1]).toMatchObject({ confirmOverContract: true });
    expect(api.confirm.mock.calls[0]![0]).toContain('110.00');
    wrapper.unmount();
  });

  it('reverses an entry only with a reason, saying what will happen; reversed entries offer nothing', async () => {
    reset();
    const wrapper = mount(ProjectFundsCard, { ...options(), props: { project: project() } });
    await flushPromises();
    api.prompt.mockRejectedValueOnce('cancel');
    await inTable(wrapper, 'fund-reverse').trigger('click');
    await flushPromises();
    expect(api.prompt.mock.calls[0]![0]).toContain('-80.00');
    expect(api.reverseFunds).not.toHaveBeenCalled();

    api.prompt.mockResolvedValueOnce({ value: '  重复录入 ', action: 'confirm' });
    api.reverseFunds.mockResolvedValueOnce(project());
    await inTable(wrapper, 'fund-reverse').trigger('click');
    await flushPromises();
    expect(api.reverseFunds).toHaveBeenCalledWith('5', '11', { reason: '重复录入' });
    const validator = api.prompt.mock.calls[1]![2].inputValidator as (value: string) => true | string;
    expect(validator('   ')).toBe('请填写原因（不超过 500 字）');
    expect(validator('录错')).toBe(true);

    await wrapper.setProps({
      project: project({
        fundsArrived: '0.00',
        funds: [
          { ...project().funds[0]!, reversedBy: '12' },
          {
            id: '12',
            amount: '-80.00',
            at: '2026-03-02',
            note: null,
            reversesId: '11',
            correctsId: null,
            reason: '重复录入',
            reversedBy: null,
            recordedAt: '2026-03-03T02:00:00.000Z',
          },
        ],
      }),
    });
    await flushPromises();
    expect(inTable(wrapper, 'fund-reverse').exists()).toBe(false);
    expect(inTable(wrapper, 'fund-reversed').text()).toBe('已冲销');
    expect(inTable(wrapper, 'fund-reversal').text()).toBe('冲销 #11');
    expect(wrapper.text()).toContain('原因：重复录入');
    wrapper.unmount();
  });
});

describe('terminating a project', () => {
  it('asks first, naming the project and what will happen; cancelled → nothing sent', async () => {
    reset();
    const wrapper = mount(ProjectStageCard, { ...options(), props: { project: project() } });
    const setup = (wrapper.vm as unknown as { $: { setupState: { stageForm: Record<string, string> } } }).$
      .setupState;
    setup.stageForm.stage = 'terminated';
    setup.stageForm.reason = '投资方撤资';
    await flushPromises();
    api.confirm.mockRejectedValueOnce('cancel');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(api.confirm.mock.calls[0]![0]).toContain('新能源电池项目');
    expect(api.confirm.mock.calls[0]![1]).toBe('终止项目');
    expect(api.changeStage).not.toHaveBeenCalled();

    api.confirm.mockResolvedValueOnce('confirm');
    api.changeStage.mockResolvedValueOnce(project({ stage: 'terminated' }));
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(api.changeStage).toHaveBeenCalledWith('5', expect.objectContaining({ stage: 'terminated' }));
    wrapper.unmount();
  });
});

describe('FormDialog keeps typed input', () => {
  const Host = defineComponent({
    setup() {
      const open = ref(true);
      const model = reactive({ name: '' });
      const action = vi.fn(async () => '已保存');
      return { open, model, action };
    },
    render() {
      return h(
        FormDialog,
        {
          modelValue: this.open,
          'onUpdate:modelValue': (value: boolean) => (this.open = value),
          title: '测试',
          testId: 'test-dialog',
          submitTestId: 'test-submit',
          action: this.action,
          model: this.model,
        },
        () => null,
      );
    },
  });

  it('does not close on a click outside; closing changed input asks first; unchanged input closes at once', async () => {
    reset();
    const wrapper = mount(Host, options());
    await flushPromises();
    const dialog = wrapper.findComponent({ name: 'ElDialog' });
    expect(dialog.props('closeOnClickModal')).toBe(false);
    expect(hasOpenForm()).toBe(true);

    // Unchanged: 取消 closes without asking.
    await wrapper.get('[data-testid="test-dialog-cancel"]').trigger('click');
    await flushPromises();
    expect(api.confirm).not.toHaveBeenCalled();
    expect(wrapper.vm.open).toBe(false);
    expect(hasOpenForm()).toBe(false);

    // Changed: asks; "keep editing" keeps it open with the input, "discard" closes.
    wrapper.vm.open = true;
    await flushPromises();
    wrapper.vm.model.name = '已输入的内容';
    api.confirm.mockRejectedValueOnce('cancel');
    await wrapper.get('[data-testid="test-dialog-cancel"]').trigger('click');
    await flushPromises();
    expect(api.confirm).toHaveBeenCalledWith(
      '对话框中已填写的内容尚未保存，关闭后将丢失。',
      '放弃未保存的内容？',
      expect.objectContaining({ confirmButtonText: '放弃并关闭', cancelButtonText: '继续填写' }),
    );
    expect(wrapper.vm.open).toBe(true);
    expect(wrapper.vm.model.name).toBe('已输入的内容');

    // Esc and × go through the same question (the dialog's before-close).
    const beforeClose = dialog.props('beforeClose') as (done: () => void) => Promise<void>;
    const done = vi.fn();
    api.confirm.mockResolvedValueOnce('confirm');
    await beforeClose(done);
    expect(done).toHaveBeenCalledTimes(1);
    wrapper.unmount();
  });
});
