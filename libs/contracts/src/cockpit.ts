import { type DepartmentScore, PIPELINE, type TrendMonthFigures } from '@luodi/domain';

/**
 * The leadership cockpit (驾驶舱) and big screen: the answers of `GET /api/dashboard/*`.
 * Shared by the API (which builds them), the chart builders (pure functions of these) and the web.
 *
 * Every endpoint takes the same filters (`CockpitFilters`); figures are district-wide aggregates
 * readable by every role (api.md: `all`), while the records behind them (the drill-down lists) stay
 * scoped: a department user's list shows only its own department's records.
 */
import type { CommitmentFigures } from './commitments';
import type { ProblemFigures } from './dispatch';

/** Query of every cockpit endpoint. `asOf` is a date (end of that day, Asia/Shanghai) or a moment. */
export interface CockpitFilters {
  year?: number;
  asOf?: string;
  source?: string;
  departmentId?: string;
}

export type AlertLevel = 1 | 2 | 3;

/** The landing figures of a set of projects signed in the year (domain §6): counts, amount and rates. */
export interface LandingFigures {
  signedCount: number;
  /** 万元, decimal string. */
  contractAmount: string;
  registeredCount: number;
  landingRate: number | null;
  startedCount: number;
  startRate: number | null;
}

/** `GET /api/dashboard/summary` — domain §6, plus the open alerts by level. */
export interface DashboardSummary extends LandingFigures {
  year: number;
  /** The moment the figures are for (ISO-8601). */
  asOf: string;
  /** Its business date (Asia/Shanghai). */
  asOfDate: string;
  negotiatingCount: number;
  fundsArrived: string;
  fundsRate: number | null;
  keyWorks: {
    count: number;
    plannedStartCount: number;
    startedCount: number;
    startRate: number | null;
    annualPlanInvestment: string;
    completedInvestment: string;
    investmentRate: number | null;
    scheduleRate: number;
  };
  approvals: {
    decidedCount: number;
    onTimeCount: number;
    onTimeRate: number | null;
    overdueOpen: number;
  };
  /** Alerts not resolved (open or acknowledged) now, by level; `departmentId` filters by department. */
  alerts: {
    level1: number;
    level2: number;
    level3: number;
    total: number;
  };
  /**
   * 问题清单 figures (dispatch.md §4); `departmentId` filters by owner department. Always answered;
   * optional in the type so that older fixtures of the summary stay valid.
   */
  problems?: ProblemFigures;
  /**
   * 履约 → 达产 figures (commitments.md §5); `source` and `departmentId` narrow them. Always answered;
   * optional in the type so that older fixtures of the summary stay valid.
   */
  commitments?: CommitmentFigures;
}

const [, ...SIGNED_ONWARD] = PIPELINE;
/** Stages of the pipeline funnel, in order: talks, then the pipeline from signed on. */
export const FUNNEL_STAGES = ['talks', ...SIGNED_ONWARD] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/**
 * `GET /api/dashboard/funnel` — the year's pipeline 在谈→签约→落地→开工→投产.
 * `talks`: projects whose talks started in Y by asOf, or that were signed in Y (so the funnel never
 * widens); `signed`: signed in Y (= summary.signedCount); `registered`/`started`/`operating`/
 * `full_production` (达产): of
 * those signed in Y, the ones that reached the stage by asOf (registered = summary.registeredCount,
 * started = summary.startedCount).
 */
export interface FunnelResponse {
  year: number;
  asOfDate: string;
  stages: Array<{ stage: FunnelStage; count: number }>;
}

export type BreakdownDimension = 'source' | 'industry';

/** One group of `GET /api/dashboard/breakdown`: the projects signed in Y with that source/industry. */
export interface BreakdownItem extends LandingFigures {
  /** The source (沪洽会 …) or industry; '' when the projects have none. */
  key: string;
}

/** `GET /api/dashboard/breakdown?by=source|industry` — sorted by contractAmount, largest first. */
export interface BreakdownResponse {
  year: number;
  asOfDate: string;
  by: BreakdownDimension;
  items: BreakdownItem[];
}

/** One month of `GET /api/dashboard/trend`. Months that have not begun at asOf carry nulls. */
export type TrendMonth = TrendMonthFigures;

export interface TrendResponse {
  year: number;
  asOfDate: string;
  annualPlanInvestment: string;
  months: TrendMonth[];
}

/**
 * One department of `GET /api/dashboard/approvals-by-department`: its milestones undecided at asOf
 * that have a deadline, by light at asOf (red = deadline passed, yellow = within the yellow days).
 */
export interface ApprovalLightsItem {
  departmentId: string;
  departmentName: string;
  green: number;
  yellow: number;
  red: number;
}

/** Departments with at least one open milestone, most red first (then yellow, then name). */
export interface ApprovalLightsResponse {
  asOfDate: string;
  items: ApprovalLightsItem[];
}

export type { ScoreCode } from '@luodi/domain';

/** One row of `GET /api/dashboard/departments` (the scorecard, ranked). */
export type DepartmentScoreRow = DepartmentScore & {
  /** 问题按期办结率: problems closed in the year by their due date ÷ closed in the year (dispatch.md §4). */
  problemOnTimeRate?: number | null;
  /** 督办函按期反馈率: notices of the year answered by their reply date ÷ those answered or past it. */
  noticeOnTimeRate?: number | null;
};

export interface DepartmentScorecardResponse {
  year: number;
  items: DepartmentScoreRow[];
  total: number;
}

/**
 * `GET /api/dashboard/report?year&month=YYYY-MM&source&departmentId` (admin, bureau, leader) — the
 * 月度调度 report of the cockpit as .xlsx: the figures as of the end of `month` (or now, for the
 * current month) and the tables behind the charts.
 */
export const COCKPIT_REPORT_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The live message the API publishes when a figure may have changed (project, funds, report, milestone). */
export interface FiguresChangedMessage {
  type: 'figures';
  /** What changed: 'project' | 'funds' | 'key-work' | 'milestone' | 'problem' | 'notice'. */
  subject: string;
  /** The project's lead department (or the milestone's department). */
  departmentId?: string;
}
