import {
  ALERT_KIND_LABELS,
  ALERT_LEVEL_LABELS,
  ANSWER_CATEGORY_LABELS,
  labelsIn,
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  NOTICE_STATUS_LABELS,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_EVENT_LABELS,
  PROBLEM_STATUS_LABELS,
  type Locale,
} from '@luodi/domain';

/**
 * The message blocks that are a `libs/domain` value list's labels, in one language: each message file
 * spreads its own into its section, so both languages carry the same lists by construction.
 */
export const alertListLabels = (locale: Locale) => ({
  levels: labelsIn(ALERT_LEVEL_LABELS, locale),
  kinds: labelsIn(ALERT_KIND_LABELS, locale),
  categories: labelsIn(ANSWER_CATEGORY_LABELS, locale),
});

export const dispatchListLabels = (locale: Locale) => ({
  categories: labelsIn(PROBLEM_CATEGORY_LABELS, locale),
  statuses: labelsIn(PROBLEM_STATUS_LABELS, locale),
  events: labelsIn(PROBLEM_EVENT_LABELS, locale),
  meetingKinds: labelsIn(MEETING_KIND_LABELS, locale),
  meetingStatuses: labelsIn(MEETING_STATUS_LABELS, locale),
  noticeStatuses: labelsIn(NOTICE_STATUS_LABELS, locale),
});
