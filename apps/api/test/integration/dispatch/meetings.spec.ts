import { scheduleRate } from '@luodi/domain';
import { describe, expect, it } from 'vitest';
import { addDays, expectError, shanghaiToday } from '../support/fixtures';
import { fetchDocx, tableRows } from './docx-read';
import { fgj, newProject, problems, stack, today, tokens, useDispatchStack, zrzyj } from './support';

/**
 * Dispatch meetings (dispatch.md §2): the agenda as of the meeting's date equals independent queries
 * over the data at that date; decisions create and change problems; a closed meeting is read-only;
 * agenda and minutes open as .docx with the decisions table.
 */
describe('dispatch meetings through the built API on real MariaDB', () => {
  useDispatchStack();

  const ids = (rows: Array<{ id: string }>) => rows.map((row) => String(row.id)).sort();
  const query = async (sql: string, params: unknown[]) =>
    (await (await stack.database.dataSource()).query(sql, params)) as Array<Record<string, unknown>>;
  let chairId: string;
  let meetingId: string;
  let overdueProblem: { id: string; code: string };

  const newMeeting = async (date: string, title = '测试调度会') => {
    const answer = await stack.call('POST', '/api/meetings', {
      token: tokens.bureau,
      body: { date, title, kind: 'monthly', chairUserId: chairId, attendeeDepartmentIds: [zrzyj, fgj] },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  };

  /** The agenda's sections against queries written independently of the app's. */
  const expectAgendaMatches = async (agenda: any, day: string, meetingId: string) => {
    const [last] = await query(
      'SELECT MAX(date) AS date FROM meeting WHERE date < ? OR (date = ? AND id < ?)',
      [day, day, meetingId],
    );
    const previous = (last?.['date'] as string | null) ?? null;
    expect(agenda.previousMeetingDate).toBe(previous);
    const agendaProblems = agenda.openProblems.flatMap((group: any) =>
      group.problems.map((problem: any) => ({
        ...problem,
        category: group.category,
        owner: group.ownerDepartmentId,
      })),
    );
    const open = await query(
      `SELECT id, category FROM problem WHERE raised_at <= ? AND (closed_on IS NULL OR closed_on > ?)`,
      [day, day],
    );
    expect(ids(agendaProblems)).toEqual(ids(open as any));
    // What a problem's column was that day, replayed from its history here: the value it was raised
    // with, then each change recorded by the end of that day.
    const replayed = async (column: string) => {
      const events = await query(
        `SELECT problem_id AS problemId, type, ${column} AS value, at FROM problem_event
          WHERE ${column} IS NOT NULL ORDER BY at, id`,
        [],
      );
      return (problemId: string): string | undefined => {
        let value: string | undefined;
        for (const event of events.filter((row) => String(row['problemId']) === problemId)) {
          if (event['type'] === 'raised') value ??= String(event['value']);
          else if (shanghaiToday(new Date(event['at'] as string)) <= day) value = String(event['value']);
        }
        return value;
      };
    };
    const ownerOn = await replayed('owner_department_id');
    for (const problem of agendaProblems) {
      const row = open.find((candidate) => String(candidate['id']) === problem.id)!;
      expect([problem.category, problem.owner], problem.code).toEqual([row['category'], ownerOn(problem.id)]);
    }
    const dueOn = await replayed('due_date');
    for (const problem of agendaProblems) expect(problem.dueDate, problem.code).toBe(dueOn(problem.id));
    const unresolved = await query(
      `SELECT id FROM problem WHERE raised_at <= ?
          AND (closed_on IS NULL OR closed_on > ?) AND (resolved_on IS NULL OR resolved_on > ?)`,
      [day, day, day],
    );
    const overdue = unresolved.filter((row) => dueOn(String(row['id']))! < day);
    expect(ids(agendaProblems.filter((problem: any) => problem.overdue))).toEqual(ids(overdue as any));
    // Grouped: one group per (category, owner).
    const keys = agenda.openProblems.map((group: any) => `${group.category}:${group.ownerDepartmentId}`);
    expect(new Set(keys).size).toBe(keys.length);
    const departments = await query('SELECT id, name FROM department', []);
    for (const group of agenda.openProblems)
      expect(group.ownerDepartmentName).toBe(
        departments.find((row) => String(row['id']) === group.ownerDepartmentId)?.['name'],
      );
    if (day === today) {
      const alerted = await query(
        "SELECT DISTINCT project_id AS id FROM alert WHERE status <> 'resolved' AND level >= 2",
        [],
      );
      expect(agenda.alertedProjects.map((p: any) => p.projectId).sort()).toEqual(ids(alerted as any));
      const milestones = await query('SELECT id FROM milestone WHERE deadline < ? AND decided_at IS NULL', [
        day,
      ]);
      expect(agenda.overdueMilestones.map((m: any) => m.milestoneId).sort()).toEqual(ids(milestones as any));
    }
    const rate = scheduleRate(Number(day.slice(0, 4)), day);
    const behind = await query(
      `SELECT k.id FROM key_work k WHERE k.year = ? AND k.annual_plan_investment > 0
          AND (? - COALESCE((SELECT SUM(r.completed_investment) FROM key_work_report r
                              WHERE r.key_work_id = k.id AND r.month <= ?), 0) / k.annual_plan_investment) * 100 > 10.05`,
      [Number(day.slice(0, 4)), rate, day.slice(0, 7)],
    );
    expect(agenda.keyWorksBehind.map((k: any) => k.keyWorkId).sort()).toEqual(ids(behind as any));
    const closed = await query('SELECT id FROM problem WHERE closed_on > ? AND closed_on <= ?', [
      previous ?? `${Number(day.slice(0, 4)) - 1}-12-31`,
      day,
    ]);
    expect(agenda.closedProblems.map((p: any) => p.id).sort()).toEqual(ids(closed as any));
  };

  it('generates the agenda as of the meeting date, equal to independent queries', async () => {
    const chairs = await stack.call('GET', '/api/meetings/chairs', { token: tokens.bureau });
    expect(chairs.status).toBe(200);
    chairId = chairs.body[0].id;
    const project = await newProject();
    overdueProblem = await problems.raise(
      problems.body(project.id, {
        category: 'energy',
        raisedAt: addDays(today, -40),
        dueDate: addDays(today, -20),
      }),
    );
    await problems.raise(
      problems.body(project.id, {
        category: 'energy',
        ownerDepartmentId: fgj,
        raisedAt: addDays(today, -15),
      }),
    );
    const done = await problems.raise(problems.body(project.id, { category: 'policy' }));
    await problems.move(done.id, 'start', '方案', tokens.dept);
    await problems.move(done.id, 'resolve', '办结', tokens.dept);
    await problems.move(done.id, 'close', undefined, tokens.bureau);
    expect((await stack.call('POST', '/api/checks/run', { token: tokens.admin })).status).toBe(200);

    // A meeting ten days ago: the problems raised since, and the one closed today, are not on it as closed.
    const past = await newMeeting(addDays(today, -10), '上次调度会');
    expect(past.agenda.asOf).toBe(addDays(today, -10));
    await expectAgendaMatches(past.agenda, addDays(today, -10), past.id);
    const pastIds = past.agenda.openProblems.flatMap((group: any) => group.problems.map((p: any) => p.id));
    expect(pastIds).toContain(overdueProblem.id);
    expect(past.agenda.closedProblems.map((p: any) => p.id)).not.toContain(done.id);

    const meeting = await newMeeting(today);
    meetingId = meeting.id;
    expect(meeting).toMatchObject({ status: 'open', chairUserId: chairId, decisions: [] });
    expect(meeting.attendees.map((a: any) => a.id).sort()).toEqual([zrzyj, fgj].sort());
    expect(meeting.agenda.previousMeetingDate).toBe(addDays(today, -10));
    await expectAgendaMatches(meeting.agenda, today, meeting.id);
    expect(meeting.agenda.closedProblems.map((p: any) => p.id)).toContain(done.id);
    const overdue = meeting.agenda.openProblems
      .flatMap((group: any) => group.problems)
      .find((p: any) => p.id === overdueProblem.id);
    expect(overdue).toMatchObject({ overdue: true });

    // A problem overdue at the meeting ten days ago whose due date a later meeting moved: the earlier
    // agenda keeps the due date (and the overdue) it had on its day.
    const moved = await problems.raise(
      problems.body(project.id, {
        category: 'planning',
        raisedAt: addDays(today, -30),
        dueDate: addDays(today, -12),
      }),
    );
    // And one a later meeting hands to another department: the earlier agenda keeps it under the owner
    // it had on its day.
    const handedOver = await problems.raise(
      problems.body(project.id, { category: 'demolition', raisedAt: addDays(today, -30) }),
    );
    const later = await newMeeting(today, '专题调度会');
    const decided = await stack.call('POST', `/api/meetings/${later.id}/decisions`, {
      token: tokens.bureau,
      body: { kind: 'update', text: '延期办结', problemId: moved.id, dueDate: addDays(today, 30) },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(201);
    const reassigned = await stack.call('POST', `/api/meetings/${later.id}/decisions`, {
      token: tokens.bureau,
      body: { kind: 'update', text: '改由发改局牵头', problemId: handedOver.id, ownerDepartmentId: fgj },
    });
    expect(reassigned.status, JSON.stringify(reassigned.body)).toBe(201);
    const agendaProblem = (agenda: any, id: string) =>
      agenda.openProblems.flatMap((group: any) => group.problems).find((p: any) => p.id === id);
    const ownerGroup = (agenda: any, id: string) =>
      agenda.openProblems.find((group: any) => group.problems.some((p: any) => p.id === id));
    const pastAgain = await stack.call('GET', `/api/meetings/${past.id}`, { token: tokens.bureau });
    expect(pastAgain.status).toBe(200);
    expect(agendaProblem(pastAgain.body.agenda, moved.id)).toMatchObject({
      dueDate: addDays(today, -12),
      overdue: true,
    });
    expect(ownerGroup(pastAgain.body.agenda, handedOver.id)).toMatchObject({
      category: 'demolition',
      ownerDepartmentId: zrzyj,
    });
    await expectAgendaMatches(pastAgain.body.agenda, addDays(today, -10), past.id);
    const todayAgain = await stack.call('GET', `/api/meetings/${later.id}`, { token: tokens.bureau });
    expect(agendaProblem(todayAgain.body.agenda, moved.id)).toMatchObject({
      dueDate: addDays(today, 30),
      overdue: false,
    });
    expect(ownerGroup(todayAgain.body.agenda, handedOver.id)).toMatchObject({
      category: 'demolition',
      ownerDepartmentId: fgj,
    });
    await expectAgendaMatches(todayAgain.body.agenda, today, later.id);
  });

  it('refuses bad input naming the field and the rule (§5)', async () => {
    const project = await newProject();
    const bad = (body: Record<string, unknown>) =>
      stack.call('POST', `/api/meetings/${meetingId}/decisions`, { token: tokens.bureau, body });
    expectError(await bad({ kind: 'create', text: '交办' }), 400, 'subjectType');
    expectError(
      await bad({
        kind: 'create',
        text: '交办',
        ...problems.body(project.id, { ownerDepartmentId: '999999999' }),
      }),
      400,
      'ownerDepartmentId',
    );
    expectError(await bad({ kind: 'update', text: '交办' }), 400, 'problemId');
    expectError(await bad({ kind: 'update', text: '交办', problemId: overdueProblem.id }), 400, 'kind');
    expectError(await bad({ kind: 'update', text: '交办', problemId: '999999999', supervised: true }), 404);
    expectError(
      await bad({ kind: 'update', text: '交办', problemId: overdueProblem.id, dueDate: '2000-01-01' }),
      400,
      'dueDate',
    );
    expectError(await bad({ kind: 'adjourn', text: '交办' }), 400, 'kind');
    const leaderNot = await stack.call('POST', '/api/meetings', {
      token: tokens.bureau,
      body: {
        date: today,
        title: 'x',
        kind: 'monthly',
        chairUserId: (await stack.call('GET', '/api/me', { token: tokens.bureau })).body.id,
      },
    });
    expectError(leaderNot, 400, 'chairUserId');
    expectError(
      await stack.call('POST', '/api/meetings', {
        token: tokens.bureau,
        body: {
          date: today,
          title: 'x',
          kind: 'monthly',
          chairUserId: chairId,
          attendeeDepartmentIds: ['999999999'],
        },
      }),
      400,
      'attendeeDepartmentIds',
    );
    expectError(await stack.call('GET', '/api/meetings', { token: tokens.dept }), 403);
    // Nothing changed by the refused ones; a 督办-only decision is accepted (decision 1).
    const supervised = await bad({
      kind: 'update',
      text: '列入督办',
      problemId: overdueProblem.id,
      supervised: true,
    });
    expect(supervised.status, JSON.stringify(supervised.body)).toBe(201);
    expect(supervised.body.decisions).toHaveLength(1);
  });

  it('records decisions that create and change problems, closes read-only, and keeps the minutes', async () => {
    const project = await newProject();
    const created = await stack.call('POST', `/api/meetings/${meetingId}/decisions`, {
      token: tokens.bureau,
      body: {
        kind: 'create',
        text: '请区发改局牵头落实能评指标',
        ...problems.body(project.id, {
          category: 'energy',
          ownerDepartmentId: fgj,
          coDepartmentIds: [zrzyj],
          leadOfficial: '李副区长',
        }),
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const newDueDate = addDays(today, 14);
    const updated = await stack.call('POST', `/api/meetings/${meetingId}/decisions`, {
      token: tokens.bureau,
      body: {
        kind: 'update',
        text: '限期办结并督办',
        problemId: overdueProblem.id,
        dueDate: newDueDate,
        supervised: true,
      },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(201);
    const decisions = updated.body.decisions;
    // One from the bad-input test (督办 only), then these two.
    expect(decisions.map((d: any) => d.seq)).toEqual([1, 2, 3]);
    const [, first, second] = decisions;
    expect(first).toMatchObject({
      kind: 'create',
      ownerDepartmentId: fgj,
      coDepartmentIds: [zrzyj],
      leadOfficial: '李副区长',
    });
    expect(second).toMatchObject({
      kind: 'update',
      problemId: overdueProblem.id,
      dueDate: newDueDate,
      supervised: true,
    });
    const problem = (await stack.call('GET', `/api/problems/${overdueProblem.id}`, { token: tokens.bureau }))
      .body;
    expect(problem).toMatchObject({ dueDate: newDueDate, supervised: true, overdue: false });
    expect(problem.events.map((e: any) => e.type)).toEqual(
      expect.arrayContaining(['supervised', 'due_changed']),
    );
    expect(problem.events.find((e: any) => e.type === 'due_changed').meetingId).toBe(meetingId);
    const createdProblem = (
      await stack.call('GET', `/api/problems/${first.problemId}`, { token: tokens.dept })
    ).body;
    expect(createdProblem).toMatchObject({ ownerDepartmentId: fgj, category: 'energy' });

    const closed = await stack.call('POST', `/api/meetings/${meetingId}/close`, { token: tokens.bureau });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.status).toBe('closed');
    const agendaAtClose = closed.body.agenda;
    // Read-only: no decisions, no second close, nothing changes.
    expectError(
      await stack.call('POST', `/api/meetings/${meetingId}/decisions`, {
        token: tokens.bureau,
        body: { kind: 'update', text: '再交办', problemId: overdueProblem.id, supervised: true },
      }),
      409,
      'closed',
    );
    expectError(await stack.call('POST', `/api/meetings/${meetingId}/close`, { token: tokens.bureau }), 409);
    await problems.raise(problems.body(project.id, { category: 'other' }));
    const after = (await stack.call('GET', `/api/meetings/${meetingId}`, { token: tokens.leader })).body;
    expect(after.decisions).toHaveLength(3);
    expect(after.agenda).toEqual(agendaAtClose);

    const minutes = await fetchDocx(stack, tokens.leader, `/api/meetings/${meetingId}/minutes.docx`);
    expect(minutes.status).toBe(200);
    expect(minutes.contentType).toContain('wordprocessingml');
    expect(minutes.xml).toMatch(/w:eastAsia="方正小标宋简体"/);
    expect(minutes.xml).toMatch(/<w:sz w:val="44"\/>/);
    expect(minutes.xml).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(minutes.xml).toMatch(/<w:sz w:val="32"\/>/);
    expect(minutes.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(minutes.text).toContain('测试调度会纪要');
    const rows = tableRows(minutes.xml);
    expect(rows[0]).toEqual(['序号', '交办事项', '问题编号', '责任单位', '配合单位', '时限', '督办']);
    expect(rows).toHaveLength(4);
    expect(rows[2]).toEqual([
      '2',
      expect.stringContaining('请区发改局牵头落实能评指标'),
      first.problemCode,
      first.ownerDepartmentName,
      expect.any(String),
      first.dueDate,
      '',
    ]);
    expect(rows[3]![5]).toBe(newDueDate);
    expect(rows[3]![6]).toBe('是');
    const agendaDoc = await fetchDocx(stack, tokens.bureau, `/api/meetings/${meetingId}/agenda.docx`);
    expect(agendaDoc.status).toBe(200);
    expect(agendaDoc.text).toContain('未销号问题');
    expect(agendaDoc.text).toContain(overdueProblem.code);
    for (const which of ['agenda', 'minutes']) {
      const print = await stack.call('GET', `/api/meetings/${meetingId}/${which}/print`, {
        token: tokens.bureau,
      });
      expect(print.status).toBe(200);
      expect(print.headers.get('content-type')).toContain('text/html');
      expect(print.body).toContain('@page { size: A4');
    }
    const printed = await stack.call('GET', `/api/meetings/${meetingId}/minutes/print`, {
      token: tokens.bureau,
    });
    expect(printed.body).toContain('<th>责任单位</th>');
    expect((await fetchDocx(stack, tokens.dept, `/api/meetings/${meetingId}/minutes.docx`)).status).toBe(403);
  });
});
