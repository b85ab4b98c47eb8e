import type { AlertKind, AlertLevel, AlertSubjectType } from '@luodi/domain';

// Value lists not in libs/domain yet (the entities and the web keep their own `const` lists): the
// unions here only name the values the API answers with, until the lists move to libs/domain.
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';
export type AnswerCategory = 'in_progress' | 'waiting_applicant' | 'not_a_problem' | 'needs_coordination';
export type AlertEventType = 'raised' | 'level_up' | 'acknowledged' | 'answered' | 'resolved' | 'reopened';
export type DeliveryChannel = 'in_app' | 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** The department's 反馈 on an alert. */
export interface AlertAnswer {
  category: AnswerCategory;
  cause: string;
  measures: string;
  /** YYYY-MM-DD */
  expectedDate: string;
  answeredAt: string;
}

/** What the alert is about, by kind: e.g. `{ deadline }`, `{ pointsBehind }`, `{ months: [...] }`. */
export type AlertDetail = Record<string, unknown>;

/**
 * The `detail` of a `start_at_risk` alert (routes-and-forecast §3), as the checks' project source
 * writes it: the planned start held against, the forecast dates and the binding item and department.
 */
export interface StartAtRiskAlertDetail {
  /** The day the start is held against: plannedStartDate, or the key work month's last day. */
  plannedStart: string;
  /** `YYYY-MM` when `plannedStart` is a key work's planned start month (no plannedStartDate). */
  plannedMonth: string | null;
  promiseBound: string;
  p50: string;
  p80: string;
  bindingItem: string | null;
  bindingItemName: string | null;
  bindingDepartmentId: string | null;
  bindingDepartmentName: string | null;
  bindingMilestoneId: string | null;
}

/** An alert as lists show it (`GET /api/alerts`). */
export interface Alert {
  id: string;
  kind: AlertKind;
  level: AlertLevel;
  status: AlertStatus;
  subjectType: AlertSubjectType;
  subjectId: string;
  /** The project and department: null for a district-wide alert (calendar_unconfirmed, a year). */
  projectId: string | null;
  /**
   * The project's own number (`project.code`, e.g. 2026-ZS-001) — NOT the 项目代码 of the investment
   * platform (`Project.projectCode`); the name is kept for compatibility.
   */
  projectCode: string | null;
  projectName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  /** The deadline in `detail` falls in a year without a holiday arrangement: it may move (待确认). */
  deadlineProvisional: boolean;
  /** A milestone's alert: the approval item (code and name, e.g. 用地预审与选址意见书); null otherwise. */
  itemCode: string | null;
  itemName: string | null;
  /** A milestone's alert: its deadline now (YYYY-MM-DD, after extensions); null otherwise. */
  deadline: string | null;
  /** Working days to that deadline, negative when overdue (逾期 3 个工作日 = -3); null when decided or none. */
  remainingWorkingDays: number | null;
  acknowledgedLevel: AlertLevel | null;
  acknowledgedAt: string | null;
  ackNote: string | null;
  answer: AlertAnswer | null;
  detail: AlertDetail | null;
  raisedAt: string;
  levelSince: string;
  resolvedAt: string | null;
  /** The latest supervision notice (督办函) issued from this alert (its number 〔YYYY〕督字第N号), or null. */
  notice: { id: string; number: string } | null;
}

export interface AlertEvent {
  type: AlertEventType;
  level: AlertLevel | null;
  at: string;
  actorUsername: string | null;
  note: string | null;
}

/** `GET /api/alerts/:id` (and the answer of acknowledging or answering it): the alert with its history. */
export interface AlertWithEvents extends Alert {
  events: AlertEvent[];
}

/** The answer of `POST /api/checks/run`. */
export interface ChecksRunResult {
  raised: number;
  escalated: number;
  resolved: number;
  deemedApproved: number;
}

/** One notification of an alert level to one recipient on one channel (`GET /api/deliveries`). */
export interface Delivery {
  id: string;
  alertId: string;
  round: number;
  level: AlertLevel;
  recipient: string;
  channel: DeliveryChannel;
  target: string | null;
  status: DeliveryStatus;
  attempts: number;
  generation: number;
  lastError: string | null;
  createdAt: string;
  enqueuedAt: string | null;
  sentAt: string | null;
}

/** One message of the live stream (`event: alert` on `GET /api/events`). */
export interface AlertChange {
  alertId: string;
  kind: AlertKind;
  level: AlertLevel;
  status: AlertStatus;
  departmentId: string;
  change: 'raised' | 'level_up' | 'acknowledged' | 'answered' | 'resolved' | 'notified';
  /** A `notified` message (in-app delivery): the project, the approval item and the whole text. */
  projectName?: string;
  itemName?: string | null;
  text?: string;
}
