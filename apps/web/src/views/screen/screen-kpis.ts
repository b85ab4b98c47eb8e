import type { DashboardSummary } from '@luodi/contracts';
import { formatPercent, formatYi } from '../../utils/money';

/** How a figure reads at a glance: a verdict colour (红黄绿) or plain. */
export type KpiTone = 'plain' | 'green' | 'yellow' | 'red';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export interface ScreenKpi {
  /** `screen-<id>` is the test id of the value. */
  id: string;
  label: string;
  value: string;
  unit: string;
  tone: KpiTone;
  /** A second, smaller figure under the value (e.g. the count behind a rate). */
  detail?: { label: string; value: string; unit: string; id: string };
}

const EMPTY = '—';
const count = (value: number | null | undefined) =>
  value === null || value === undefined ? EMPTY : String(value);

/**
 * 投资完成率 against 序时进度 (domain §5, investment_behind): on track within 10 points, yellow 10–30
 * points behind, red beyond 30.
 */
export function investmentTone(investmentRate: number | null, scheduleRate: number): KpiTone {
  if (investmentRate === null) return 'plain';
  const pointsBehind = Math.round((scheduleRate - investmentRate) * 1000) / 10;
  if (pointsBehind > 30) return 'red';
  if (pointsBehind > 10) return 'yellow';
  return 'green';
}

/** How many of the KPIs (projects, funds, problems) fill the upper row; the works' the lower. */
export const PROJECT_ROW_KPIS = 6;

/** Something left undone: red when there is any, green when there is none. */
const backlogTone = (value: number | undefined): KpiTone =>
  value === undefined ? 'plain' : value > 0 ? 'red' : 'green';

/**
 * The big screen's KPI rows, from `GET /api/dashboard/summary` (domain §6, dispatch.md §4): what each
 * card shows, in the order the district reads them (the first `PROJECT_ROW_KPIS` on the upper row).
 * Without figures yet every value is "—".
 */
export function screenKpis(summary: DashboardSummary | null, t: Translate): ScreenKpi[] {
  const s = summary;
  const k = s?.keyWorks;
  const a = s?.approvals;
  const q = s?.problems;
  const projects = t('screen.units.projects');
  const items = t('screen.units.items');
  const yi = t('screen.units.yi');
  return [
    {
      id: 'signed',
      label: t('screen.kpi.signed'),
      value: count(s?.signedCount),
      unit: projects,
      tone: 'plain',
      detail: {
        id: 'negotiating',
        label: t('screen.kpi.negotiating'),
        value: count(s?.negotiatingCount),
        unit: projects,
      },
    },
    {
      id: 'amount',
      label: t('screen.kpi.amount'),
      value: s ? formatYi(s.contractAmount) : EMPTY,
      unit: yi,
      tone: 'plain',
    },
    {
      id: 'landing-rate',
      label: t('screen.kpi.landingRate'),
      value: formatPercent(s?.landingRate),
      unit: '',
      tone: 'plain',
      detail: {
        id: 'registered',
        label: t('screen.kpi.registered'),
        value: count(s?.registeredCount),
        unit: projects,
      },
    },
    {
      id: 'start-rate',
      label: t('screen.kpi.startRate'),
      value: formatPercent(s?.startRate),
      unit: '',
      tone: 'plain',
      detail: {
        id: 'started',
        label: t('screen.kpi.started'),
        value: count(s?.startedCount),
        unit: projects,
      },
    },
    {
      id: 'funds-rate',
      label: t('screen.kpi.fundsRate'),
      value: formatPercent(s?.fundsRate),
      unit: '',
      tone: 'plain',
      detail: {
        id: 'funds-arrived',
        label: t('screen.kpi.fundsArrived'),
        value: s ? formatYi(s.fundsArrived) : EMPTY,
        unit: yi,
      },
    },
    {
      // 问题清单 (dispatch.md §4): problems not yet closed, red while any is overdue.
      id: 'problems-open',
      label: t('screen.kpi.problemsOpen'),
      value: count(q?.open),
      unit: items,
      tone: backlogTone(q?.overdue),
      detail: {
        id: 'problems-overdue',
        label: t('screen.kpi.problemsOverdue'),
        value: count(q?.overdue),
        unit: items,
      },
    },
    {
      id: 'key-works',
      label: t('screen.kpi.keyWorks'),
      value: count(k?.count),
      unit: items,
      tone: 'plain',
      detail: {
        id: 'key-planned-start',
        label: t('screen.kpi.keyPlannedStart'),
        value: count(k?.plannedStartCount),
        unit: items,
      },
    },
    {
      id: 'key-start-rate',
      label: t('screen.kpi.keyStartRate'),
      value: formatPercent(k?.startRate),
      unit: '',
      tone: 'plain',
      detail: {
        id: 'key-started',
        label: t('screen.kpi.keyStarted'),
        value: count(k?.startedCount),
        unit: items,
      },
    },
    {
      id: 'investment-rate',
      label: t('screen.kpi.investmentRate'),
      value: formatPercent(k?.investmentRate),
      unit: '',
      tone: k ? investmentTone(k.investmentRate, k.scheduleRate) : 'plain',
      detail: {
        id: 'schedule-rate',
        label: t('screen.kpi.scheduleRate'),
        value: formatPercent(k?.scheduleRate),
        unit: '',
      },
    },
    {
      id: 'on-time-rate',
      label: t('screen.kpi.onTimeRate'),
      value: formatPercent(a?.onTimeRate),
      unit: '',
      tone: 'plain',
      detail: {
        id: 'decided',
        label: t('screen.kpi.decided'),
        value: count(a?.decidedCount),
        unit: items,
      },
    },
    {
      id: 'overdue',
      label: t('screen.kpi.overdue'),
      value: count(a?.overdueOpen),
      unit: items,
      tone: backlogTone(a?.overdueOpen),
    },
    {
      id: 'escalated',
      label: t('screen.kpi.escalated'),
      value: count(s?.alerts.level3),
      unit: items,
      tone: backlogTone(s?.alerts.level3),
      detail: {
        id: 'alerts-total',
        label: t('screen.kpi.alertsTotal'),
        value: count(s?.alerts.total),
        unit: items,
      },
    },
  ];
}
