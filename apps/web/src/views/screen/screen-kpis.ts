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
  /** A figure labelled `screen.kpi.<id in camel case>`: its id, value and unit. */
  type Spec = [id: string, value: string, unit?: string];
  const figure = ([id, value, unit = '']: Spec): Figure => ({
    id,
    label: t(`screen.kpi.${labelKey(id)}`),
    value,
    unit,
  });
  /** A card: its figure, the smaller figure under it and its verdict colour. */
  const card = (main: Spec, detail?: Spec, tone: KpiTone = 'plain'): ScreenKpi => ({
    ...figure(main),
    tone,
    ...(detail && { detail: figure(detail) }),
  });
  const yiOf = (value: string | undefined) => (value === undefined ? EMPTY : formatYi(value));
  const rate = formatPercent;
  return [
    card(['signed', count(s?.signedCount), projects], ['negotiating', count(s?.negotiatingCount), projects]),
    card(['amount', yiOf(s?.contractAmount), yi]),
    card(['landing-rate', rate(s?.landingRate)], ['registered', count(s?.registeredCount), projects]),
    card(['start-rate', rate(s?.startRate)], ['started', count(s?.startedCount), projects]),
    card(['funds-rate', rate(s?.fundsRate)], ['funds-arrived', yiOf(s?.fundsArrived), yi]),
    // 问题清单 (dispatch.md §4): problems not yet closed, red while any is overdue.
    card(
      ['problems-open', count(q?.open), items],
      ['problems-overdue', count(q?.overdue), items],
      backlogTone(q?.overdue),
    ),
    card(['key-works', count(k?.count), items], ['key-planned-start', count(k?.plannedStartCount), items]),
    card(['key-start-rate', rate(k?.startRate)], ['key-started', count(k?.startedCount), items]),
    card(
      ['investment-rate', rate(k?.investmentRate)],
      ['schedule-rate', rate(k?.scheduleRate)],
      k ? investmentTone(k.investmentRate, k.scheduleRate) : 'plain',
    ),
    card(['on-time-rate', rate(a?.onTimeRate)], ['decided', count(a?.decidedCount), items]),
    card(['overdue', count(a?.overdueOpen), items], undefined, backlogTone(a?.overdueOpen)),
    card(
      ['escalated', count(s?.alerts.level3), items],
      ['alerts-total', count(s?.alerts.total), items],
      backlogTone(s?.alerts.level3),
    ),
  ];
}
