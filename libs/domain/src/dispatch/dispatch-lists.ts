import { type Labels, namesOf } from '../value-lists';

/** What a problem (问题清单) belongs to: a project or a key work (dispatch.md §1). */
export const PROBLEM_SUBJECT_TYPES = ['project', 'key_work'] as const;
export type ProblemSubjectType = (typeof PROBLEM_SUBJECT_TYPES)[number];
export const ProblemSubjectType = namesOf(PROBLEM_SUBJECT_TYPES);

/** 问题类别. */
export const PROBLEM_CATEGORIES = [
  'land',
  'planning',
  'environment',
  'energy',
  'utilities',
  'demolition',
  'funding',
  'policy',
  'other',
] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];
export const ProblemCategory = namesOf(PROBLEM_CATEGORIES);

/** open → in_progress → resolved → closed (销号); resolved → in_progress (复核不通过). */
export const PROBLEM_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
export const ProblemStatus = namesOf(PROBLEM_STATUSES);

/** Statuses in which a problem still blocks its subject (overdue when past its due date). */
export const UNFINISHED_PROBLEM_STATUSES = [ProblemStatus.open, ProblemStatus.in_progress] as const;

/** The actions that move a problem (each one an event of its history). */
export const PROBLEM_ACTIONS = ['start', 'resolve', 'close', 'reject'] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];
export const ProblemAction = namesOf(PROBLEM_ACTIONS);

/** Every event of a problem's history: raised, the transitions, and the changes a meeting makes. */
export const PROBLEM_EVENT_TYPES = [
  'raised',
  ...PROBLEM_ACTIONS,
  'reassigned',
  'due_changed',
  'supervised',
] as const;
export type ProblemEventType = (typeof PROBLEM_EVENT_TYPES)[number];
export const ProblemEventType = namesOf(PROBLEM_EVENT_TYPES);

export const PROBLEM_CATEGORY_LABELS = {
  land: { 'zh-CN': '用地', en: 'Land' },
  planning: { 'zh-CN': '规划', en: 'Planning' },
  environment: { 'zh-CN': '环评', en: 'Environmental assessment' },
  energy: { 'zh-CN': '能评', en: 'Energy assessment' },
  utilities: { 'zh-CN': '水电气', en: 'Water, power, gas' },
  demolition: { 'zh-CN': '征迁', en: 'Demolition and relocation' },
  funding: { 'zh-CN': '资金', en: 'Funding' },
  policy: { 'zh-CN': '政策', en: 'Policy' },
  other: { 'zh-CN': '其他', en: 'Other' },
} as const satisfies Labels<ProblemCategory>;

export const PROBLEM_STATUS_LABELS = {
  open: { 'zh-CN': '待办理', en: 'Open' },
  in_progress: { 'zh-CN': '办理中', en: 'In progress' },
  resolved: { 'zh-CN': '已解决待销号', en: 'Resolved' },
  closed: { 'zh-CN': '已销号', en: 'Closed' },
} as const satisfies Labels<ProblemStatus>;

export const PROBLEM_EVENT_LABELS = {
  raised: { 'zh-CN': '提出', en: 'Raised' },
  start: { 'zh-CN': '开始办理', en: 'Started' },
  resolve: { 'zh-CN': '办结', en: 'Resolved' },
  close: { 'zh-CN': '销号', en: 'Closed' },
  reject: { 'zh-CN': '复核不通过', en: 'Sent back' },
  reassigned: { 'zh-CN': '调整责任单位', en: 'Owner changed' },
  due_changed: { 'zh-CN': '调整时限', en: 'Due date changed' },
  supervised: { 'zh-CN': '督办', en: 'Supervised' },
} as const satisfies Labels<ProblemEventType>;

/** 调度会 kinds: 月度调度 / 专题. */
export const MEETING_KINDS = ['monthly', 'special'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MeetingKind = namesOf(MEETING_KINDS);

/** A meeting is `open` (decisions may be recorded) until `closed` (read-only). */
export const MEETING_STATUSES = ['open', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MeetingStatus = namesOf(MEETING_STATUSES);

/** A decision (交办事项) creates a problem or updates one. */
export const DECISION_KINDS = ['create', 'update'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const DecisionKind = namesOf(DECISION_KINDS);

/** What a supervision notice (督办函) is issued from. */
export const NOTICE_SOURCES = ['alert', 'problem', 'decision'] as const;
export type NoticeSource = (typeof NOTICE_SOURCES)[number];
export const NoticeSource = namesOf(NOTICE_SOURCES);

/** issued → signed (签收) → replied (反馈). */
export const NOTICE_STATUSES = ['issued', 'signed', 'replied'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NoticeStatus = namesOf(NOTICE_STATUSES);

/** The gap-free yearly number series (one counter row per series and year). */
export const NUMBER_SERIES = ['problem', 'notice'] as const;
export type NumberSeries = (typeof NUMBER_SERIES)[number];
export const NumberSeries = namesOf(NUMBER_SERIES);

export const MEETING_KIND_LABELS = {
  monthly: { 'zh-CN': '月度调度', en: 'Monthly dispatch' },
  special: { 'zh-CN': '专题调度', en: 'Special meeting' },
} as const satisfies Labels<MeetingKind>;

export const MEETING_STATUS_LABELS = {
  open: { 'zh-CN': '进行中', en: 'Open' },
  closed: { 'zh-CN': '已结束', en: 'Closed' },
} as const satisfies Labels<MeetingStatus>;

export const NOTICE_STATUS_LABELS = {
  issued: { 'zh-CN': '待签收', en: 'Issued' },
  signed: { 'zh-CN': '已签收', en: 'Signed for' },
  replied: { 'zh-CN': '已反馈', en: 'Replied' },
} as const satisfies Labels<NoticeStatus>;

export const NOTICE_SOURCE_LABELS = {
  alert: { 'zh-CN': '督办预警', en: 'Level-3 alert' },
  problem: { 'zh-CN': '逾期问题', en: 'Overdue problem' },
  decision: { 'zh-CN': '会议交办', en: 'Meeting decision' },
} as const satisfies Labels<NoticeSource>;
