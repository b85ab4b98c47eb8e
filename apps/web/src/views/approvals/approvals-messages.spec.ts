import { describe, expect, it } from 'vitest';
import { MILESTONE_EVENT_TYPES, MILESTONE_STATES } from '../../api/approvals';
import approvalsEn from '../../i18n/approvals.en';
import approvalsZhCN from '../../i18n/approvals.zh-CN';
import { expectSameKeys } from '../../testing/messages';
import { createApprovalsI18n } from './i18n-testing';

describe('approvals messages', () => {
  it('have the same keys in zh-CN and en, under one top-level key', () => {
    expectSameKeys('approvals', approvalsZhCN, approvalsEn);
  });

  it('name every state and event, in Chinese as the district says them', () => {
    const i18n = createApprovalsI18n('zh-CN');
    const t = i18n.global.t as (key: string, values?: object) => string;
    expect(MILESTONE_STATES.map((state) => t(`approvals.states.${state}`))).toEqual([
      '未启动',
      '已收件',
      '待补正',
      '已受理',
      '已中止',
      '已办结',
      '不予许可',
      '超时默认',
      '已终止',
    ]);
    for (const type of MILESTONE_EVENT_TYPES)
      expect(t(`approvals.events.${type}`)).not.toContain('approvals.');
    expect(t('approvals.remaining.left', { n: 3 })).toBe('剩余 3 个工作日');
    expect(t('approvals.remaining.overdue', { n: 2 })).toBe('逾期 2 个工作日');
  });
});
