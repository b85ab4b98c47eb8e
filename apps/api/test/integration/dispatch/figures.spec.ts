import { describe, expect, it } from 'vitest';
import { addDays, download } from '../support/fixtures';
import { workingDaysBetween } from '../support/calendar';
import { newProject, problems, stack, today, tokens, useDispatchStack, zrzyj } from './support';

/** dispatch.md §4: `problems` in the summary, the scorecard's two columns, the 问题清单 sheet. */
describe('dispatch figures', () => {
  useDispatchStack();

  it('answers problems in the summary equal to the data, the scorecard rates and the report sheet', async () => {
    // Only this test's problems (the stack's own database: the demo's dispatch data removed).
    const dataSource = await stack.database.dataSource();
    for (const table of ['meeting_decision', 'notice', 'problem'])
      await dataSource.query(`DELETE FROM ${table}`);
    const project = await newProject();
    // Closed in time (due in 30 days), and closed late (due 10 days ago, raised 20 days ago).
    const inTime = await problems.raise(
      problems.body(project.id, { category: 'land', raisedAt: addDays(today, -5) }),
    );
    const late = await problems.raise(
      problems.body(project.id, {
        category: 'land',
        raisedAt: addDays(today, -20),
        dueDate: addDays(today, -10),
      }),
    );
    for (const problem of [inTime, late]) {
      await problems.move(problem.id, 'start', '方案', tokens.dept);
      await problems.move(problem.id, 'resolve', '办结', tokens.dept);
      await problems.move(problem.id, 'close', undefined, tokens.bureau);
    }
    await problems.raise(
      problems.body(project.id, {
        category: 'energy',
        raisedAt: addDays(today, -9),
        dueDate: addDays(today, -2),
      }),
    );
    await problems.raise(problems.body(project.id, { category: 'energy' }));

    const summary = await stack.call('GET', '/api/dashboard/summary', { token: tokens.leader });
    expect(summary.status).toBe(200);
    const figures = summary.body.problems;
    expect(figures).toMatchObject({ open: 2, overdue: 1, closedInPeriod: 2, onTimeRate: 0.5 });
    const days = [
      workingDaysBetween(addDays(today, -5), today),
      workingDaysBetween(addDays(today, -20), today),
    ];
    expect(figures.medianWorkingDaysToClose).toBe((days[0]! + days[1]!) / 2);
    expect(figures.byCategory).toEqual([{ category: 'energy', open: 2, overdue: 1 }]);
    expect(figures.byOwner).toEqual([
      { departmentId: zrzyj, departmentName: expect.any(String), open: 2, overdue: 1 },
    ]);
    // The drill-down lists total the figures.
    const total = async (query: string) =>
      (await stack.call('GET', `/api/problems?${query}`, { token: tokens.leader })).body.total;
    expect(await total('open=true')).toBe(figures.open);
    expect(await total('overdue=true')).toBe(figures.overdue);
    expect(await total('category=energy&open=true&overdue=false')).toBe(1);

    const scorecard = await stack.call('GET', '/api/dashboard/departments', { token: tokens.leader });
    const own = scorecard.body.items.find((row: any) => row.departmentId === zrzyj);
    expect(own).toMatchObject({ problemOnTimeRate: 0.5, noticeOnTimeRate: null });

    const report = await download(stack, tokens.leader, `/api/dashboard/report?month=${today.slice(0, 7)}`);
    expect(report.status).toBe(200);
    const sheet = report.workbook!.getWorksheet('问题清单');
    expect(sheet).toBeDefined();
    expect(sheet!.getRow(1).getCell(1).value).toBe('问题编号');
    expect(sheet!.rowCount - 1).toBe(figures.open);
  });
});
