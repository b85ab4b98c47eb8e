import type { DashboardSummary } from '@luodi/contracts';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import cockpitEn from '../../i18n/cockpit.en';
import cockpitZhCN from '../../i18n/cockpit.zh-CN';
import { expectSameKeys } from '../../testing/messages';
import { demoSummary } from '../screen/test-fixtures';
import KpiCards from './KpiCards.vue';
import { expectTexts, textOf } from '../../testing/texts';

const summary: DashboardSummary = {
  ...demoSummary,
  asOf: '2026-11-25T10:00:00+08:00',
  asOfDate: '2026-11-25',
  negotiatingCount: 39,
  fundsArrived: '123456.78',
  fundsRate: 0.385802,
  keyWorks: {
    ...demoSummary.keyWorks,
    completedInvestment: '612345.00',
    investmentRate: 0.612345,
    scheduleRate: 10 / 12,
  },
  approvals: { ...demoSummary.approvals, onTimeCount: 33, onTimeRate: 0.825 },
  alerts: { level1: 6, level2: 3, level3: 2, total: 11 },
};
const context = { year: 2026, asOfDate: '2026-11-25', source: '沪洽会' };

function mountCards() {
  return mount(KpiCards, { props: { summary, context }, global: { plugins: [createAppI18n()] } });
}

describe('KpiCards', () => {
  it('shows each figure exactly as the API gives it, formatted (亿元, one-decimal percentages)', () => {
    const wrapper = mountCards();
    expectTexts(wrapper, {
      'kpi-signed': '8',
      'kpi-amount': '32.00',
      'kpi-landing-rate': '62.5%',
      'kpi-start-rate': '37.5%',
      'kpi-funds-rate': '38.6%',
      'kpi-key-works': '78',
      'kpi-key-works-start-rate': '45.0%',
      'kpi-investment-rate': '61.2%',
      'kpi-schedule-rate': '83.3%',
      'kpi-on-time-rate': '82.5%',
      'kpi-overdue-open': '4',
      'kpi-alerts-1': '6',
      'kpi-alerts-2': '3',
      'kpi-alerts-3': '2',
    });
    // 61.2% against 83.3%: behind schedule, flagged.
    expect(textOf(wrapper, 'kpi-behind')).toBe('落后序时');
  });

  it('opens the list behind a card with the cockpit’s filters', async () => {
    const wrapper = mountCards();
    await wrapper.get('[data-testid="kpi-card-start"]').trigger('click');
    await wrapper.get('[data-testid="kpi-alerts-card-3"]').trigger('click');
    await wrapper.get('[data-kpi="overdue"]').trigger('click');
    expect(wrapper.emitted('drill')).toEqual([
      [
        {
          list: 'projects',
          query: { year: '2026', reached: 'started', asOf: '2026-11-25', source: '沪洽会' },
        },
      ],
      [{ list: 'alerts', query: { level: '3', status: 'unresolved' } }],
      [{ list: 'approvals', query: { source: '沪洽会', overdue: 'true', asOf: '2026-11-25' } }],
    ]);
  });

  it('shows dashes before the figures are in', () => {
    const wrapper = mount(KpiCards, {
      props: { summary: null, context: null },
      global: { plugins: [createAppI18n()] },
    });
    expect(textOf(wrapper, 'kpi-signed')).toBe('—');
    expect(textOf(wrapper, 'kpi-start-rate')).toBe('—');
  });
});

describe('cockpit messages', () => {
  it('have the same keys in zh-CN and en, under one top-level key', () => {
    expectSameKeys('cockpit', cockpitZhCN, cockpitEn);
  });
});
