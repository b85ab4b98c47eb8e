import { describe, expect, it } from 'vitest';
import { addDays, expectError } from '../support/fixtures';
import { isWorkingDay, workingDaysBetween } from '../support/calendar';
import { fetchDocx } from './docx-read';
import { fgj, newProject, problems, stack, today, tokens, useDispatchStack } from './support';

/** The date `n` working days after `date` (by the holiday data package). */
function workingDaysAfter(date: string, n: number): string {
  let day = date;
  for (let left = n; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

/** Supervision notices (dispatch.md §3) through the built API on real MariaDB. */
describe('supervision notices (督办函)', () => {
  useDispatchStack();
  const year = today.slice(0, 4);
  let late: { id: string; code: string };
  const issue = (body: Record<string, unknown>, token = tokens.bureau) =>
    stack.call('POST', '/api/notices', { token, body });

  it('gives 50 notices issued at the same moment 50 distinct consecutive numbers 〔YYYY〕督字第N号', async () => {
    const project = await newProject();
    late = await problems.raise(
      problems.body(project.id, { raisedAt: addDays(today, -30), dueDate: addDays(today, -12) }),
    );
    // The demo district has issued some this year already: the 50 follow them.
    const dataSource = await stack.database.dataSource();
    const [{ n: before }] = (await dataSource.query('SELECT COUNT(*) AS n FROM notice WHERE year = ?', [
      Number(year),
    ])) as Array<{ n: string }>;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        issue(
          { sourceType: 'problem', sourceId: late.id, measures: `整改要求${index}` },
          index % 2 ? tokens.bureau : tokens.leader,
        ),
      ),
    );
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const numbers = answers.map((answer) => {
      const match = /^〔(\d{4})〕督字第(\d+)号$/.exec(answer.body.number);
      expect(match?.[1]).toBe(year);
      return Number(match![2]);
    });
    expect(new Set(numbers).size).toBe(50);
    expect([...numbers].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => Number(before) + i + 1),
    );
    const notice = answers[0]!.body;
    expect(notice).toMatchObject({
      status: 'issued',
      sourceType: 'problem',
      departmentId: (await stack.call('GET', `/api/problems/${late.id}`, { token: tokens.bureau })).body
        .ownerDepartmentId,
      issuedOn: today,
      replyDueDate: workingDaysAfter(today, 3),
    });
    expect(notice.facts).toContain(late.code);
    expect(notice.facts).toContain(`已逾期${workingDaysBetween(addDays(today, -12), today)}个工作日`);
  });

  it('refuses bad sources and dates naming the rule (§5)', async () => {
    const project = await newProject();
    const fresh = await problems.raise(problems.body(project.id));
    const notOverdue = await issue({ sourceType: 'problem', sourceId: fresh.id, measures: '整改' });
    expectError(notOverdue, 400, 'sourceId');
    expect(notOverdue.body.code).toBe('problem_not_overdue');
    expectError(await issue({ sourceType: 'problem', sourceId: '999999999', measures: '整改' }), 404);
    expectError(await issue({ sourceType: 'decision', sourceId: '999999999', measures: '整改' }), 404);
    expectError(await issue({ sourceType: 'alert', sourceId: '999999999', measures: '整改' }), 404);
    expectError(
      await issue({ sourceType: 'letter', sourceId: late.id, measures: '整改' }),
      400,
      'sourceType',
    );
    expectError(
      await issue({
        sourceType: 'problem',
        sourceId: late.id,
        measures: '整改',
        replyDueDate: addDays(today, -1),
      }),
      400,
      'replyDueDate',
    );
    expectError(
      await issue({ sourceType: 'problem', sourceId: late.id, measures: '整改' }, tokens.dept),
      403,
    );
  });

  it('issues from a level-3 alert; the addressee signs for it and replies; others get 404/403/409', async () => {
    expect((await stack.call('POST', '/api/checks/run', { token: tokens.admin })).status).toBe(200);
    const alerts = await stack.call('GET', `/api/alerts?kind=problem_overdue&level=3&pageSize=200`, {
      token: tokens.bureau,
    });
    const alert = alerts.body.items.find((item: any) => item.subjectId === late.id);
    expect(alert, JSON.stringify(alerts.body.items.map((a: any) => [a.subjectId, a.level]))).toBeDefined();
    const issued = await issue(
      { sourceType: 'alert', sourceId: alert.id, measures: '立即整改' },
      tokens.leader,
    );
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const notice = issued.body;
    expect(notice.facts).toContain('已升为督办');
    // The alert names its notice from now on (the 督办 page shows the number instead of 发督办函).
    expect(alert.notice).toBeNull();
    const named = await stack.call('GET', `/api/alerts/${alert.id}`, { token: tokens.bureau });
    expect(named.body.notice).toEqual({ id: notice.id, number: notice.number });
    const lower = await stack.call('GET', '/api/alerts?level=1&pageSize=1', { token: tokens.bureau });
    if (lower.body.items.length)
      expectError(
        await issue({ sourceType: 'alert', sourceId: lower.body.items[0].id, measures: '整改' }),
        400,
        'sourceId',
      );

    // The department of dept (自然资源局) owns the problem: it sees, signs and answers; the bureau may not.
    const list = await stack.call('GET', '/api/notices?status=issued&pageSize=200', { token: tokens.dept });
    expect(list.body.items.map((item: any) => item.id)).toContain(notice.id);
    expectError(await stack.call('POST', `/api/notices/${notice.id}/sign`, { token: tokens.bureau }), 403);
    const reply = { done: '已召开协调会', remaining: '待省厅批复', expectedDate: addDays(today, 20) };
    expectError(
      await stack.call('POST', `/api/notices/${notice.id}/reply`, { token: tokens.dept, body: reply }),
      409,
      'signed',
    );
    const signed = await stack.call('POST', `/api/notices/${notice.id}/sign`, { token: tokens.dept });
    expect(signed.body).toMatchObject({ status: 'signed' });
    expectError(await stack.call('POST', `/api/notices/${notice.id}/sign`, { token: tokens.dept }), 409);
    expectError(
      await stack.call('POST', `/api/notices/${notice.id}/reply`, {
        token: tokens.dept,
        body: { ...reply, expectedDate: 'soon' },
      }),
      400,
      'expectedDate',
    );
    const replied = await stack.call('POST', `/api/notices/${notice.id}/reply`, {
      token: tokens.dept,
      body: reply,
    });
    expect(replied.body).toMatchObject({
      status: 'replied',
      replyDone: '已召开协调会',
      repliedOn: today,
      overdue: false,
    });
    expectError(
      await stack.call('POST', `/api/notices/${notice.id}/reply`, { token: tokens.dept, body: reply }),
      409,
    );

    // Another department's notice is 404 to the department user, and stays unchanged.
    const project = await newProject(fgj);
    const otherLate = await problems.raise(
      problems.body(project.id, {
        ownerDepartmentId: fgj,
        raisedAt: addDays(today, -30),
        dueDate: addDays(today, -12),
      }),
    );
    const other = (await issue({ sourceType: 'problem', sourceId: otherLate.id, measures: '整改' })).body;
    expectError(await stack.call('GET', `/api/notices/${other.id}`, { token: tokens.dept }), 404);
    expectError(await stack.call('POST', `/api/notices/${other.id}/sign`, { token: tokens.dept }), 404);
    expect((await stack.call('GET', `/api/notices/${other.id}`, { token: tokens.bureau })).body.status).toBe(
      'issued',
    );

    const docx = await fetchDocx(stack, tokens.dept, `/api/notices/${notice.id}/notice.docx`);
    expect(docx.status).toBe(200);
    expect(docx.text).toContain(notice.number);
    expect(docx.text).toContain('已召开协调会');
    expect(docx.xml).toMatch(/w:eastAsia="方正小标宋简体"/);
    expect((await fetchDocx(stack, tokens.dept, `/api/notices/${other.id}/notice.docx`)).status).toBe(404);
  });

  it('raises notice_overdue at level 3 when a notice is not answered by its reply date', async () => {
    const issued = (await issue({ sourceType: 'problem', sourceId: late.id, measures: '整改' })).body;
    const dataSource = await stack.database.dataSource();
    await dataSource.query('UPDATE notice SET reply_due_date = ? WHERE id = ?', [
      addDays(today, -1),
      issued.id,
    ]);
    expect((await stack.call('POST', '/api/checks/run', { token: tokens.admin })).status).toBe(200);
    const alerts = await stack.call('GET', '/api/alerts?kind=notice_overdue&pageSize=200', {
      token: tokens.bureau,
    });
    const alert = alerts.body.items.find((item: any) => item.subjectId === issued.id);
    expect(alert).toMatchObject({ subjectType: 'notice', level: 3, departmentId: issued.departmentId });
    expect(
      (await stack.call('GET', `/api/notices/${issued.id}`, { token: tokens.bureau })).body.overdue,
    ).toBe(true);
  });
});
