import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../i18n';
import { plannedStartText } from './planned-start';

const translate = (locale: 'zh-CN' | 'en') =>
  createAppI18n(locale).global.t as (key: string, values?: Record<string, unknown>) => string;

describe('plannedStartText', () => {
  it('is the planned start date, or a key work month said as a month', () => {
    const t = translate('zh-CN');
    expect(plannedStartText({ plannedStartDate: '2026-09-10', plannedStartMonth: null }, t)).toBe(
      '2026-09-10',
    );
    expect(plannedStartText({ plannedStartDate: null, plannedStartMonth: '2026-09' }, t)).toBe(
      '2026年9月（重点工程）',
    );
    expect(plannedStartText({ plannedStartDate: null, plannedStartMonth: '2026-09' }, translate('en'))).toBe(
      '9/2026 (key work)',
    );
    expect(plannedStartText({ plannedStartDate: null }, t)).toBeNull();
  });
});
