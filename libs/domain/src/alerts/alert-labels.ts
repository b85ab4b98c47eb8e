import { type Labels } from '../value-lists';
import type { AlertLevel, AnswerCategory } from './alert-lists';
import type { AlertKind } from './alert-rules';

/**
 * The one name of each alert kind, in both languages: the worker's notifications, the 月度调度
 * report's 督办 sheet and the web all read it. A kind without both labels does not compile.
 */
export const ALERT_KIND_LABELS = {
  milestone_due: { 'zh-CN': '临近时限', en: 'Deadline near' },
  milestone_overdue: { 'zh-CN': '已逾期', en: 'Overdue' },
  deemed_approval: { 'zh-CN': '超时默认', en: 'Deemed approved' },
  not_registered: { 'zh-CN': '签约未注册', en: 'Not registered' },
  not_started: { 'zh-CN': '未按期开工', en: 'Not started' },
  investment_behind: { 'zh-CN': '投资进度滞后', en: 'Investment behind' },
  report_missing: { 'zh-CN': '月报未报送', en: 'Report missing' },
  calendar_unconfirmed: { 'zh-CN': '节假日安排待录入', en: 'Holiday arrangement not entered' },
  problem_overdue: { 'zh-CN': '问题逾期未办结', en: 'Problem overdue' },
  notice_overdue: { 'zh-CN': '督办函逾期未反馈', en: 'Notice unanswered' },
  commitment_due: { 'zh-CN': '履约条款临近到期', en: 'Commitment due soon' },
  commitment_unmet: { 'zh-CN': '未履约', en: 'Commitment unmet' },
  idle_land: { 'zh-CN': '供而未建', en: 'Land idle' },
  cure_overdue: { 'zh-CN': '容缺补正逾期', en: 'Missing materials overdue' },
  promise_unverified: { 'zh-CN': '承诺未核查', en: 'Promise not verified' },
  start_at_risk: { 'zh-CN': '开工预计延误', en: 'Start at risk' },
} as const satisfies Labels<AlertKind>;

/** 1 预警, 2 逾期, 3 督办. */
export const ALERT_LEVEL_LABELS = {
  1: { 'zh-CN': '预警', en: 'Warning' },
  2: { 'zh-CN': '逾期', en: 'Overdue' },
  3: { 'zh-CN': '督办', en: 'Escalated' },
} as const satisfies Labels<AlertLevel>;

/** 反馈 categories. */
export const ANSWER_CATEGORY_LABELS = {
  in_progress: { 'zh-CN': '正在办理', en: 'In progress' },
  waiting_applicant: { 'zh-CN': '等待申请人', en: 'Waiting for the applicant' },
  not_a_problem: { 'zh-CN': '非问题', en: 'Not a problem' },
  needs_coordination: { 'zh-CN': '需协调', en: 'Needs coordination' },
} as const satisfies Labels<AnswerCategory>;
