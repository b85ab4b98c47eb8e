import { LIGHT_RED, LIGHT_YELLOW } from '@luodi/charts';
import type { StartAtRiskAlertDetail } from '@luodi/contracts';
import type { Alert, AlertLevel, AlertStatus } from '../../api/alerts';
import { plannedStartText } from '../../utils/planned-start';
import type { Role } from '../../auth/types';

/** 督办: dark red leaning to purple, distinct from the red of 逾期. */
export const LEVEL3_COLOR = '#8b1a4a';

/** The colour of each level: 1 yellow (预警), 2 red (逾期), 3 dark red/purple (督办). */
export const LEVEL_COLORS: Readonly<Record<AlertLevel, string>> = {
  1: LIGHT_YELLOW,
  2: LIGHT_RED,
  3: LEVEL3_COLOR,
};

export function levelColor(level: AlertLevel): string {
  return LEVEL_COLORS[level] ?? LIGHT_RED;
}

export function statusTagType(status: AlertStatus): 'danger' | 'success' | 'info' {
  if (status === 'open') return 'danger';
  return status === 'acknowledged' ? 'success' : 'info';
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * What the alert is about within its project: the approval item's name for a milestone
 * (用地预审与选址意见书), else the kind of subject (项目, 重点工程).
 */
export function subjectText(alert: Pick<Alert, 'itemName' | 'subjectType'>, t: Translate): string {
  return isText(alert.itemName) ? alert.itemName : t(`alerts.subjects.${alert.subjectType}`);
}

/** A start_at_risk alert's detail (P80, planned start, binding item and department); null otherwise. */
export function startAtRiskDetail(
  alert: Pick<Alert, 'detail'> & { kind?: Alert['kind'] },
): StartAtRiskAlertDetail | null {
  const detail = alert.detail;
  if (alert.kind !== 'start_at_risk' || !detail || !isText(detail.p80) || !isText(detail.plannedStart))
    return null;
  return detail as unknown as StartAtRiskAlertDetail;
}

/**
 * start_at_risk in words: 关键事项：环评审批（生态环境局）；P80 2026-11-05 晚于计划开工 2026年10月（重点工程）；
 * 承诺日期 2026-10-20.
 */
function startAtRiskText(detail: StartAtRiskAlertDetail, t: Translate): string {
  const parts: string[] = [];
  const item = detail.bindingItemName ?? detail.bindingItem;
  if (isText(item))
    parts.push(
      t('alerts.details.startAtRisk.binding', { item, department: detail.bindingDepartmentName ?? '—' }),
    );
  const planned =
    plannedStartText({ plannedStartDate: detail.plannedStart, plannedStartMonth: detail.plannedMonth }, t) ??
    detail.plannedStart;
  parts.push(t('alerts.details.startAtRisk.dates', { p80: detail.p80, planned }));
  if (isText(detail.promiseBound))
    parts.push(t('alerts.details.startAtRisk.promiseBound', { date: detail.promiseBound }));
  return parts.join('；');
}

/**
 * One line describing an alert's `detail` in words (deadline, points behind, missing months …); keys
 * the UI does not know are left out rather than shown raw.
 */
export function detailText(
  alert: Pick<Alert, 'detail'> &
    Partial<Pick<Alert, 'kind' | 'deadlineProvisional' | 'itemName' | 'deadline' | 'remainingWorkingDays'>>,
  t: Translate,
): string {
  const forecast = startAtRiskDetail(alert);
  if (forecast) return startAtRiskText(forecast, t);
  const detail = alert.detail ?? {};
  const parts: string[] = [];
  // A milestone's alert names its approval item and how late it is now (the alert's own fields first).
  const item = alert.itemName ?? detail.itemName;
  if (isText(item)) parts.push(t('alerts.details.item', { item }));
  const deadline = alert.deadline ?? detail.deadline;
  if (isText(deadline))
    parts.push(
      t(alert.deadlineProvisional ? 'alerts.details.deadlineProvisional' : 'alerts.details.deadline', {
        date: deadline.slice(0, 10),
      }),
    );
  // calendar_unconfirmed: a year without its holiday arrangement, and the deadlines it leaves 待确认.
  if (isNumber(detail.year) && isNumber(detail.openDeadlines))
    parts.push(t('alerts.details.calendarYear', { year: detail.year, n: detail.openDeadlines }));
  const remaining = alert.remainingWorkingDays ?? detail.remainingWorkingDays;
  if (isNumber(remaining))
    parts.push(
      remaining < 0
        ? t('alerts.details.overdueDays', { n: -remaining })
        : t('alerts.details.remainingDays', { n: remaining }),
    );
  else if (isNumber(detail.overdueWorkingDays))
    parts.push(t('alerts.details.overdueDays', { n: detail.overdueWorkingDays }));
  if (isNumber(detail.pointsBehind))
    parts.push(t('alerts.details.pointsBehind', { n: Math.round(detail.pointsBehind * 10) / 10 }));
  if (Array.isArray(detail.months) && detail.months.length)
    parts.push(t('alerts.details.months', { months: detail.months.map(String).join('、') }));
  if (isText(detail.signedAt))
    parts.push(t('alerts.details.signedAt', { date: detail.signedAt.slice(0, 10) }));
  if (isText(detail.registeredAt))
    parts.push(t('alerts.details.registeredAt', { date: detail.registeredAt.slice(0, 10) }));
  if (isText(detail.plannedStartMonth))
    parts.push(t('alerts.details.plannedStartMonth', { month: detail.plannedStartMonth }));
  if (isNumber(detail.days)) parts.push(t('alerts.details.days', { n: detail.days }));
  return parts.join('；') || '—';
}

/**
 * Whether the user may acknowledge and answer this alert: its own department's staff, and admins
 * (the server checks again).
 */
export function canHandle(
  alert: Pick<Alert, 'departmentId'>,
  role: Role | null | undefined,
  userDepartmentId: string | null | undefined,
): boolean {
  if (role === 'admin') return true;
  return role === 'department' && !!userDepartmentId && alert.departmentId === userDepartmentId;
}

/** 签收 is offered while the current level is unacknowledged. */
export const canAcknowledge = (alert: Pick<Alert, 'status'>): boolean => alert.status === 'open';

/** 反馈 is offered once the alert has been acknowledged (at any level), until it resolves. */
export const canAnswer = (alert: Pick<Alert, 'status' | 'acknowledgedLevel'>): boolean =>
  alert.status !== 'resolved' && alert.acknowledgedLevel !== null;

/**
 * Whether a 督办函 can be issued from the alert (dispatch.md §3): a level-3 alert, not resolved, of a
 * project and its department, with no notice yet. Who may issue is the role's part (NOTICE_ISSUER_ROLES).
 */
export function canIssueNotice(
  alert: Pick<Alert, 'level' | 'status' | 'projectId' | 'departmentId' | 'notice'>,
): boolean {
  return (
    alert.level === 3 &&
    alert.status !== 'resolved' &&
    !!alert.projectId &&
    !!alert.departmentId &&
    !alert.notice
  );
}
