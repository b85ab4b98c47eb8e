import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/working-calendar';
import type { MilestoneState } from '../approvals/milestone';
import {
  DEFAULT_ROUTE_ITEMS,
  findAfterCycle,
  itemReady,
  routeOrder,
  type RouteItemSpec,
  type RouteMilestone,
  routeWorkingDays,
  stageOrder,
  stageReady,
  stageStatus,
  validateRoute,
} from './route-template';

const item = (itemCode: string, stage: number, after: string[] = []): RouteItemSpec => ({
  itemCode,
  stage,
  after,
});

describe('validateRoute', () => {
  it('accepts the default four-stage template', () => {
    expect(validateRoute(DEFAULT_ROUTE_ITEMS)).toBeNull();
  });

  it('refuses an empty route, a bad stage and a duplicate item', () => {
    expect(validateRoute([])).toEqual({ rule: 'route_empty' });
    expect(validateRoute([item('A', 5)])).toEqual({ rule: 'route_stage_invalid', itemCode: 'A', stage: 5 });
    expect(validateRoute([item('A', 1), item('A', 2)])).toEqual({
      rule: 'route_item_duplicate',
      itemCode: 'A',
    });
  });

  it('refuses an after link to an item outside the route or in another stage', () => {
    expect(validateRoute([item('A', 1, ['X'])])).toEqual({
      rule: 'route_after_unknown',
      itemCode: 'A',
      after: 'X',
    });
    expect(validateRoute([item('A', 1), item('B', 2, ['A'])])).toEqual({
      rule: 'route_after_other_stage',
      itemCode: 'B',
      after: 'A',
    });
  });

  it('names the cycle', () => {
    expect(validateRoute([item('A', 1, ['C']), item('B', 1, ['A']), item('C', 1, ['B'])])).toEqual({
      rule: 'route_after_cycle',
      cycle: ['A', 'C', 'B', 'A'],
    });
    expect(findAfterCycle([item('A', 1, ['A'])])).toEqual(['A', 'A']);
    expect(findAfterCycle(DEFAULT_ROUTE_ITEMS)).toBeNull();
  });
});

describe('stageOrder / routeOrder', () => {
  it('puts every item after those it follows and keeps the given order otherwise', () => {
    expect(
      stageOrder([item('LAND_PLAN', 1, ['LAND_PRE']), item('FILING', 1), item('LAND_PRE', 1)]).map(
        (entry) => entry.itemCode,
      ),
    ).toEqual(['FILING', 'LAND_PRE', 'LAND_PLAN']);
    expect(routeOrder(DEFAULT_ROUTE_ITEMS).map((entry) => entry.itemCode)).toEqual([
      'FILING',
      'LAND_PRE',
      'ENERGY',
      'LAND_PLAN',
      'PLAN_REVIEW',
      'BUILD_PLAN',
      'EIA',
      'FIRE',
      'CONSTRUCT',
      'JOINT_ACCEPT',
    ]);
  });

  it('throws on a cycle', () => {
    expect(() => stageOrder([item('A', 1, ['B']), item('B', 1, ['A'])])).toThrow(/cycle/);
  });

  it('any acyclic template yields an order consistent with after (property)', () => {
    // An acyclic template: item i may follow only items j < i of its stage (then shuffled).
    const template = fc
      .array(
        fc.record({ stage: fc.integer({ min: 1, max: 4 }), links: fc.array(fc.nat(), { maxLength: 4 }) }),
        {
          minLength: 1,
          maxLength: 14,
        },
      )
      .map((entries) =>
        entries.map((entry, index) => {
          const earlier = entries
            .map((other, otherIndex) => ({ other, otherIndex }))
            .filter(({ other, otherIndex }) => otherIndex < index && other.stage === entry.stage);
          const after = [
            ...new Set(
              earlier.length
                ? entry.links.map((link) => `I${earlier[link % earlier.length]!.otherIndex}`)
                : [],
            ),
          ];
          return item(`I${index}`, entry.stage, after);
        }),
      );
    fc.assert(
      fc.property(template, fc.infiniteStream(fc.nat()), (items, seeds) => {
        const shuffled = [...items];
        const iterator = seeds[Symbol.iterator]();
        for (let index = shuffled.length - 1; index > 0; index -= 1) {
          const other = iterator.next().value! % (index + 1);
          [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
        }
        expect(validateRoute(shuffled)).toBeNull();
        const order = routeOrder(shuffled);
        expect(order).toHaveLength(shuffled.length);
        const position = new Map(order.map((entry, index) => [entry.itemCode, index]));
        for (const entry of order) {
          for (const before of entry.after)
            expect(position.get(before)!).toBeLessThan(position.get(entry.itemCode)!);
          // Stages in order.
          const index = position.get(entry.itemCode)!;
          if (index > 0) expect(order[index - 1]!.stage).toBeLessThanOrEqual(entry.stage);
        }
      }),
    );
  });

  it('any template with a cycle is refused, naming a real cycle (property)', () => {
    const cyclic = fc
      .integer({ min: 1, max: 6 })
      .map((length) =>
        Array.from({ length }, (_, index) => item(`C${index}`, 2, [`C${(index + 1) % length}`])),
      );
    fc.assert(
      fc.property(cyclic, (items) => {
        const problem = validateRoute(items);
        expect(problem?.rule).toBe('route_after_cycle');
        const cycle = problem && problem.rule === 'route_after_cycle' ? problem.cycle : [];
        expect(cycle[0]).toBe(cycle[cycle.length - 1]);
        for (let index = 0; index + 1 < cycle.length; index += 1) {
          const from = items.find((entry) => entry.itemCode === cycle[index])!;
          expect(from.after).toContain(cycle[index + 1]);
        }
      }),
    );
  });
});

const milestone = (
  spec: RouteItemSpec,
  state: MilestoneState,
  startedOn: string | null = null,
  decidedOn: string | null = null,
): RouteMilestone => ({ ...spec, state, startedOn, decidedOn });

describe('stage readiness and status', () => {
  const route = (states: Record<string, MilestoneState>) =>
    DEFAULT_ROUTE_ITEMS.map((spec) =>
      milestone(spec, states[spec.itemCode] ?? 'planned', states[spec.itemCode] ? '2026-11-02' : null),
    );

  it('stage 1 is ready at once; later stages once every earlier one is decided', () => {
    const fresh = route({});
    expect(stageReady(fresh, 1)).toBe(true);
    expect(stageReady(fresh, 2)).toBe(false);
    expect(stageStatus(fresh, 1)).toBe('open');
    expect(stageStatus(fresh, 2)).toBe('planned');
    const stageOneDone = route({
      FILING: 'approved',
      LAND_PRE: 'approved',
      ENERGY: 'rejected',
      LAND_PLAN: 'deemed_approved',
    });
    expect(stageStatus(stageOneDone, 1)).toBe('done');
    expect(stageReady(stageOneDone, 2)).toBe(true);
    expect(stageStatus(stageOneDone, 2)).toBe('open');
    expect(stageStatus(stageOneDone, 3)).toBe('planned');
  });

  it('a stage with a started item is open even before its turn', () => {
    const early = route({ FIRE: 'accepted' });
    expect(stageStatus(early, 3)).toBe('open');
    expect(stageReady(early, 3)).toBe(false);
  });

  it('an item waits for the items it follows', () => {
    const landPreOpen = route({ LAND_PRE: 'accepted' });
    expect(itemReady(landPreOpen, 'FILING')).toBe(true);
    expect(itemReady(landPreOpen, 'LAND_PLAN')).toBe(false);
    expect(itemReady(route({ LAND_PRE: 'approved' }), 'LAND_PLAN')).toBe(true);
    expect(itemReady(landPreOpen, 'NOT_THERE')).toBe(false);
  });
});

describe('routeWorkingDays', () => {
  // National Day 2026: Oct 1–7 off, Sep 27 (Sun) and Oct 10 (Sat) worked.
  const calendar = new WorkingCalendar([
    ...['01', '02', '03', '04', '05', '06', '07'].map((day) => ({
      date: `2026-10-${day}`,
      kind: 'holiday' as const,
    })),
    { date: '2026-09-27', kind: 'workday' as const },
    { date: '2026-10-10', kind: 'workday' as const },
  ]);
  const a = item('A', 1);
  const b = item('B', 1);

  it('counts on the working-day calendar, not the weekday, up to today while open', () => {
    const days = routeWorkingDays(
      calendar,
      [milestone(a, 'approved', '2026-09-25', '2026-09-30'), milestone(b, 'accepted', '2026-09-28')],
      60,
      '2026-10-12',
    );
    // After Fri Sep 25 up to Mon Oct 12: Sep 27, 28, 29, 30, Oct 8, 9, 10, 12 = 8.
    expect(days).toMatchObject({
      used: 8,
      startedOn: '2026-09-25',
      until: '2026-10-12',
      finished: false,
      over: false,
    });
  });

  it('stops at the last decision (Sep 27–30, Oct 8, 9) once every item is decided, and flags a route over its target', () => {
    const days = routeWorkingDays(
      calendar,
      [
        milestone(a, 'approved', '2026-09-25', '2026-09-30'),
        milestone(b, 'rejected', '2026-09-28', '2026-10-09'),
      ],
      5,
      '2026-12-01',
    );
    expect(days).toMatchObject({ used: 6, until: '2026-10-09', finished: true, over: true, targetDays: 5 });
  });

  it('is 0 before anything started', () => {
    expect(routeWorkingDays(calendar, [milestone(a, 'planned')], 60, '2026-10-12')).toMatchObject({
      used: 0,
      startedOn: null,
    });
  });
});
