import { namesOf } from '../value-lists';

/** 1 预警 (yellow), 2 逾期 (red), 3 督办 (escalated to leadership). */
export const ALERT_LEVELS = [1, 2, 3] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** What an alert is about. */
export const ALERT_SUBJECT_TYPES = [
  'milestone',
  'project',
  'key_work',
  'calendar_year',
  'problem',
  'notice',
  'clause',
] as const;
export type AlertSubjectType = (typeof ALERT_SUBJECT_TYPES)[number];
export const AlertSubjectType = namesOf(ALERT_SUBJECT_TYPES);

/** `open`: the current level is not acknowledged yet. */
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const AlertStatus = namesOf(ALERT_STATUSES);

/** 反馈 categories (domain §5). */
export const ANSWER_CATEGORIES = [
  'in_progress',
  'waiting_applicant',
  'not_a_problem',
  'needs_coordination',
] as const;
export type AnswerCategory = (typeof ANSWER_CATEGORIES)[number];
