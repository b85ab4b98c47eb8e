import { describe, expect, it } from 'vitest';
import { ALERT_KINDS, ANSWER_CATEGORIES } from '../../api/alerts';
import { createAppI18n } from '../../i18n';
import alertsEn from '../../i18n/alerts.en';
import alertsZhCN from '../../i18n/alerts.zh-CN';
import { expectSameKeys } from '../../testing/messages';
import { detailText, startAtRiskDetail } from './alert-text';

describe('alerts messages', () => {
  it('have the same keys in zh-CN and en, under one top-level key', () => {
    expectSameKeys('alerts', alertsZhCN, alertsEn);
  });

  it('name kinds, levels and categories as the district says them', () => {
    const t = createAppI18n('zh-CN').global.t as (key: string) => string;
    expect(ALERT_KINDS.map((kind) => t(`alerts.kinds.${kind}`))).toEqual([
      '临近时限',
      '已逾期',
      '超时默认',
      '签约未注册',
      '未按期开工',
      '投资进度滞后',
      '月报未报送',
      '节假日安排待录入',
      '问题逾期未办结',
      '督办函逾期未反馈',
      '履约条款临近到期',
      '未履约',
      '供而未建',
      '容缺补正逾期',
      '承诺未核查',
      '开工预计延误',
    ]);
    expect([1, 2, 3].map((level) => t(`alerts.levels.${level}`))).toEqual(['预警', '逾期', '督办']);
    expect(ANSWER_CATEGORIES.map((category) => t(`alerts.categories.${category}`))).toEqual([
      '正在办理',
      '等待申请人',
      '非问题',
      '需协调',
    ]);
  });
});

describe('start_at_risk alerts in words', () => {
  const detail = {
    plannedStart: '2026-09-30',
    plannedMonth: '2026-09',
    promiseBound: '2026-09-20',
    p50: '2026-09-28',
    p80: '2026-10-09',
    bindingItem: 'EIA',
    bindingItemName: '环境影响评价审批',
    bindingDepartmentId: '4',
    bindingDepartmentName: '生态环境局',
    bindingMilestoneId: '31',
  };

  it('name the binding item and department and P80 against the planned start (zh-CN and en)', () => {
    const zh = createAppI18n('zh-CN').global.t as (key: string, values?: Record<string, unknown>) => string;
    const en = createAppI18n('en').global.t as (key: string, values?: Record<string, unknown>) => string;
    expect(detailText({ kind: 'start_at_risk', detail }, zh)).toBe(
      '关键事项：环境影响评价审批（生态环境局）；P80 2026-10-09 晚于计划开工 2026年9月（重点工程）；承诺日期 2026-09-20',
    );
    expect(detailText({ kind: 'start_at_risk', detail: { ...detail, plannedMonth: null } }, en)).toBe(
      'Binding item: 环境影响评价审批 (生态环境局)；P80 2026-10-09 after the planned start 2026-09-30；promise-bound 2026-09-20',
    );
    expect(startAtRiskDetail({ kind: 'start_at_risk', detail })).toEqual(detail);
    expect(startAtRiskDetail({ kind: 'milestone_overdue', detail })).toBeNull();
  });
});
