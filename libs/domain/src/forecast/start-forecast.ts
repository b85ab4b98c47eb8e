import type { IsoDate } from '../business-time';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { type DurationModel, durationQuantile, sampleDuration, seededRandom } from './kaplan-meier';

/**
 * The start-date forecast (routes-and-forecast §3): the day CONSTRUCT would be decided, walking the
 * project's route stage by stage on the working-day calendar. Pure: the caller maps its persisted
 * route and the milestones' clocks onto these inputs (wiring, history, alerts and views come later).
 */
export const CONSTRUCT_ITEM_CODE = 'CONSTRUCT';

/** Where an item of the route stands today, as the milestone clock says. */
export type ForecastItemState =
  /** Not applied for yet (planned) or submitted and not accepted yet: both wait for acceptance. */
  | { state: 'planned' }
  | { state: 'submitted' }
  | {
      state: 'accepted';
      acceptedOn: IsoDate;
      /** Working days the clock has run since acceptance (suspended days not counted). */
      elapsedWorkingDays: number;
      /** The clock's deadline (promised days, extensions and suspensions included), when known. */
      deadline?: IsoDate | null;
      extensionDays?: number;
    }
  | {
      state: 'suspended';
      acceptedOn: IsoDate;
      /** Working days the clock ran before and between suspensions. */
      elapsedWorkingDays: number;
      extensionDays?: number;
    }
  | { state: 'decided'; decidedOn: IsoDate; rejected?: boolean };

export interface ForecastRouteItem {
  /** Catalog item code (FILING, PLAN_REVIEW, CONSTRUCT, …); unique within the route. */
  code: string;
  departmentId: string;
  /** 1..4; stage 4 (竣工验收) comes after the start and is ignored. */
  stage: number;
  /** Codes of items of the same stage this one must follow (others are ignored). */
  after: readonly string[];
  promisedDays: number;
  current: ForecastItemState;
  /** The item × department duration history (durationModel). */
  model: DurationModel;
}

export interface ForecastOptions {
  /** Monte-Carlo draws (default 2000). */
  draws?: number;
  /** PRNG seed (default 1): the same inputs give the same forecast. */
  seed?: number;
}

export interface BindingPathItem {
  code: string;
  departmentId: string;
  stage: number;
  /** The day the item starts (accepted, best case) in this scenario; the acceptance day when open. */
  startOn: IsoDate;
  /** The day it is decided in this scenario. */
  finishOn: IsoDate;
  /** Working days from today (or its start, when later) to its decision. */
  remainingDays: number;
}

export interface StartForecast {
  /** true when CONSTRUCT is approved: the project may start now. */
  startableNow: boolean;
  /** The approval day of CONSTRUCT when startable now. */
  startableSince: IsoDate | null;
  /** true when CONSTRUCT was rejected: no start date until a new application. */
  constructRejected: boolean;
  /** 承诺日期: every remaining item decided exactly at its promised limit. */
  promiseBound: IsoDate;
  p50: IsoDate;
  p80: IsoDate;
  /** 关键路径: upstream first, CONSTRUCT last (empty when startable now). */
  bindingPath: BindingPathItem[];
  /** The item on the path whose delay moves the start most (null when startable now). */
  binding: BindingPathItem | null;
}

interface Node {
  item: ForecastRouteItem;
  index: number;
  /** Indices of items this one waits for: its `after` items and every item of earlier stages. */
  sameStage: number[];
  earlier: number[];
}

/** The items that can matter (stages ≤ CONSTRUCT's), each with its predecessors, in walking order. */
function plan(route: readonly ForecastRouteItem[]): { nodes: Node[]; construct: number } {
  const construct = route.find((item) => item.code === CONSTRUCT_ITEM_CODE);
  if (!construct) throw new RangeError('start forecast: the route has no CONSTRUCT item');
  const kept = route.filter((item) => item.stage <= construct.stage);
  const codes = new Set<string>();
  for (const item of kept) {
    if (codes.has(item.code)) throw new RangeError(`start forecast: item ${item.code} twice in the route`);
    codes.add(item.code);
  }
  // Order: by stage, then topologically by `after` within the stage (a cycle is refused).
  const ordered: ForecastRouteItem[] = [];
  const stages = [...new Set(kept.map((item) => item.stage))].sort((a, b) => a - b);
  for (const stage of stages) {
    const inStage = kept.filter((item) => item.stage === stage);
    const names = new Set(inStage.map((item) => item.code));
    const done = new Set<string>();
    let left = inStage;
    while (left.length) {
      const ready = left.filter((item) => item.after.every((code) => !names.has(code) || done.has(code)));
      if (!ready.length)
        throw new RangeError(`start forecast: the after links of stage ${stage} form a cycle`);
      for (const item of ready) {
        ordered.push(item);
        done.add(item.code);
      }
      left = left.filter((item) => !done.has(item.code));
    }
  }
  const indexOf = new Map(ordered.map((item, index) => [item.code, index]));
  const nodes = ordered.map((item, index) => ({
    item,
    index,
    sameStage: item.after
      .map((code) => indexOf.get(code))
      .filter((other): other is number => other !== undefined && ordered[other]!.stage === item.stage),
    earlier: ordered.flatMap((other, otherIndex) => (other.stage < item.stage ? [otherIndex] : [])),
  }));
  return { nodes, construct: indexOf.get(CONSTRUCT_ITEM_CODE)! };
}

/**
 * One scenario, in working days after today (0 = today): for items waiting for acceptance the total
 * duration, for open items the working days still to run; decided items need nothing.
 */
type Scenario = number[];

interface Walked {
  start: number[];
  finish: number[];
}

/**
 * The walk. Decided items finish in the past (0 after clamping); open items (accepted, suspended)
 * finish after their remaining days whatever their predecessors; an item waiting for acceptance is
 * accepted, best case, the day its predecessors are done — every item of the earlier stages (a
 * stage may start once the previous ones are all decided) and its `after` items — but not before
 * today, and is decided `duration` working days later.
 */
function walk(nodes: readonly Node[], scenario: Scenario): Walked {
  const start = new Array<number>(nodes.length).fill(0);
  const finish = new Array<number>(nodes.length).fill(0);
  for (const node of nodes) {
    const state = node.item.current.state;
    if (state === 'decided') continue;
    if (state === 'accepted' || state === 'suspended') {
      finish[node.index] = scenario[node.index]!;
      continue;
    }
    let ready = 0;
    for (const other of node.earlier) ready = Math.max(ready, finish[other]!);
    for (const other of node.sameStage) ready = Math.max(ready, finish[other]!);
    start[node.index] = ready;
    finish[node.index] = ready + scenario[node.index]!;
  }
  return { start, finish };
}

const waiting = (item: ForecastRouteItem) =>
  item.current.state === 'planned' || item.current.state === 'submitted';

/**
 * The chain that determines CONSTRUCT's date in one scenario: from CONSTRUCT back, at each item
 * waiting for acceptance, the predecessor that finishes last; the chain stops at an item whose date
 * does not depend on a predecessor (open, decided, or started today because all its predecessors
 * are done by then). Ties between predecessors finishing the same day: an undecided one before a
 * decided one, then the same stage (`after`) before earlier stages, then the later stage, then the
 * one with more remaining days, then route order.
 */
function bindingChain(
  nodes: readonly Node[],
  walked: Walked,
  scenario: Scenario,
  construct: number,
): number[] {
  const chain = [construct];
  let current = nodes[construct]!;
  while (waiting(current.item)) {
    const candidates = [...current.sameStage, ...current.earlier];
    let best: number | null = null;
    const key = (index: number) => {
      const node = nodes[index]!;
      return [
        walked.finish[index]!,
        node.item.current.state === 'decided' ? 0 : 1,
        current.sameStage.includes(index) ? 1 : 0,
        node.item.stage,
        node.item.current.state === 'decided' ? 0 : scenario[index]!,
        -index,
      ];
    };
    for (const candidate of candidates) {
      if (best === null) {
        best = candidate;
        continue;
      }
      const [a, b] = [key(candidate), key(best)];
      const firstDifferent = a.findIndex((value, position) => value !== b[position]);
      if (firstDifferent >= 0 && a[firstDifferent]! > b[firstDifferent]!) best = candidate;
    }
    // Started today regardless of (or without) predecessors: the chain begins here.
    if (best === null || nodes[best]!.item.current.state === 'decided') break;
    if (walked.finish[best]! < walked.start[current.index]!) break;
    chain.unshift(best);
    current = nodes[best]!;
  }
  return chain;
}

/** Working days after today until an open item's promised limit (0 when overdue: decided today). */
function promisedRemaining(calendar: WorkingCalendar, today: IsoDate, item: ForecastRouteItem): number {
  const current = item.current;
  if (current.state === 'accepted' && current.deadline)
    return calendar.workingDaysAfterUpTo(today, current.deadline);
  if (current.state === 'accepted' || current.state === 'suspended')
    return Math.max(0, item.promisedDays + (current.extensionDays ?? 0) - current.elapsedWorkingDays);
  return item.promisedDays;
}

/** The scenario of one draw: `u(i)` gives item i's uniform number. */
function drawScenario(nodes: readonly Node[], u: (index: number) => number): Scenario {
  return nodes.map((node) => {
    const current = node.item.current;
    if (current.state === 'decided') return 0;
    if (current.state === 'accepted' || current.state === 'suspended') {
      const elapsed = current.elapsedWorkingDays;
      return sampleDuration(node.item.model, u(node.index), elapsed) - elapsed;
    }
    return sampleDuration(node.item.model, u(node.index), null);
  });
}

/**
 * The forecast for one project on `today`.
 *
 * **Promise-bound (承诺日期):** the walk with every remaining item at its promised limit: open accepted
 * items at their deadline (today when it has passed), suspended items as if resumed today (the
 * promised days not yet used, counted from today), items waiting for acceptance accepted the day
 * their predecessors are done and decided `promisedDays` later.
 *
 * **P50 / P80: a deterministic Monte-Carlo, not composed per-item quantiles.** Composing each item's
 * own P80 along the walk is biased: at a join of k parallel items, the chance that all finish by
 * their P80s is 0.8^k (three items: about 51%), while along a chain the sum of P80s overshoots. So
 * each of `draws` scenarios draws every remaining item's duration from its Kaplan–Meier distribution
 * (conditional on the working days an open item has already lasted; beyond the largest observation
 * the exponential tail of kaplan-meier.ts; the promised days without
 * history) with a seeded PRNG, walks the route, and the P50 / P80 dates are the nearest-rank 50th and
 * 80th percentiles of the drawn CONSTRUCT dates (the ⌈0.5·N⌉-th and ⌈0.8·N⌉-th smallest), so
 * P50 ≤ P80 always. The calibration tests (start-forecast.spec) check that about 80% of simulated
 * true starts fall on or before P80 (72–88%); on four parallel items composed per-item P80s cover
 * under half of them (on the full default route their errors happen to cancel — not a method).
 *
 * **The binding path (关键路径):** among the drawn scenarios whose CONSTRUCT date equals the P50 date,
 * the most frequent chain (bindingChain: at each join the predecessor finishing last); ties go to
 * the chain seen first. Its dates are those of the first such scenario. On it, `binding` is the item
 * with the most remaining working days (its delay moves the start most); ties go to the item
 * furthest upstream (the first to act on).
 *
 * **CONSTRUCT approved:** startable now — all three dates are today, `startableSince` its decision
 * day. CONSTRUCT rejected: `constructRejected`, the dates are today and no path (a new application is
 * needed before anything can be forecast).
 */
export function forecastStart(
  route: readonly ForecastRouteItem[],
  today: IsoDate,
  calendar: WorkingCalendar,
  options: ForecastOptions = {},
): StartForecast {
  const { nodes, construct } = plan(route);
  const constructState = nodes[construct]!.item.current;
  if (constructState.state === 'decided')
    return {
      startableNow: !constructState.rejected,
      startableSince: constructState.rejected ? null : constructState.decidedOn,
      constructRejected: Boolean(constructState.rejected),
      promiseBound: today,
      p50: today,
      p80: today,
      bindingPath: [],
      binding: null,
    };
  const dateOf = (ordinal: number) => calendar.addWorkingDays(today, ordinal);

  const promised = nodes.map((node) =>
    node.item.current.state === 'decided' ? 0 : promisedRemaining(calendar, today, node.item),
  );
  const promiseBound = walk(nodes, promised).finish[construct]!;

  const draws = options.draws ?? 2000;
  if (!Number.isInteger(draws) || draws < 1)
    throw new RangeError(`start forecast: draws must be ≥ 1, got ${draws}`);
  const random = seededRandom(options.seed ?? 1);
  const scenarios: Scenario[] = [];
  const finishes: number[] = [];
  for (let draw = 0; draw < draws; draw += 1) {
    const uniforms = nodes.map(() => random());
    const scenario = drawScenario(nodes, (index) => uniforms[index]!);
    scenarios.push(scenario);
    finishes.push(walk(nodes, scenario).finish[construct]!);
  }
  const sorted = [...finishes].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * draws) - 1)]!;
  const p50 = rank(0.5);
  const p80 = rank(0.8);

  // The most frequent chain among the scenarios landing on the P50 date.
  const chains = new Map<string, { count: number; chain: number[]; scenario: Scenario; walked: Walked }>();
  scenarios.forEach((scenario, draw) => {
    if (finishes[draw] !== p50) return;
    const walked = walk(nodes, scenario);
    const chain = bindingChain(nodes, walked, scenario, construct);
    const key = chain.join(',');
    const known = chains.get(key);
    if (known) known.count += 1;
    else chains.set(key, { count: 1, chain, scenario, walked });
  });
  let chosen: { count: number; chain: number[]; scenario: Scenario; walked: Walked } | null = null;
  for (const entry of chains.values()) if (!chosen || entry.count > chosen.count) chosen = entry;
  const { chain, walked } = chosen!;

  const bindingPath = chain.map((index): BindingPathItem => {
    const item = nodes[index]!.item;
    const current = item.current;
    const open = current.state === 'accepted' || current.state === 'suspended';
    return {
      code: item.code,
      departmentId: item.departmentId,
      stage: item.stage,
      startOn: open ? current.acceptedOn : dateOf(walked.start[index]!),
      finishOn: dateOf(walked.finish[index]!),
      remainingDays: walked.finish[index]! - walked.start[index]!,
    };
  });
  let binding: BindingPathItem | null = null;
  for (const entry of bindingPath)
    if (!binding || entry.remainingDays > binding.remainingDays) binding = entry;

  return {
    startableNow: false,
    startableSince: null,
    constructRejected: false,
    promiseBound: dateOf(promiseBound),
    p50: dateOf(p50),
    p80: dateOf(p80),
    bindingPath,
    binding,
  };
}

/**
 * The CONSTRUCT date of one given scenario: `durations` maps item codes to their total working days
 * from acceptance (for open items: from their acceptance, elapsed days included; missing codes take
 * their promised days; open items' deadlines and extensions are not consulted, unlike the
 * promise-bound date). For checks and what-if questions ("if PLAN_REVIEW takes 30 days…").
 */
export function startDateWith(
  route: readonly ForecastRouteItem[],
  today: IsoDate,
  calendar: WorkingCalendar,
  durations: ReadonlyMap<string, number>,
): IsoDate {
  const { nodes, construct } = plan(route);
  const constructState = nodes[construct]!.item.current;
  if (constructState.state === 'decided') return today;
  const scenario = nodes.map((node) => {
    const current = node.item.current;
    if (current.state === 'decided') return 0;
    const total = durations.get(node.item.code) ?? node.item.promisedDays;
    if (current.state === 'accepted' || current.state === 'suspended')
      return Math.max(0, total - current.elapsedWorkingDays);
    return total;
  });
  return calendar.addWorkingDays(today, walk(nodes, scenario).finish[construct]!);
}

/** The Gantt's three colours: decided; open (accepted or suspended: the clock runs or ran); waiting. */
export type ForecastPhase = 'decided' | 'open' | 'waiting';

export function forecastPhase(current: ForecastItemState): ForecastPhase {
  if (current.state === 'decided') return 'decided';
  return current.state === 'accepted' || current.state === 'suspended' ? 'open' : 'waiting';
}

/** One undecided item's bar in a deterministic walk: from its acceptance (real or best case) to its decision. */
export interface ScheduledItem {
  code: string;
  startOn: IsoDate;
  finishOn: IsoDate;
}

/**
 * The route as a Gantt: the walk of one deterministic scenario, per undecided item up to CONSTRUCT's
 * stage (decided items and later stages are not in the map; their real dates are the caller's).
 * `promised`: every remaining item at its promised limit (the walk of the promise-bound date);
 * `median`: each remaining item at its history's median (conditional on the days an open item has
 * lasted; promised days without history) — a readable picture of the P50 date, which itself comes
 * from the Monte-Carlo of forecastStart and may differ from this walk's CONSTRUCT date by a few days.
 * Open items start at their acceptance day.
 */
export function forecastSchedule(
  route: readonly ForecastRouteItem[],
  today: IsoDate,
  calendar: WorkingCalendar,
  mode: 'promised' | 'median',
): Map<string, ScheduledItem> {
  const { nodes } = plan(route);
  const scenario = nodes.map((node) => {
    const current = node.item.current;
    if (current.state === 'decided') return 0;
    if (mode === 'promised') return promisedRemaining(calendar, today, node.item);
    if (current.state === 'accepted' || current.state === 'suspended') {
      const elapsed = current.elapsedWorkingDays;
      return Math.max(0, durationQuantile(node.item.model, 0.5, elapsed) - elapsed);
    }
    return durationQuantile(node.item.model, 0.5, null);
  });
  const walked = walk(nodes, scenario);
  const schedule = new Map<string, ScheduledItem>();
  for (const node of nodes) {
    const current = node.item.current;
    if (current.state === 'decided') continue;
    const open = current.state === 'accepted' || current.state === 'suspended';
    schedule.set(node.item.code, {
      code: node.item.code,
      startOn: open ? current.acceptedOn : calendar.addWorkingDays(today, walked.start[node.index]!),
      finishOn: calendar.addWorkingDays(today, walked.finish[node.index]!),
    });
  }
  return schedule;
}
