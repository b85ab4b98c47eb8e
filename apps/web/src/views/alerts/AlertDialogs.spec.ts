import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import type { Alert } from '../../api/alerts';
import { createAppI18n } from '../../i18n';
import { alertRow } from './test-fixtures';
import { conflict } from '../../testing/api-errors';
import { clickTestId } from '../../testing/click';

const api = vi.hoisted(() => ({ acknowledge: vi.fn(), answer: vi.fn() }));
vi.mock('../../api/alerts', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, { alertsApi: { ...api } }),
);

const { default: AlertAckDialog } = await import('./AlertAckDialog.vue');
const { default: AlertAnswerDialog } = await import('./AlertAnswerDialog.vue');

async function open(component: typeof AlertAckDialog | typeof AlertAnswerDialog, alert: Alert) {
  for (const fn of Object.values(api)) fn.mockReset();
  const wrapper = mount(component, {
    props: { modelValue: false, alert },
    global: { plugins: [createAppI18n()], stubs: { teleport: true } },
    attachTo: document.body,
  });
  await wrapper.setProps({ modelValue: true });
  await flushPromises();
  return wrapper;
}

const isError = (wrapper: { find: (s: string) => { exists: () => boolean } }, testId: string) =>
  wrapper.find(`.el-form-item.is-error [data-testid="${testId}"]`).exists();

/** Submits the answer dialog: alert 41's answer is sent with these category, cause, measures and date. */
async function expectAnswerSent(wrapper: Parameters<typeof clickTestId>[0], sent: readonly string[]) {
  await clickTestId(wrapper, 'answer-submit');
  const [category, cause, measures, expectedDate] = sent;
  expect(api.answer).toHaveBeenCalledWith('41', { category, cause, measures, expectedDate });
}

describe('AlertAckDialog', () => {
  it('requires a note (not only spaces), then acknowledges with it', async () => {
    const wrapper = await open(AlertAckDialog, alertRow());
    await wrapper.get('textarea[data-testid="ack-note"]').setValue('   ');
    await clickTestId(wrapper, 'ack-submit');
    expect(api.acknowledge).not.toHaveBeenCalled();
    expect(isError(wrapper, 'ack-note')).toBe(true);

    await wrapper.get('textarea[data-testid="ack-note"]').setValue(' 已知悉，正在核实 ');
    api.acknowledge.mockResolvedValue(alertRow({ status: 'acknowledged', acknowledgedLevel: 2 }));
    await clickTestId(wrapper, 'ack-submit');
    expect(api.acknowledge).toHaveBeenCalledWith('41', '已知悉，正在核实');
    expect(wrapper.emitted('done')).toHaveLength(1);
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false]);
    wrapper.unmount();
  });

  it('shows the server’s 409 and stays open', async () => {
    const wrapper = await open(AlertAckDialog, alertRow());
    await wrapper.get('textarea[data-testid="ack-note"]').setValue('已知悉');
    api.acknowledge.mockRejectedValue(
      conflict('alert_already_acknowledged', 'already acknowledged at level 2'),
    );
    await clickTestId(wrapper, 'ack-submit');
    expect(wrapper.get('[data-testid="ack-error"]').text()).toContain('already acknowledged at level 2');
    expect(wrapper.emitted('done')).toBeUndefined();
    wrapper.unmount();
  });
});

describe('AlertAnswerDialog', () => {
  const acknowledged = alertRow({ status: 'acknowledged', acknowledgedLevel: 2 });

  it('requires the category, cause, measures and expected date', async () => {
    const wrapper = await open(AlertAnswerDialog, acknowledged);
    await clickTestId(wrapper, 'answer-submit');
    expect(api.answer).not.toHaveBeenCalled();
    for (const field of ['answer-category', 'answer-cause', 'answer-measures', 'answer-date'])
      expect(isError(wrapper, field), field).toBe(true);
    wrapper.unmount();
  });

  it('sends the answer with the date as YYYY-MM-DD', async () => {
    const wrapper = await open(AlertAnswerDialog, acknowledged);
    const option = wrapper.get('[data-testid="answer-category-needs_coordination"]');
    expect(option.text()).toBe('需协调');
    await option.get('input').setValue(true);
    await nextTick();
    await wrapper.get('textarea[data-testid="answer-cause"]').setValue('用地指标待市里下达');
    await wrapper.get('textarea[data-testid="answer-measures"]').setValue('已函请市局加快办理');
    // Only the cause and measures so far: still refused.
    await clickTestId(wrapper, 'answer-submit');
    expect(api.answer).not.toHaveBeenCalled();
    expect(isError(wrapper, 'answer-cause')).toBe(false);

    const date = wrapper.get('[data-testid="answer-date"] input');
    await date.setValue('2099-06-30');
    await date.trigger('change');
    await date.trigger('blur');
    await flushPromises();
    api.answer.mockResolvedValue({ ...acknowledged, answer: { category: 'needs_coordination' } });
    await expectAnswerSent(wrapper, [
      'needs_coordination',
      '用地指标待市里下达',
      '已函请市局加快办理',
      '2099-06-30',
    ]);
    expect(wrapper.emitted('done')).toHaveLength(1);
    wrapper.unmount();
  });

  it('starts a second answer from the first', async () => {
    const wrapper = await open(
      AlertAnswerDialog,
      alertRow({
        status: 'acknowledged',
        acknowledgedLevel: 3,
        answer: {
          category: 'in_progress',
          cause: '材料补正中',
          measures: '专人跟进',
          expectedDate: '2099-01-15',
          answeredAt: '2026-03-11T01:00:00Z',
        },
      }),
    );
    expect((wrapper.get('textarea[data-testid="answer-cause"]').element as HTMLTextAreaElement).value).toBe(
      '材料补正中',
    );
    api.answer.mockResolvedValue(alertRow());
    await expectAnswerSent(wrapper, ['in_progress', '材料补正中', '专人跟进', '2099-01-15']);
    wrapper.unmount();
  });
});
