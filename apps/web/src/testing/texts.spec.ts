import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { expectTextContains, expectTexts, textOf, textsOf } from './texts';

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

  it('expects texts by test id, and parts of a text', () => {
    const wrapper = mount(Figures);
    expectTexts(wrapper, { signed: '8', rate: '37.5%' });
    expect(() => expectTexts(wrapper, { signed: '9' })).toThrow();
    expectTextContains(wrapper, ['8', '37.5%']);
    expect(() => expectTextContains(wrapper, ['42'])).toThrow();
  });

  it('fails when a test id is missing', () => {
    expect(() => textOf(mount(Figures), 'missing')).toThrow();
  });
});
