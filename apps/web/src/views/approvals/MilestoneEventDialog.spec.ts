import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import type { Milestone } from '../../api/approvals';
import type { Role } from '../../auth/types';
import { createApprovalsI18n } from './i18n-testing';
import { milestoneRow } from './test-fixtures';
import { conflict } from '../../testing/api-errors';
import { clickTestId } from '../../testing/click';

const record = vi.hoisted(() => vi.fn());
vi.mock('../../api/approvals', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../api/approvals')>();
  return { ...actual, milestonesApi: { ...actual.milestonesApi, record } };
});

const { default: MilestoneEventDialog } = await import('./MilestoneEventDialog.vue');

async function openDialog(milestone: Milestone, role: Role, maxExtensionDays = 10) {
  record.mockClear();
  const wrapper = mount(MilestoneEventDialog, {
    props: { modelValue: false, milestone, role, userDepartmentId: '3', maxExtensionDays },
    global: { plugins: [createApprovalsI18n()], stubs: { teleport: true } },
    attachTo: document.body,
  });
  await wrapper.setProps({ modelValue: true });
  await flushPromises();
  return wrapper;
}

const offered = (wrapper: Awaited<ReturnType<typeof openDialog>>) =>
  wrapper.findAll('[data-testid^="event-type-"]').map((node) => node.attributes('data-testid')!.slice(11));

describe('MilestoneEventDialog', () => {
  it('offers a department only what the current state allows, and records an accept with the server’s now', async () => {
    const wrapper = await openDialog(
      milestoneRow({ state: 'submitted', light: null, deadline: null }),
      'department',
    );
    expect(offered(wrapper)).toEqual(['accept', 'request_supplement']);
    expect(wrapper.find('[data-testid="event-reason"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="event-days"]').exists()).toBe(false);
    record.mockResolvedValue(milestoneRow());
    await clickTestId(wrapper, 'event-submit');
    // The default moment ("now" when the dialog opened) is left to the server's clock.
    expect(record).toHaveBeenCalledWith('11', { type: 'accept' });
    expect(wrapper.emitted('recorded')).toHaveLength(1);
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
    wrapper.unmount();
  });

  it('records a 容缺 acceptance: the switch asks for the missing materials and their deadline', async () => {
    const wrapper = await openDialog(
      milestoneRow({ state: 'submitted', light: null, deadline: null }),
      'department',
    );
    expect(wrapper.find('[data-testid="event-missing-materials"]').exists()).toBe(false);
    // (Element Plus's switch and date picker, driven through their v-model as a user's pick would.)
    wrapper.findComponent({ name: 'ElSwitch' }).vm.$emit('update:modelValue', true);
    await nextTick();
    expect(wrapper.find('textarea[data-testid="event-missing-materials"]').exists()).toBe(true);
    // Neither list nor deadline yet: nothing is sent.
    await clickTestId(wrapper, 'event-submit');
    expect(record).not.toHaveBeenCalled();
    await wrapper.get('textarea[data-testid="event-missing-materials"]').setValue('环评批复\n\n 法人授权书 ');
    const pickers = wrapper.findAllComponents({ name: 'ElDatePicker' });
    expect(wrapper.find('[data-testid="event-cure-deadline"]').exists()).toBe(true);
    pickers.at(-1)!.vm.$emit('update:modelValue', '2026-03-06');
    await flushPromises();
    record.mockResolvedValue(milestoneRow());
    await clickTestId(wrapper, 'event-submit');
    expect(record).toHaveBeenCalledWith('11', {
      type: 'accept',
      missingMaterials: ['环评批复', '法人授权书'],
      cureDeadline: '2026-03-06',
    });
    wrapper.unmount();
  });

  it('opens on 补正 from the row and offers 核查 on a promise approval, a reason for 核查不通过', async () => {
    const cure = { deadline: '2026-03-06', curedAt: null, overdue: false };
    const onCure = mount(MilestoneEventDialog, {
      props: {
        modelValue: false,
        milestone: milestoneRow({ cure }),
        role: 'department',
        initialType: 'cure',
      },
      global: { plugins: [createApprovalsI18n()], stubs: { teleport: true } },
      attachTo: document.body,
    });
    await onCure.setProps({ modelValue: true });
    await flushPromises();
    expect(offered(onCure)).toEqual(['reject', 'suspend', 'cure']);
    expect(onCure.get('[data-testid="event-type-cure"] input').element).toMatchObject({ checked: true });
    onCure.unmount();

    const promise = { verifyBy: '2026-06-30', outcome: null, overdue: false };
    const wrapper = await openDialog(
      milestoneRow({ state: 'approved', light: null, decidedAt: '2026-03-05T02:00:00.000Z', promise }),
      'department',
    );
    expect(offered(wrapper)).toEqual(['verified', 'verification_failed']);
    await wrapper.get('[data-testid="event-type-verification_failed"] input').setValue(true);
    await nextTick();
    expect(wrapper.find('textarea[data-testid="event-reason"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('requires a reason to reject before sending anything', async () => {
    const wrapper = await openDialog(milestoneRow(), 'department');
    expect(offered(wrapper)).toEqual(['approve', 'reject', 'suspend']);
    await wrapper.get('[data-testid="event-type-reject"] input').setValue(true);
    await nextTick();
    expect(wrapper.find('textarea[data-testid="event-reason"]').exists()).toBe(true);
    await clickTestId(wrapper, 'event-submit');
    expect(record).not.toHaveBeenCalled();
    expect(wrapper.find('.el-form-item.is-error textarea[data-testid="event-reason"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('shows the server’s 409 in the dialog and stays open', async () => {
    const wrapper = await openDialog(milestoneRow(), 'department');
    await wrapper.get('[data-testid="event-type-reject"] input').setValue(true);
    await nextTick();
    await wrapper.get('textarea[data-testid="event-reason"]').setValue('不符合规划条件');
    record.mockRejectedValue(
      conflict(
        'milestone_event_not_allowed',
        'not allowed in state "suspended": resume the milestone before deciding',
      ),
    );
    await clickTestId(wrapper, 'event-submit');
    expect(record.mock.calls).toEqual([['11', { type: 'reject', reason: '不符合规划条件' }]]);
    expect(wrapper.get('[data-testid="event-error"]').text()).toContain('not allowed in state "suspended"');
    expect(wrapper.emitted('recorded')).toBeUndefined();
    expect(wrapper.emitted('update:modelValue')?.at(-1)).not.toEqual([false]);
    wrapper.unmount();
  });

  it('limits a leader to the extension, with days within the item’s limit and a reason', async () => {
    const wrapper = await openDialog(milestoneRow(), 'leader', 5);
    expect(offered(wrapper)).toEqual(['extend']);
    expect(wrapper.text()).toContain('延期 · 建设用地规划许可证');
    const days = wrapper.get('[data-testid="event-days"] input');
    expect((days.element as HTMLInputElement).value).toBe('1');
    expect(days.attributes('aria-valuemax')).toBe('5');
    await clickTestId(wrapper, 'event-submit');
    expect(record).not.toHaveBeenCalled();
    expect(wrapper.find('.el-form-item.is-error textarea[data-testid="event-reason"]').exists()).toBe(true);

    await days.setValue('3');
    await days.trigger('change');
    await wrapper.get('textarea[data-testid="event-reason"]').setValue('专家评审需补充论证');
    record.mockResolvedValue(milestoneRow({ extensionDays: 3 }));
    await clickTestId(wrapper, 'event-submit');
    expect(record).toHaveBeenCalledWith('11', { type: 'extend', days: 3, reason: '专家评审需补充论证' });
    wrapper.unmount();
  });

  it('offers a leader nothing once the deadline has passed, and the bureau no extension', async () => {
    const overdue = await openDialog(milestoneRow({ remainingWorkingDays: -2, light: 'red' }), 'leader');
    expect(offered(overdue)).toEqual([]);
    expect(overdue.text()).toContain('当前状态下您没有可登记的事项');
    expect(overdue.get('[data-testid="event-submit"]').attributes('disabled')).toBeDefined();
    overdue.unmount();

    const bureau = await openDialog(milestoneRow(), 'bureau');
    expect(offered(bureau)).toEqual(['approve', 'reject', 'suspend']);
    bureau.unmount();
  });

  it('asks for the list of missing materials when requesting a supplement', async () => {
    const wrapper = await openDialog(milestoneRow({ state: 'submitted' }), 'department');
    await wrapper.get('[data-testid="event-type-request_supplement"] input').setValue(true);
    await nextTick();
    await wrapper.get('textarea[data-testid="event-reason"]').setValue('缺少用地红线图');
    record.mockResolvedValue(milestoneRow({ state: 'supplement_requested' }));
    await clickTestId(wrapper, 'event-submit');
    expect(record).toHaveBeenCalledWith('11', { type: 'request_supplement', reason: '缺少用地红线图' });
    wrapper.unmount();
  });
});
