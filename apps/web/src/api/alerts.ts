import { ALERT_STATUSES, type AlertKind, type AlertLevel, type AnswerCategory } from '@luodi/domain';
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
import { fieldsOf, getPage, http } from './http';

/** The value lists are domain §5's, defined once in libs/domain. */
export {
  ALERT_KINDS,
  type AlertKind,
  ALERT_LEVELS,
  type AlertLevel,
  ALERT_STATUSES,
  type AlertStatus,
  type AlertSubjectType,
  ANSWER_CATEGORIES,
  type AnswerCategory,
} from '@luodi/domain';

export type { Alert, AlertAnswer, AlertChange, AlertDetail, AlertEvent, ChecksRunResult, Delivery };
/** `GET /api/alerts/:id`: the alert with its history. */
export type AlertDetailAnswer = AlertWithEvents;

/** The list's status filter: a status, or `unresolved` (open and acknowledged, what the cockpit counts). */
export const ALERT_STATUS_FILTERS = ['unresolved', ...ALERT_STATUSES] as const;
export type AlertStatusFilter = (typeof ALERT_STATUS_FILTERS)[number];

export type AlertEventType = 'raised' | 'level_up' | 'acknowledged' | 'answered' | 'resolved' | 'reopened';

export interface AlertFilters {
  status?: AlertStatusFilter | '';
  kind?: AlertKind | '';
  level?: AlertLevel | '';
  departmentId?: string;
  /** Search in the project's name or code and (a milestone's alert) the approval item's name. */
  q?: string;
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
    getPage<Alert>(
      '/alerts',
      fieldsOf(filters, ['status', 'kind', 'level', 'departmentId', 'q']),
      page,
      pageSize,
    ),
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
    getPage<Delivery>('/deliveries', { status }, page, pageSize),
  resend: (deliveryId: string) => http.post<Delivery>(`/deliveries/${id(deliveryId)}/resend`),
};
