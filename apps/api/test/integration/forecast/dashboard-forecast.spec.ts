import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '@luodi/domain';
import { packageCalendarEntries } from '@luodi/server-core';
import type { TestStack } from '@luodi/testing';
import { addDays, createProject, shanghaiToday, type Tokens, useSignedInStack } from '../support/fixtures';

/**
 * The cockpit's 预计开工 (`GET /api/dashboard/forecast`) through the built API on real MariaDB: its
 * months and at-risk list equal an independent aggregation of the per-project forecasts
 * (`GET /api/projects/:id/forecast` of every visible project), for the district and for a department.
 */
describe('GET /api/dashboard/forecast (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  let fgj: string;
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));

  useSignedInStack((started) => {
    ({ stack, tokens, zrzyj, fgj } = started);
  });

  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const answer = await stack.call(method, path, { token, body });
    expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body;
  };

  /** The same figures computed from the per-project endpoint, as the given caller. */
  const independently = async (token: string) => {
    const projects: any[] = [];
    for (let page = 1; ; page += 1) {
      const list = await ok('GET', `/api/projects?page=${page}&pageSize=200`, token);
      projects.push(...list.items);
      if (projects.length >= list.total || list.items.length === 0) break;
    }
    const forecasts: any[] = [];
    /** Every unstarted routed project's forecast, whatever the year: the at-risk list draws on all. */
    const unstarted: any[] = [];
    for (const project of projects) {
      const answer = await stack.call('GET', `/api/projects/${project.id}/forecast`, { token });
      if (answer.status === 409) continue; // no route
      expect(answer.status).toBe(200);
      const forecast = answer.body;
      if (forecast.p50 === null) continue; // started
      unstarted.push({ ...forecast, projectName: project.name });
      if (!forecast.p50.startsWith(String(year)) && !(forecast.plannedStartBy ?? '').startsWith(String(year)))
        continue;
      forecasts.push({ ...forecast, projectName: project.name });
    }
    const byMonth = Array.from({ length: 12 }, (_, index) => {
      const month = `${year}-${String(index + 1).padStart(2, '0')}`;
      // The planned start: plannedStartDate, or a key work's planned month (plannedStartBy is its end).
      const plannedIds = forecasts
        .filter((f) => (f.plannedStartBy ?? '').startsWith(month))
        .map((f) => f.projectId);
      const p50Ids = forecasts.filter((f) => f.p50.startsWith(month)).map((f) => f.projectId);
      return { month, planned: plannedIds.length, p50: p50Ids.length, plannedIds, p50Ids };
    });
    const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
    const atRisk = unstarted
      .filter((f) => f.atRisk > 0)
      .map((f) => ({
        projectId: f.projectId,
        projectName: f.projectName,
        p80: f.p80,
        plannedStartDate: f.plannedStartBy,
        plannedStartMonth: f.plannedStartMonth,
        daysLate: days(f.plannedStartBy, f.p80),
        level: f.atRisk,
        binding: f.binding,
      }))
      .sort((a, b) => b.daysLate - a.daysLate || b.level - a.level || (a.projectId < b.projectId ? -1 : 1))
      .slice(0, 10);
    return { projects: forecasts.length, byMonth, atRisk, forecasts };
  };
  const yearForecasts = async (token: string) => (await independently(token)).forecasts;

  it('equals the per-project forecasts aggregated, district-wide and for a department', async () => {
    // Projects planned to start in this year's months (late ones at risk) and one without a route.
    const planned = [14, 30, 60, 90, 200].map((days) => addDays(today, days));
    for (const [index, plannedStartDate] of planned.entries()) {
      const lead = index % 2 === 0 ? zrzyj : fgj;
      const project = await createProject(stack, tokens.bureau, lead, { plannedStartDate });
      await ok('POST', `/api/projects/${project.id}/route`, tokens.bureau, {});
    }
    await createProject(stack, tokens.bureau, zrzyj, { plannedStartDate: addDays(today, 20) });

    for (const token of [tokens.leader, tokens.dept]) {
      const answer = await ok('GET', `/api/dashboard/forecast?year=${year}`, token);
      const { forecasts, ...expected } = await independently(token);
      expect(answer.projects).toBe(forecasts.length);
      expect(answer).toMatchObject({ year, asOf: today, ...expected });
      expect(answer.byMonth).toHaveLength(12);
      // Each month bar drills to exactly its projects: the projects list filtered by its ids.
      for (const month of answer.byMonth)
        for (const ids of [month.plannedIds, month.p50Ids]) {
          if (ids.length === 0) continue;
          const list = await ok('GET', `/api/projects?ids=${ids.join(',')}&pageSize=100`, token);
          expect(list.total).toBe(ids.length);
          expect(list.items.map((p: any) => p.id).sort()).toEqual([...ids].sort());
        }
    }
    const district = await ok('GET', `/api/dashboard/forecast?year=${year}`, tokens.leader);
    expect(district.atRisk.length).toBeGreaterThan(0);
    expect(district.atRisk[0].binding).toMatchObject({ itemCode: expect.any(String) });
    // Route time per department: working days from its first acceptance on a route to its last
    // decision (or today), by the package calendar, median over the routes (targetDays 60 by default).
    const calendar = new WorkingCalendar(
      packageCalendarEntries().map((entry) => ({ date: entry.date, kind: entry.kind })),
    );
    const used = new Map<string, number[]>();
    for (const { projectId } of await yearForecasts(tokens.leader)) {
      const forecast = await ok('GET', `/api/projects/${projectId}/forecast`, tokens.leader);
      const departments = new Set<string>(forecast.items.map((item: any) => item.departmentId));
      for (const departmentId of departments) {
        const items = forecast.items.filter((i: any) => i.departmentId === departmentId && !i.afterStart);
        const starts = items
          .map((i: any) => i.acceptedOn ?? i.decidedOn)
          .filter(Boolean)
          .sort();
        if (starts.length === 0) continue;
        const open = items.some((i: any) => i.decidedOn === null);
        const until = open
          ? today
          : items
              .map((i: any) => i.decidedOn)
              .sort()
              .at(-1);
        used.set(departmentId, [
          ...(used.get(departmentId) ?? []),
          calendar.workingDaysAfterUpTo(starts[0], until),
        ]);
      }
    }
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    };
    expect(
      Object.fromEntries(
        district.routeDaysByDepartment.map((row: any) => [row.departmentId, row.medianUsedDays]),
      ),
    ).toEqual(Object.fromEntries([...used].map(([id, values]) => [id, median(values)])));
    for (const row of district.routeDaysByDepartment) expect(row.medianTargetDays).toBe(60);
  });

  it('refuses a future asOf', async () => {
    const answer = await stack.call('GET', `/api/dashboard/forecast?asOf=${addDays(today, 2)}`, {
      token: tokens.leader,
    });
    expect(answer.status).toBe(400);
  });
});
