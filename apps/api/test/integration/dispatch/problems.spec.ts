import { describe, expect, it } from 'vitest';
import { addDays, download, expectError } from '../support/fixtures';
import { fgj, newProject, problems, stack, today, tokens, useDispatchStack, zrzyj } from './support';

describe('problems (问题清单, dispatch.md §1) through the built API on real MariaDB', () => {
  useDispatchStack();

  it('raises a problem of a project with a WT-YYYY-NNNN code, owner, co-owners and a raised event', async () => {
    const project = await newProject();
    const problem = await problems.raise(
      problems.body(project.id, { coDepartmentIds: [fgj], leadOfficial: '王副区长' }),
    );
    expect(problem.code).toMatch(new RegExp(`^WT-${today.slice(0, 4)}-\\d{4}$`));
    expect(problem).toMatchObject({
      status: 'open',
      raisedAt: today,
      ownerDepartmentId: zrzyj,
      coDepartments: [{ id: fgj }],
      leadOfficial: '王副区长',
      projectId: project.id,
      overdue: false,
    });
    expect(problem.events).toEqual([expect.objectContaining({ type: 'raised', toStatus: 'open' })]);
    const audit = await stack.call('GET', `/api/audit?entityType=problem&entityId=${problem.id}`, {
      token: tokens.admin,
    });
    expect(audit.status).toBe(200);
    expect(audit.body.items.length).toBeGreaterThan(0);
  });

  it('raises a problem of a key work (its project is the key work’s)', async () => {
    const project = await newProject();
    const keyWork = await stack.call('POST', '/api/key-works', {
      token: tokens.bureau,
      body: { projectId: project.id, year: Number(today.slice(0, 4)), annualPlanInvestment: '1000.00' },
    });
    expect(keyWork.status).toBe(201);
    const problem = await problems.raise(
      problems.body(keyWork.body.id, { subjectType: 'key_work', category: 'funding' }),
    );
    expect(problem).toMatchObject({ subjectType: 'key_work', projectId: project.id, category: 'funding' });
  });

  it('gives 20 problems raised at the same moment 20 distinct consecutive codes', async () => {
    const project = await newProject();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        stack.call('POST', '/api/problems', { token: tokens.bureau, body: problems.body(project.id) }),
      ),
    );
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const numbers = answers.map((answer) => Number(String(answer.body.code).slice(-4))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers[19]! - numbers[0]!).toBe(19);
  });

  it('refuses bad input naming the field and the rule, and changes nothing (§5)', async () => {
    const project = await newProject();
    const count = async () =>
      (await stack.call('GET', '/api/problems?pageSize=1', { token: tokens.bureau })).body.total;
    const before = await count();
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ raisedAt: addDays(today, -5), dueDate: addDays(today, -6) }, 400, 'dueDate'],
      [{ ownerDepartmentId: '999999999' }, 400, 'ownerDepartmentId'],
      [{ coDepartmentIds: ['999999999'] }, 400, 'coDepartmentIds'],
      [{ raisedAt: addDays(today, 1) }, 400, 'raisedAt'],
      [{ category: 'weather' }, 400, 'category'],
      [{ description: 'x'.repeat(2001) }, 400, 'description'],
      [{ dueDate: '2026-02-30' }, 400, 'dueDate'],
      [{ subjectId: '999999999' }, 404, 'project 999999999'],
      [{ subjectType: 'key_work', subjectId: '999999999' }, 404, 'key work 999999999'],
    ];
    for (const [overrides, status, field] of cases) {
      const answer = await stack.call('POST', '/api/problems', {
        token: tokens.bureau,
        body: problems.body(project.id, overrides),
      });
      expectError(answer, status, field);
    }
    const due = await stack.call('POST', '/api/problems', {
      token: tokens.bureau,
      body: problems.body(project.id, { raisedAt: addDays(today, -5), dueDate: addDays(today, -6) }),
    });
    expect(due.body.code).toBe('due_date_before_raised');
    const unknown = await stack.call('POST', '/api/problems', {
      token: tokens.bureau,
      body: problems.body(project.id, { ownerDepartmentId: '999999999' }),
    });
    expect(unknown.body.code).toBe('unknown_department');
    expect(await count()).toBe(before);
    // A department user does not raise problems.
    expectError(
      await stack.call('POST', '/api/problems', { token: tokens.dept, body: problems.body(project.id) }),
      403,
    );
  });

  it('runs the state machine per role: 403 by role, 409 in the wrong state, history and audit', async () => {
    const project = await newProject();
    const problem = await problems.raise(problems.body(project.id));
    // Wrong role: the bureau and a leader do not start work; the department does not close.
    expectError(await problems.move(problem.id, 'start', '方案', tokens.bureau), 403, 'owner department');
    expectError(await problems.move(problem.id, 'start', '方案', tokens.leader), 403);
    expectError(await problems.move(problem.id, 'close', undefined, tokens.dept), 403, 'bureau or a leader');
    // Wrong state.
    expectError(await problems.move(problem.id, 'resolve', '已解决', tokens.dept), 409, 'open');
    expectError(await problems.move(problem.id, 'close', undefined, tokens.bureau), 409, 'open');
    // Missing text.
    expectError(await problems.move(problem.id, 'start', undefined, tokens.dept), 400, 'text');
    expectError(await problems.move(problem.id, 'finish', 'x', tokens.dept), 400, 'action');
    expect((await problems.get(problem.id)).events).toHaveLength(1);

    let answer = await problems.move(problem.id, 'start', '协调国土指标', tokens.dept);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ status: 'in_progress', actions: ['resolve'] });
    answer = await problems.move(problem.id, 'resolve', '指标已落实', tokens.dept);
    expect(answer.body).toMatchObject({ status: 'resolved', resolvedOn: today, actions: [] });
    // 复核不通过: back to in_progress with a reason.
    expectError(await problems.move(problem.id, 'reject', undefined, tokens.leader), 400, 'text');
    answer = await problems.move(problem.id, 'reject', '未见批文', tokens.leader);
    expect(answer.body).toMatchObject({ status: 'in_progress', resolvedOn: null });
    await problems.move(problem.id, 'resolve', '批文已下达', tokens.dept);
    answer = await problems.move(problem.id, 'close', undefined, tokens.bureau);
    expect(answer.body).toMatchObject({ status: 'closed', closedOn: today });
    expectError(await problems.move(problem.id, 'reject', '再审', tokens.bureau), 409, 'closed');
    const detail = await problems.get(problem.id);
    expect(detail.events.map((event: { type: string }) => event.type)).toEqual([
      'raised',
      'start',
      'resolve',
      'reject',
      'resolve',
      'close',
    ]);
    expect(detail.events[3]).toMatchObject({
      fromStatus: 'resolved',
      toStatus: 'in_progress',
      text: '未见批文',
    });
    const audit = await stack.call('GET', `/api/audit?entityType=problem_event&pageSize=200`, {
      token: tokens.admin,
    });
    expect(audit.status).toBe(200);
    expect(audit.body.total).toBeGreaterThanOrEqual(6);
  });

  it('a department sees its own and co-owned problems; another department’s is 404 and unchanged', async () => {
    const project = await newProject(fgj);
    const other = await problems.raise(problems.body(project.id, { ownerDepartmentId: fgj }));
    const coOwned = await problems.raise(
      problems.body(project.id, { ownerDepartmentId: fgj, coDepartmentIds: [zrzyj] }),
    );
    const own = await problems.raise(problems.body(project.id));
    expectError(await stack.call('GET', `/api/problems/${other.id}`, { token: tokens.dept }), 404);
    const refused = await problems.move(other.id, 'start', '方案', tokens.dept);
    expectError(refused, 404);
    expect(refused.body.message).toBe(`problem ${other.id} not found`);
    expect((await problems.get(other.id)).status).toBe('open');
    // Co-owned: visible, but only the owner moves it.
    expect((await problems.get(coOwned.id, tokens.dept)).actions).toEqual([]);
    expectError(await problems.move(coOwned.id, 'start', '方案', tokens.dept), 403);
    const list = await stack.call('GET', `/api/problems?projectId=${project.id}`, { token: tokens.dept });
    expect(list.body.items.map((item: { id: string }) => item.id).sort()).toEqual(
      [coOwned.id, own.id].sort(),
    );
    expect(list.body.total).toBe(2);
    // Asking for another department's problems gives none of them.
    const asked = await stack.call('GET', `/api/problems?projectId=${project.id}&ownerDepartmentId=${fgj}`, {
      token: tokens.dept,
    });
    expect(asked.body.items.map((item: { id: string }) => item.id)).toEqual([coOwned.id]);
  });

  it('filters by category, owner, status, overdue and subject, pages, and exports the filtered list', async () => {
    const project = await newProject();
    const a = await problems.raise(problems.body(project.id, { category: 'energy' }));
    const b = await problems.raise(
      problems.body(project.id, {
        category: 'energy',
        ownerDepartmentId: fgj,
        raisedAt: addDays(today, -20),
        dueDate: addDays(today, -10),
      }),
    );
    await problems.raise(problems.body(project.id, { category: 'policy' }));
    const list = (query: string) =>
      stack.call('GET', `/api/problems?subjectType=project&subjectId=${project.id}&${query}`, {
        token: tokens.bureau,
      });
    expect((await list('category=energy')).body.total).toBe(2);
    expect((await list(`category=energy&ownerDepartmentId=${fgj}`)).body.items.map((i: any) => i.id)).toEqual(
      [b.id],
    );
    const overdue = await list('overdue=true');
    expect(overdue.body.items.map((i: any) => i.id)).toEqual([b.id]);
    expect(overdue.body.items[0]).toMatchObject({ overdue: true });
    expect(overdue.body.items[0].overdueWorkingDays).toBeGreaterThan(0);
    expect((await list('overdue=false')).body.total).toBe(2);
    expect((await list('status=open&pageSize=2&page=2')).body).toMatchObject({ total: 3 });
    expect((await list('status=open&pageSize=2&page=2')).body.items).toHaveLength(1);
    expectError(await list('overdue=maybe'), 400, 'overdue');
    expectError(await list('status=done'), 400, 'status');
    const file = await download(
      stack,
      tokens.bureau,
      `/api/problems/export?projectId=${project.id}&category=energy`,
    );
    expect(file.status).toBe(200);
    const sheet = file.workbook!.getWorksheet('问题清单')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('问题编号');
    const codes = [2, 3].map((row) => sheet.getRow(row).getCell(1).value).sort();
    expect(codes).toEqual([a.code, b.code].sort());
    expect(sheet.rowCount).toBe(3);
    expect((await download(stack, tokens.dept, '/api/problems/export')).status).toBe(403);
  });

  it('raises problem_overdue at level 2 the day after the due date, level 3 after 3 working days', async () => {
    const project = await newProject();
    const late = await problems.raise(
      problems.body(project.id, { raisedAt: addDays(today, -30), dueDate: addDays(today, -14) }),
    );
    const fresh = await problems.raise(
      problems.body(project.id, { raisedAt: addDays(today, -3), dueDate: addDays(today, -1) }),
    );
    const run = await stack.call('POST', '/api/checks/run', { token: tokens.admin });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const alerts = await stack.call('GET', '/api/alerts?kind=problem_overdue&pageSize=200', {
      token: tokens.bureau,
    });
    expect(alerts.status, JSON.stringify(alerts.body)).toBe(200);
    const of = (id: string) => alerts.body.items.find((alert: any) => alert.subjectId === id);
    expect(of(late.id)).toMatchObject({
      subjectType: 'problem',
      level: 3,
      departmentId: zrzyj,
      projectId: project.id,
    });
    expect(of(fresh.id)).toMatchObject({ subjectType: 'problem', level: 2 });
    // Resolving it clears the alert at the next run.
    await problems.move(fresh.id, 'start', '方案', tokens.dept);
    await problems.move(fresh.id, 'resolve', '已办结', tokens.dept);
    await stack.call('POST', '/api/checks/run', { token: tokens.admin });
    const after = await stack.call('GET', `/api/alerts?kind=problem_overdue&pageSize=200`, {
      token: tokens.bureau,
    });
    expect(after.body.items.find((alert: any) => alert.subjectId === fresh.id)?.status ?? 'resolved').toBe(
      'resolved',
    );
  });
});
