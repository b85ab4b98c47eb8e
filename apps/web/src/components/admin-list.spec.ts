import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { rowActions, type RowButton } from './admin-list';
import RowActions from './RowActions.vue';

interface Delivery {
  id: string;
  status: 'sent' | 'failed';
}

const resend = vi.fn();
const BUTTONS: RowButton<Delivery>[] = [
  { key: 'view', text: '查看', run: vi.fn(), testId: (row) => `view-${row.id}` },
  {
    key: 'resend',
    text: '重发',
    type: 'warning',
    run: resend,
    show: (row) => row.status === 'failed',
    loading: (row) => row.id === '2',
    attrs: (row) => ({ 'data-delivery-id': row.id }),
  },
];

describe('rowActions', () => {
  it('keeps the buttons a row is shown, as link actions on that row (primary unless told)', () => {
    expect(rowActions(BUTTONS, { id: '1', status: 'sent' }).map((action) => action.key)).toEqual(['view']);
    const [view, again] = rowActions(BUTTONS, { id: '2', status: 'failed' });
    expect(view).toMatchObject({ label: '查看', type: 'primary', testId: 'view-2' });
    expect(again).toMatchObject({
      label: '重发',
      type: 'warning',
      loading: true,
      data: { 'data-delivery-id': '2' },
    });
    again!.run();
    expect(resend).toHaveBeenCalledWith({ id: '2', status: 'failed' });
  });

  it('renders as RowActions link buttons with their test ids, attributes and spinner', async () => {
    const wrapper = mount(RowActions, {
      props: { actions: rowActions(BUTTONS, { id: '2', status: 'failed' }) },
    });
    const buttons = wrapper.findAll('button');
    expect(buttons.map((button) => button.text())).toEqual(['查看', '重发']);
    expect(buttons[0]!.attributes('data-testid')).toBe('view-2');
    expect(buttons[1]!.attributes('data-delivery-id')).toBe('2');
    expect(buttons[1]!.classes()).toContain('is-loading');
  });
});
