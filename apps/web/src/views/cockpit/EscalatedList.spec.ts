import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createAppI18n } from '../../i18n';
import { stubPhoneScreen, listCards } from '../../testing/phone-screen';
import { alertRow } from '../alerts/test-fixtures';
import { expectTextContains } from '../../testing/texts';

const list = vi.hoisted(() => vi.fn());
const session = vi.hoisted(() => ({ role: 'leader', departmentId: null as string | null }));
vi.mock('../../api/alerts', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, { alertsApi: { list } }),
);
vi.mock('../../auth/auth-store', async () =>
  (await import('../../testing/fake-auth')).fakeAuthStore(session),
);
// The alert's dialog loads its history: stood in for by what it was asked to show.
vi.mock('../alerts/AlertDetailDialog.vue', () => ({
  default: defineComponent({
    name: 'AlertDetailDialogStub',
    props: { modelValue: Boolean, alertId: { type: String, default: null } },
    setup: (props) => () =>
      props.modelValue ? h('div', { 'data-testid': 'opened-alert' }, props.alertId) : null,
  }),
}));
const { default: EscalatedList } = await import('./EscalatedList.vue');

function mountList() {
  return mount(EscalatedList, {
    global: {
      plugins: [createAppI18n()],
      stubs: { RouterLink: { props: ['to'], template: '<a><slot /></a>' } },
    },
  });
}

describe('EscalatedList (督办) on a phone', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each escalated alert as a card naming project, item and state; a card opens the alert', async () => {
    stubPhoneScreen();
    const escalated = alertRow({
      id: '77',
      level: 3,
      projectName: '智能制造产业园',
      itemName: '建设工程规划许可证',
      acknowledgedLevel: 3,
    });
    list.mockImplementation((filters: { status: string }) =>
      Promise.resolve(
        filters.status === 'acknowledged' ? { items: [escalated], total: 1 } : { items: [], total: 0 },
      ),
    );
    const wrapper = mountList();
    await flushPromises();
    const cards = listCards(wrapper);
    expect(cards).toHaveLength(1);
    expectTextContains(cards[0]!, ['智能制造产业园', '建设工程规划许可证', '自然资源局']);
    expect(cards[0]!.find('[data-testid="escalated-ack"]').exists()).toBe(true);
    expect(cards[0]!.attributes('role')).toBe('button');
    await cards[0]!.trigger('click');
    expect(wrapper.get('[data-testid="opened-alert"]').text()).toBe('77');
    wrapper.unmount();
  });
});
