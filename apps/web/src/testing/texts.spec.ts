import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { textOf, textsOf } from './texts';

const Figures = defineComponent({
  render: () =>
    h('div', [h('span', { 'data-testid': 'signed' }, '8'), h('span', { 'data-testid': 'rate' }, '37.5%')]),
});

describe('textOf / textsOf', () => {
  it('reads marked elements by test id', () => {
    const wrapper = mount(Figures);
    expect(textOf(wrapper, 'rate')).toBe('37.5%');
    expect(textsOf(wrapper, ['signed', 'rate'])).toEqual({ signed: '8', rate: '37.5%' });
  });

  it('fails when a test id is missing', () => {
    expect(() => textOf(mount(Figures), 'missing')).toThrow();
  });
});
