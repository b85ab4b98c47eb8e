import type { IsoDate } from '../business-time';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { DECIDED_STATES, type MilestoneState } from '../approvals/milestone';

/**
 * Approval routes (审批路线, routes-and-forecast.md §2): catalog items in four ordered stages; the items
 * of a stage run in parallel (并联) except where an item names items of its own stage it must follow
 * (`after`). Pure rules — the API, the demo loader and the start-date forecast (§3) walk them.
 */
export const ROUTE_STAGES = [1, 2, 3, 4] as const;
export type RouteStage = (typeof ROUTE_STAGES)[number];

export const ROUTE_STAGE_LABELS: Record<RouteStage, { 'zh-CN': string; en: string }> = {
  1: { 'zh-CN': '立项用地规划许可', en: 'Project approval, land use and planning permit' },
  2: { 'zh-CN': '工程建设许可', en: 'Construction project permit' },
  3: { 'zh-CN': '施工许可', en: 'Construction permit' },
  4: { 'zh-CN': '竣工验收', en: 'Completion acceptance' },
};

/** The names a template's stages get when none are given (the spec's four stages, zh-CN). */
export const DEFAULT_ROUTE_STAGE_NAMES: readonly string[] = ROUTE_STAGES.map(
  (stage) => ROUTE_STAGE_LABELS[stage]['zh-CN'],
);
/** The longest stage name a template keeps. */
export const MAX_ROUTE_STAGE_NAME = 50;

/** A stage's status: all items decided / may run now (or already running) / waits for an earlier stage. */
export const ROUTE_STAGE_STATUSES = ['done', 'open', 'planned'] as const;
export type RouteStageStatus = (typeof ROUTE_STAGE_STATUSES)[number];

/** The default total a route promises, in working days. */
export const DEFAULT_ROUTE_TARGET_DAYS = 60;
/** The national cap on a route's total (working days): a template may not promise more. */
export const MAX_ROUTE_TARGET_DAYS = 120;

/** One item of a template or of a project's route. */
export interface RouteItemSpec {
  itemCode: string;
  stage: number;
  /** Items of the same stage this one must follow (their codes). */
  after: readonly string[];
}

/** The default four-stage template of the spec (§2). */
export const DEFAULT_ROUTE_ITEMS: readonly RouteItemSpec[] = [
  { itemCode: 'FILING', stage: 1, after: [] },
  { itemCode: 'LAND_PRE', stage: 1, after: [] },
  { itemCode: 'ENERGY', stage: 1, after: [] },
  { itemCode: 'LAND_PLAN', stage: 1, after: ['LAND_PRE'] },
  { itemCode: 'PLAN_REVIEW', stage: 2, after: [] },
  { itemCode: 'BUILD_PLAN', stage: 2, after: ['PLAN_REVIEW'] },
  { itemCode: 'EIA', stage: 2, after: [] },
  { itemCode: 'FIRE', stage: 3, after: [] },
  { itemCode: 'CONSTRUCT', stage: 3, after: ['FIRE'] },
  { itemCode: 'JOINT_ACCEPT', stage: 4, after: [] },
];
export const DEFAULT_ROUTE_NAME = '工程建设项目审批（四阶段）';

/** Why a template (or a project's route) is refused; `rule` is the error catalog's code. */
export type RouteProblem =
  | { rule: 'route_empty' }
  | { rule: 'route_stage_invalid'; itemCode: string; stage: number }
  | { rule: 'route_item_duplicate'; itemCode: string }
  | { rule: 'route_after_unknown'; itemCode: string; after: string }
  | { rule: 'route_after_other_stage'; itemCode: string; after: string }
  | { rule: 'route_after_cycle'; cycle: string[] };

const isStage = (stage: number): stage is RouteStage => (ROUTE_STAGES as readonly number[]).includes(stage);

/**
 * The first cycle of `after` links among `items` (each link item → the one it follows), as the codes
 * along it with the first repeated at the end (`['A', 'B', 'A']`); null when acyclic. Links to codes
 * outside `items` are ignored.
 */
export function findAfterCycle(items: readonly RouteItemSpec[]): string[] | null {
  const byCode = new Map(items.map((item) => [item.itemCode, item]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (code: string): string[] | null => {
    const seen = state.get(code);
    if (seen === 'done') return null;
    if (seen === 'visiting') return [...path.slice(path.indexOf(code)), code];
    state.set(code, 'visiting');
    path.push(code);
    for (const next of byCode.get(code)?.after ?? []) {
      if (!byCode.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(code, 'done');
    return null;
  };
  for (const item of items) {
    const cycle = visit(item.itemCode);
    if (cycle) return cycle;
  }
  return null;
}

/**
 * Check a template or route: at least one item, stages 1–4, every item once, `after` only to items of
 * the same stage, no cycle. The first problem found, or null.
 */
export function validateRoute(items: readonly RouteItemSpec[]): RouteProblem | null {
  if (items.length === 0) return { rule: 'route_empty' };
  const byCode = new Map<string, RouteItemSpec>();
  for (const item of items) {
    if (!isStage(item.stage))
      return { rule: 'route_stage_invalid', itemCode: item.itemCode, stage: item.stage };
    if (byCode.has(item.itemCode)) return { rule: 'route_item_duplicate', itemCode: item.itemCode };
    byCode.set(item.itemCode, item);
  }
  for (const item of items) {
    for (const after of item.after) {
      const target = byCode.get(after);
      if (!target) return { rule: 'route_after_unknown', itemCode: item.itemCode, after };
      if (target.stage !== item.stage)
        return { rule: 'route_after_other_stage', itemCode: item.itemCode, after };
    }
  }
  const cycle = findAfterCycle(items);
  return cycle ? { rule: 'route_after_cycle', cycle } : null;
}

/**
 * The items of one stage in an order consistent with `after` (every item after those it follows);
 * among items free at the same time, the given order is kept. Throws on a cycle (validate first).
 */
export function stageOrder<T extends RouteItemSpec>(items: readonly T[]): T[] {
  const codes = new Set(items.map((item) => item.itemCode));
  const placed = new Set<string>();
  const ordered: T[] = [];
  while (ordered.length < items.length) {
    const next = items.find(
      (item) =>
        !placed.has(item.itemCode) && item.after.every((code) => placed.has(code) || !codes.has(code)),
    );
    if (!next) throw new Error(`after links form a cycle: ${findAfterCycle(items)?.join(' → ')}`);
    placed.add(next.itemCode);
    ordered.push(next);
  }
  return ordered;
}

/** The whole route in walking order: stage by stage, each stage in `stageOrder`. */
export function routeOrder<T extends RouteItemSpec>(items: readonly T[]): T[] {
  return ROUTE_STAGES.flatMap((stage) => stageOrder(items.filter((item) => item.stage === stage)));
}

/** An item of a project's route with what the route's status needs of its milestone. */
export interface RouteMilestone extends RouteItemSpec {
  state: MilestoneState;
  /** The business date of its first submission or acceptance (null while planned). */
  startedOn: IsoDate | null;
  /** The business date of its decision (null while undecided). */
  decidedOn: IsoDate | null;
}

export const isDecidedState = (state: MilestoneState) => DECIDED_STATES.includes(state);

/** A stage is done when every one of its items is decided (a stage without items is done). */
export function stageDone(items: readonly RouteMilestone[], stage: number): boolean {
  return items.filter((item) => item.stage === stage).every((item) => isDecidedState(item.state));
}

/** The items of a stage may start once every earlier stage is done (stage 1 at once). */
export function stageReady(items: readonly RouteMilestone[], stage: number): boolean {
  return ROUTE_STAGES.filter((earlier) => earlier < stage).every((earlier) => stageDone(items, earlier));
}

/** An item may start once its stage is ready and the items it follows are decided. */
export function itemReady(items: readonly RouteMilestone[], itemCode: string): boolean {
  const item = items.find((candidate) => candidate.itemCode === itemCode);
  if (!item) return false;
  const decided = new Set(
    items.filter((other) => isDecidedState(other.state)).map((other) => other.itemCode),
  );
  return stageReady(items, item.stage) && item.after.every((code) => decided.has(code));
}

/**
 * done: every item decided; open: may run now (earlier stages done) or something in it already started;
 * planned: waits for an earlier stage.
 */
export function stageStatus(items: readonly RouteMilestone[], stage: number): RouteStageStatus {
  if (stageDone(items, stage)) return 'done';
  const started = items.some((item) => item.stage === stage && item.startedOn !== null);
  return stageReady(items, stage) || started ? 'open' : 'planned';
}

export interface RouteDays {
  /** Working days from the first submission/acceptance to the last decision (all decided) or today. */
  used: number;
  targetDays: number;
  /** The first day counted from (null: nothing started, `used` is 0). */
  startedOn: IsoDate | null;
  /** The day counted to: the last decision when every item is decided, else today. */
  until: IsoDate | null;
  /** Every item decided. */
  finished: boolean;
  over: boolean;
}

/**
 * The route's working days used against its target, on the working-day calendar (days after the
 * first start up to the end, as the approval clock counts a deadline from acceptance).
 */
export function routeWorkingDays(
  calendar: WorkingCalendar,
  items: readonly RouteMilestone[],
  targetDays: number,
  today: IsoDate,
): RouteDays {
  const starts = items.map((item) => item.startedOn).filter((day): day is IsoDate => day !== null);
  const finished = items.length > 0 && items.every((item) => isDecidedState(item.state));
  if (starts.length === 0)
    return { used: 0, targetDays, startedOn: null, until: null, finished, over: false };
  const startedOn = starts.reduce((first, day) => (day < first ? day : first));
  const decisions = items.map((item) => item.decidedOn).filter((day): day is IsoDate => day !== null);
  const until =
    finished && decisions.length ? decisions.reduce((last, day) => (day > last ? day : last)) : today;
  const used = calendar.workingDaysAfterUpTo(startedOn, until);
  return { used, targetDays, startedOn, until, finished, over: used > targetDays };
}
