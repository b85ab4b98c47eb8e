import { mount } from '@vue/test-utils';
import { ElDatePicker } from 'element-plus';
import { describe, expect, it } from 'vitest';
import PeriodPicker from './PeriodPicker.vue';

function mountPicker(props: { type?: 'date' | 'month' | 'year'; modelValue: string; clearable?: boolean }) {
  return mount(PeriodPicker, { props: { testId: 'period', ...props } });
}

describe('PeriodPicker', () => {
  it.each([
    [undefined, '2026-03-04', 'date', 'YYYY-MM-DD'],
    ['month', '2026-03', 'month', 'YYYY-MM'],
    ['year', '2026', 'year', 'YYYY'],
  ] as const)('type %s picks a %s-shaped value', (type, modelValue, pickerType, format) => {
    const wrapper = mountPicker({ type, modelValue });
    const picker = wrapper.getComponent(ElDatePicker);
    expect(picker.props('type')).toBe(pickerType);
    expect(picker.props('valueFormat')).toBe(format);
    expect(picker.props('modelValue')).toBe(modelValue);
    expect(picker.props('clearable')).toBe(false);
    expect(wrapper.get('[data-testid="period"]').find('input').exists()).toBe(true);
  });

  it('passes a picked value on, and a cleared one as an empty string', async () => {
    const wrapper = mountPicker({ type: 'year', modelValue: '2026', clearable: true });
    const picker = wrapper.getComponent(ElDatePicker);
    picker.vm.$emit('update:modelValue', '2025');
    picker.vm.$emit('update:modelValue', null);
    expect(wrapper.emitted('update:modelValue')).toEqual([['2025'], ['']]);
  });
});
