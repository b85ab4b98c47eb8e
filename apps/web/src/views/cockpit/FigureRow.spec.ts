import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import FigureRow from './FigureRow.vue';

describe('FigureRow', () => {
  it('shows the figures it is given in one row, the class of the card on its root', () => {
    const wrapper = mount(FigureRow, {
      attrs: { class: 'numbers' },
      slots: {
        default:
          '<a data-testid="open"><strong>12</strong><span>未销号</span></a><div><strong>80%</strong><span>按期</span></div>',
      },
    });
    expect(wrapper.classes()).toEqual(['figure-row', 'numbers']);
    expect(wrapper.get('[data-testid="open"]').text()).toBe('12未销号');
    expect(wrapper.findAll('strong').map((figure) => figure.text())).toEqual(['12', '80%']);
  });
});
