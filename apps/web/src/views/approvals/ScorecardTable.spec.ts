import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubPhoneScreen, listCards } from '../../testing/phone-screen';
import { createApprovalsI18n } from './i18n-testing';
import { expectTextContains } from '../../testing/texts';

const departments = vi.hoisted(() => vi.fn());
vi.mock('../../api/cockpit', async (importOriginal) =>
  (await import('../../testing/mock-module')).withMembers(importOriginal, { cockpitApi: { departments } }),
);
const { default: ScorecardTable } = await import('./ScorecardTable.vue');

const ROWS = [
  {
    rank: 1,
    departmentId: '2',
    departmentName: '发改局',
    handled: 8,
    onTimeRate: 1,
    medianWorkingDays: 2,
    overdueOpen: 0,
    deemedApprovals: 0,
    medianAckHours: 1.5,
    code: 'green',
  },
  {
    rank: 2,
    departmentId: '3',
    departmentName: '自然资源局',
    handled: 4,
    onTimeRate: 0.375,
    medianWorkingDays: 7.25,
    overdueOpen: 3,
    deemedApprovals: 1,
    medianAckHours: null,
    code: 'red',
  },
];

describe('ScorecardTable', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the ranked scorecard with rates as percentages and the 红黄码 tags', async () => {
    departments.mockResolvedValue({ items: ROWS });
    const wrapper = mount(ScorecardTable, {
      props: { year: 2026 },
      global: { plugins: [createApprovalsI18n()] },
    });
    await flushPromises();
    expect(departments).toHaveBeenCalledWith(2026);
    expect(wrapper.findAll('[data-testid="scorecard-rate"]').map((cell) => cell.text())).toEqual([
      '100.0%',
      '37.5%',
    ]);
    expect(wrapper.findAll('[data-testid="scorecard-code"]').map((tag) => tag.text())).toEqual([
      '绿码',
      '红码',
    ]);
    expect(wrapper.text()).toContain('7.3');
    wrapper.unmount();
  });

  it('on a phone shows a card per department (no sideways table); a card opens the department when clickable', async () => {
    stubPhoneScreen();
    departments.mockResolvedValue({ items: ROWS });
    const wrapper = mount(ScorecardTable, {
      props: { year: 2026, clickable: true },
      global: { plugins: [createApprovalsI18n()] },
    });
    await flushPromises();
    const cards = listCards(wrapper);
    expect(cards).toHaveLength(2);
    expectTextContains(cards[1]!, ['自然资源局', '37.5%']);
    expect(cards[1]!.find('[data-testid="scorecard-code"]').text()).toBe('红码');
    await cards[1]!.trigger('click');
    expect(wrapper.emitted('select')).toEqual([['3']]);
    wrapper.unmount();
  });

  it('a card of a scorecard that opens nothing is not a button', async () => {
    stubPhoneScreen();
    departments.mockResolvedValue({ items: ROWS });
    const wrapper = mount(ScorecardTable, {
      props: { year: 2026 },
      global: { plugins: [createApprovalsI18n()] },
    });
    await flushPromises();
    const card = wrapper.find('[data-testid="list-card"]');
    expect(card.attributes('role')).toBeUndefined();
    await card.trigger('click');
    expect(wrapper.emitted('select')).toBeUndefined();
    wrapper.unmount();
  });
});
