import { createAppI18n, type AppLocale } from '../../i18n';
import approvalsEn from '../../i18n/approvals.en';
import approvalsZhCN from '../../i18n/approvals.zh-CN';

/**
 * For component tests: the app's i18n with the approvals messages merged in (as the app's own message
 * index does once they are wired there).
 */
export function createApprovalsI18n(locale: AppLocale = 'zh-CN') {
  const i18n = createAppI18n(locale);
  const merge = i18n.global.mergeLocaleMessage as (locale: string, messages: object) => void;
  merge('zh-CN', approvalsZhCN);
  merge('en', approvalsEn);
  return i18n;
}
