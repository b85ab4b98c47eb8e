import { describe, expect, it } from 'vitest';
import {
  durationModel,
  forecastStart,
  type ForecastItemState,
  type ForecastRouteItem,
  WorkingCalendar,
} from '@luodi/domain';
import { packageCalendarEntries } from '@luodi/server-core';
import type { TestStack } from '@luodi/testing';
import { addDays, createProject, shanghaiToday, type Tokens, useSignedInStack } from '../support/fixtures';

/**
 * The start forecast of a project (routes-and-forecast.md §3–4) through the built API on real
 * MariaDB: the dates equal a direct call of the engine with the same route and states (the demo's
 * duration history removed: promised days), the at-risk level, the Gantt's items, a department's scope, and
 * the refusals (no route, a future asOf).
 */
describe('GET /api/projects/:id/forecast (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  const today = shanghaiToday();
  const calendar = new WorkingCalendar(
    packageCalendarEntries().map((entry) => ({ date: entry.date, kind: entry.kind })),
  );
  // The last working day before today: every event of the test happened then.
  let previous = addDays(today, -1);
  while (!calendar.isWorkingDay(previous)) previous = addDays(previous, -1);

  useSignedInStack(async (started) => {
    ({ stack, tokens, zrzyj } = started);
    // The demo brings a duration history; these tests start without one (promised days) and add their own.
    await (await stack.database.dataSource()).query('DELETE FROM duration_history');
  });

  const ok = async (method: string, path: string, body?: unknown, token = tokens.bureau) => {
    const answer = await stack.call(method, path, { token, body });
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body;
  };
  const events = async (milestoneId: string, types: string[]) => {
    for (const [index, type] of types.entries())
      await ok('POST', `/api/milestones/${milestoneId}/events`, {
        type,
        at: `${previous}T${String(9 + index).padStart(2, '0')}:00:00+08:00`,
      });
  };

  it('answers the engine’s dates for the route and states, with the Gantt and the at-risk level', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj, {
      plannedStartDate: addDays(today, 14),
    });
    const view = await ok('POST', `/api/projects/${project.id}/route`, {});
    const routeItems = view.stages.flatMap((stage: any) => stage.items);
    const byCode = new Map<string, any>(routeItems.map((item: any) => [item.milestone.itemCode, item]));
    await events(byCode.get('FILING').milestone.id, ['submit', 'accept']);
    await events(byCode.get('LAND_PRE').milestone.id, ['submit', 'accept', 'approve']);

    const answer = await ok('GET', `/api/projects/${project.id}/forecast`, undefined, tokens.leader);
    const filing = answer.items.find((item: any) => item.itemCode === 'FILING');

    // The same inputs, by hand, to the engine directly.
    const state = (code: string): ForecastItemState => {
      if (code === 'LAND_PRE') return { state: 'decided', decidedOn: previous, rejected: false };
      if (code === 'FILING')
        return {
          state: 'accepted',
          acceptedOn: previous,
          elapsedWorkingDays: calendar.workingDaysAfterUpTo(previous, today),
          deadline: filing.deadline,
          extensionDays: 0,
        };
      return { state: 'planned' };
    };
    const route: ForecastRouteItem[] = routeItems.map((item: any) => ({
      code: item.milestone.itemCode,
      departmentId: String(item.milestone.departmentId),
      stage: item.stage,
      after: item.after,
      promisedDays: item.promisedDays,
      current: state(item.milestone.itemCode),
      model: durationModel([], item.promisedDays),
    }));
    const direct = forecastStart(route, today, calendar, { seed: 1 });
    expect(answer).toMatchObject({
      projectId: String(project.id),
      asOf: today,
      historyUsed: false,
      startableNow: false,
      promiseBound: direct.promiseBound,
      p50: direct.p50,
      p80: direct.p80,
      plannedStartDate: addDays(today, 14),
      // Even the promised limits of ten items cannot make a start in two weeks.
      atRisk: 2,
      hiddenItems: 0,
    });
    // api.md: bindingPath is the path's milestone ids in order; binding { milestoneId, itemCode, departmentId }.
    const milestoneOf = (code: string) => String(byCode.get(code).milestone.id);
    expect(answer.bindingPath).toEqual(direct.bindingPath.map((entry) => milestoneOf(entry.code)));
    expect(answer.bindingPath.at(-1)).toBe(milestoneOf('CONSTRUCT'));
    expect(answer.binding).toEqual({
      milestoneId: milestoneOf(direct.binding!.code),
      itemCode: direct.binding!.code,
      departmentId: direct.binding!.departmentId,
      itemName: expect.any(String),
      departmentName: expect.any(String),
    });
    expect(answer).not.toHaveProperty('bindingItemCode');
    for (const date of [answer.promiseBound, answer.p50, answer.p80])
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const item of answer.items) expect(item.milestoneId).toBe(milestoneOf(item.itemCode));
    // Without history the three dates agree.
    expect(answer.p50).toBe(answer.promiseBound);

    expect(answer.items).toHaveLength(10);
    expect(filing).toMatchObject({
      status: 'accepted',
      phase: 'open',
      acceptedOn: previous,
      forecastStart: previous,
      onBindingPath: expect.any(Boolean),
    });
    expect(answer.items.find((item: any) => item.itemCode === 'LAND_PRE')).toMatchObject({
      phase: 'decided',
      decidedOn: previous,
      plannedEnd: previous,
    });
    const construct = answer.items.find((item: any) => item.itemCode === 'CONSTRUCT');
    expect(construct).toMatchObject({ phase: 'waiting', onBindingPath: true, afterStart: false });
    expect(construct.plannedEnd).toBe(direct.promiseBound);
    expect(answer.items.find((item: any) => item.itemCode === 'JOINT_ACCEPT')).toMatchObject({
      afterStart: true,
      plannedStart: null,
    });
    const path = answer.items.filter((item: any) => item.onBindingPath).map((item: any) => item.itemCode);
    expect(path).toEqual(expect.arrayContaining(direct.bindingPath.map((entry) => entry.code)));

    // The same answer again (seeded), and an earlier asOf sees fewer events.
    expect(await ok('GET', `/api/projects/${project.id}/forecast`, undefined, tokens.leader)).toEqual(answer);
    const before = await ok('GET', `/api/projects/${project.id}/forecast?asOf=${addDays(previous, -1)}`);
    expect(before.items.find((item: any) => item.itemCode === 'LAND_PRE').phase).toBe('waiting');

    // A department sees its own items; the project's dates are the whole route's.
    const mine = await ok('GET', `/api/projects/${project.id}/forecast`, undefined, tokens.dept);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.hiddenItems).toBe(10 - mine.items.length);
    expect(mine.hiddenItems).toBeGreaterThan(0);
    expect(new Set(mine.items.map((item: any) => item.departmentId))).toEqual(new Set([zrzyj]));
    expect(mine).toMatchObject({ promiseBound: answer.promiseBound, p50: answer.p50, p80: answer.p80 });
    // The path and the binding are the whole route's too: ids of items the department cannot see stay.
    expect(mine).toMatchObject({ bindingPath: answer.bindingPath, binding: answer.binding });
  });

  it('takes the stored duration history: an item with 5+ observations moves P50 and P80', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj);
    const view = await ok('POST', `/api/projects/${project.id}/route`, {});
    const routeItems = view.stages.flatMap((stage: any) => stage.items);
    const eia = routeItems.find((item: any) => item.milestone.itemCode === 'EIA');
    // Six decided EIA applications at that department took 30 working days each (promised: fewer).
    const dataSource = await stack.database.dataSource();
    await dataSource.query(
      `INSERT INTO duration_history (as_of, item_code, department_id, finished, censored, histogram, computed_at)
       VALUES (?, 'EIA', ?, 6, 0, '[[30,6,0]]', UTC_TIMESTAMP(3))`,
      [today, eia.milestone.departmentId],
    );
    const answer = await ok('GET', `/api/projects/${project.id}/forecast`, undefined, tokens.leader);
    const route: ForecastRouteItem[] = routeItems.map((item: any) => ({
      code: item.milestone.itemCode,
      departmentId: String(item.milestone.departmentId),
      stage: item.stage,
      after: item.after,
      promisedDays: item.promisedDays,
      current: { state: 'planned' },
      model: durationModel(
        item.milestone.itemCode === 'EIA'
          ? Array.from({ length: 6 }, () => ({ days: 30, finished: true }))
          : [],
        item.promisedDays,
      ),
    }));
    const direct = forecastStart(route, today, calendar, { seed: 1 });
    expect(answer).toMatchObject({
      historyUsed: true,
      promiseBound: direct.promiseBound,
      p50: direct.p50,
      p80: direct.p80,
      binding: { itemCode: direct.binding!.code },
    });
    expect(answer.p50 > answer.promiseBound).toBe(true);
  });

  it('once CONSTRUCT is approved (started): the three dates null, startableSince, no path or binding', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj);
    const view = await ok('POST', `/api/projects/${project.id}/route`, {});
    const construct = view.stages
      .flatMap((stage: any) => stage.items)
      .find((item: any) => item.milestone.itemCode === 'CONSTRUCT');
    await events(construct.milestone.id, ['submit', 'accept', 'approve']);
    const answer = await ok('GET', `/api/projects/${project.id}/forecast`, undefined, tokens.leader);
    expect(answer).toMatchObject({
      startableNow: true,
      startableSince: previous,
      promiseBound: null,
      p50: null,
      p80: null,
      bindingPath: [],
      binding: null,
    });
  });

  it('refuses a project without a route (409 route_not_applied) and a future asOf', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj);
    const bare = await stack.call('GET', `/api/projects/${project.id}/forecast`, { token: tokens.leader });
    expect(bare.status).toBe(409);
    expect(bare.body.code).toBe('route_not_applied');
    const future = await stack.call('GET', `/api/projects/${project.id}/forecast?asOf=${addDays(today, 1)}`, {
      token: tokens.leader,
    });
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toContain('date_in_future');
    const unknown = await stack.call('GET', '/api/projects/999999999/forecast', { token: tokens.leader });
    expect(unknown.status).toBe(404);
  });
});
