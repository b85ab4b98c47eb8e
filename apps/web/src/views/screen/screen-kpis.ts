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

type Figure = Omit<ScreenKpi, 'tone' | 'detail'>;

/** `start-rate` → `startRate`: a figure's label key under `screen.kpi`. */
const labelKey = (id: string) => id.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

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
  /** A figure labelled `screen.kpi.<id in camel case>`. */
  const figure = (id: string, value: string, unit = ''): Figure => ({
    id,
    label: t(`screen.kpi.${labelKey(id)}`),
    value,
    unit,
  });
  /** A card: its figure, its verdict colour and the smaller figure under it. */
  const card = (main: Figure, tone: KpiTone, detail?: Figure): ScreenKpi => ({
    ...main,
    tone,
    ...(detail && { detail }),
  });
  const yiOf = (value: string | undefined) => (value === undefined ? EMPTY : formatYi(value));
  return [
    card(
      figure('signed', count(s?.signedCount), projects),
      'plain',
      figure('negotiating', count(s?.negotiatingCount), projects),
    ),
    card(figure('amount', yiOf(s?.contractAmount), yi), 'plain'),
    card(
      figure('landing-rate', formatPercent(s?.landingRate)),
      'plain',
      figure('registered', count(s?.registeredCount), projects),
    ),
    card(
      figure('start-rate', formatPercent(s?.startRate)),
      'plain',
      figure('started', count(s?.startedCount), projects),
    ),
    card(
      figure('funds-rate', formatPercent(s?.fundsRate)),
      'plain',
      figure('funds-arrived', yiOf(s?.fundsArrived), yi),
    ),
    // 问题清单 (dispatch.md §4): problems not yet closed, red while any is overdue.
    card(
      figure('problems-open', count(q?.open), items),
      backlogTone(q?.overdue),
      figure('problems-overdue', count(q?.overdue), items),
    ),
    card(
      figure('key-works', count(k?.count), items),
      'plain',
      figure('key-planned-start', count(k?.plannedStartCount), items),
    ),
    card(
      figure('key-start-rate', formatPercent(k?.startRate)),
      'plain',
      figure('key-started', count(k?.startedCount), items),
    ),
    card(
      figure('investment-rate', formatPercent(k?.investmentRate)),
      k ? investmentTone(k.investmentRate, k.scheduleRate) : 'plain',
      figure('schedule-rate', formatPercent(k?.scheduleRate)),
    ),
    card(
      figure('on-time-rate', formatPercent(a?.onTimeRate)),
      'plain',
      figure('decided', count(a?.decidedCount), items),
    ),
    card(figure('overdue', count(a?.overdueOpen), items), backlogTone(a?.overdueOpen)),
    card(
      figure('escalated', count(s?.alerts.level3), items),
      backlogTone(s?.alerts.level3),
      figure('alerts-total', count(s?.alerts.total), items),
    ),
  ];
}
