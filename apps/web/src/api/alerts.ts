import type {
  Alert,
  AlertAnswer,
  AlertChange,
  AlertDetail,
  AlertEvent,
  AlertWithEvents,
  ChecksRunResult,
  Delivery,
  Page,
} from '@luodi/contracts';
import { http } from './http';

export type { Alert, AlertAnswer, AlertChange, AlertDetail, AlertEvent, ChecksRunResult, Delivery };
/** `GET /api/alerts/:id`: the alert with its history. */
export type AlertDetailAnswer = AlertWithEvents;

/** The alert kinds of domain §5, in the order the district reads them. */
export const ALERT_KINDS = [
  'milestone_due',
  'milestone_overdue',
  'deemed_approval',
  'not_registered',
  'not_started',
  'investment_behind',
  'report_missing',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** 1 预警 (yellow), 2 逾期 (red), 3 督办 (escalated to leadership). */
export const ALERT_LEVELS = [1, 2, 3] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** `open`: the current level is not acknowledged yet. */
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
/** The list's status filter: a status, or `unresolved` (open and acknowledged, what the cockpit counts). */
export const ALERT_STATUS_FILTERS = ['unresolved', ...ALERT_STATUSES] as const;
export type AlertStatusFilter = (typeof ALERT_STATUS_FILTERS)[number];

export type AlertSubjectType = 'milestone' | 'project' | 'key_work';

/** 反馈 categories (domain §5). */
export const ANSWER_CATEGORIES = [
  'in_progress',
  'waiting_applicant',
  'not_a_problem',
  'needs_coordination',
] as const;
export type AnswerCategory = (typeof ANSWER_CATEGORIES)[number];

export type AlertEventType = 'raised' | 'level_up' | 'acknowledged' | 'answered' | 'resolved' | 'reopened';

export interface AlertFilters {
  status?: AlertStatusFilter | '';
  kind?: AlertKind | '';
  level?: AlertLevel | '';
  departmentId?: string;
}

export interface AnswerInput {
  category: AnswerCategory;
  cause: string;
  measures: string;
  /** YYYY-MM-DD */
  expectedDate: string;
}

export type DeliveryChannel = 'in_app' | 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'sent' | 'failed';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['failed', 'pending', 'sent'];

const id = (value: string) => encodeURIComponent(value);

export const alertsApi = {
  list: (filters: AlertFilters, page: number, pageSize: number) =>
    http.get<Page<Alert>>('/alerts', {
      query: {
        status: filters.status,
        kind: filters.kind,
        level: filters.level,
        departmentId: filters.departmentId,
        page,
        pageSize,
      },
    }),
  /** Unacknowledged alerts in the user's scope (the header badge). */
  openCount: async (): Promise<number> =>
    (await http.get<Page<Alert>>('/alerts', { query: { status: 'open', pageSize: 1 } })).total,
  get: (alertId: string) => http.get<AlertDetailAnswer>(`/alerts/${id(alertId)}`),
  acknowledge: (alertId: string, note: string) => http.post<Alert>(`/alerts/${id(alertId)}/ack`, { note }),
  answer: (alertId: string, body: AnswerInput) => http.post<Alert>(`/alerts/${id(alertId)}/answer`, body),
};

export const checksApi = {
  run: () => http.post<ChecksRunResult>('/checks/run'),
};

export const deliveriesApi = {
  list: (status: DeliveryStatus | '', page: number, pageSize: number) =>
    http.get<Page<Delivery>>('/deliveries', { query: { status, page, pageSize } }),
  resend: (deliveryId: string) => http.post<Delivery>(`/deliveries/${id(deliveryId)}/resend`),
};
