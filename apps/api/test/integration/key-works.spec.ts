import { type TestStack } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  createProject,
  expectError,
  shanghaiToday,
  type Tokens,
  useSignedInStack,
} from './support/fixtures';
import { isWorkingDay } from './support/calendar';

/** The due day of the report for `month` (YYYY-MM): the 5th working day of the following month. */
function reportDueDay(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  let day = number === 12 ? `${year + 1}-01-01` : `${year}-${String(number + 1).padStart(2, '0')}-01`;
  let count = 0;
  for (;;) {
    if (isWorkingDay(day)) count += 1;
    if (count === 5) return day;
    day = addDays(day, 1);
  }
}

describe('key works: plans, monthly reports, corrections audited, missing reports (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  const today = shanghaiToday();
  const thisYear = Number(today.slice(0, 4));

  useSignedInStack((started) => ({ stack, tokens, zrzyj } = started));

  const newKeyWork = async (year: number, extra: Record<string, unknown> = {}) => {
    const project = await createProject(stack, tokens.bureau, zrzyj);
    const answer = await stack.call('POST', '/api/key-works', {
      token: tokens.bureau,
      body: { projectId: project.id, year, annualPlanInvestment: '1200.00', ...extra },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return { project, keyWork: answer.body };
  };
  const getKeyWork = async (id: string) => {
    const answer = await stack.call('GET', `/api/key-works/${id}`, { token: tokens.admin });
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const report = (id: string, body: Record<string, unknown>, token = tokens.bureau) =>
    stack.call('POST', `/api/key-works/${id}/reports`, { token, body });

  it('creates a key work; the same project and year again is 409, nothing created', async () => {
    const { project, keyWork } = await newKeyWork(thisYear, { plannedStartMonth: 6 });
    expect(keyWork).toMatchObject({
      projectId: project.id,
      year: thisYear,
      annualPlanInvestment: '1200.00',
      plannedStartMonth: 6,
      completedInvestment: '0.00',
      reports: [],
    });
    const again = await stack.call('POST', '/api/key-works', {
      token: tokens.bureau,
      body: { projectId: project.id, year: thisYear, annualPlanInvestment: '99.00' },
    });
    expectError(again, 409, 'projectId');
    const list = await stack.call('GET', `/api/key-works?year=${thisYear}`, { token: tokens.admin });
    expect(list.body.items.filter((item: any) => item.projectId === project.id)).toHaveLength(1);
    // another year for the same project is fine
    const nextYear = await stack.call('POST', '/api/key-works', {
      token: tokens.bureau,
      body: { projectId: project.id, year: thisYear + 1, annualPlanInvestment: '99.00' },
    });
    expect(nextYear.status).toBe(201);
  });

  it('validates creation: unknown project, bad amount, month, types, unknown fields → 400 naming the field', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj);
    const count = async () =>
      (await stack.call('GET', `/api/key-works?year=${thisYear}`, { token: tokens.admin })).body.total;
    const before = await count();
    for (const [body, field] of [
      [{ projectId: '99999999', year: thisYear, annualPlanInvestment: '1.00' }, 'projectId'],
      [{ projectId: project.id, year: thisYear, annualPlanInvestment: '-1' }, 'annualPlanInvestment'],
      [{ projectId: project.id, year: thisYear, annualPlanInvestment: 1000 }, 'annualPlanInvestment'],
      [{ projectId: project.id, year: String(thisYear), annualPlanInvestment: '1.00' }, 'year'],
      [
        { projectId: project.id, year: thisYear, annualPlanInvestment: '1.00', plannedStartMonth: 13 },
        'plannedStartMonth',
      ],
      [{ projectId: project.id, year: thisYear, annualPlanInvestment: '1.00', priority: 1 }, 'priority'],
    ] as const) {
      expectError(await stack.call('POST', '/api/key-works', { token: tokens.bureau, body }), 400, field);
    }
    expect(await count()).toBe(before);
  });

  it('refuses a report for a month outside the key work’s year, a future month, and a duplicate; nothing changes', async () => {
    const { keyWork } = await newKeyWork(thisYear - 1);
    const first = await report(keyWork.id, { month: `${thisYear - 1}-03`, completedInvestment: '100.00' });
    expect(first.status).toBe(201);
    expect(first.body.reports).toEqual([
      expect.objectContaining({ month: `${thisYear - 1}-03`, completedInvestment: '100.00' }),
    ]);
    const before = await getKeyWork(keyWork.id);

    for (const month of [`${thisYear}-01`, `${thisYear - 2}-12`, `${thisYear - 1}-13`, `${thisYear - 1}-3`])
      expectError(await report(keyWork.id, { month, completedInvestment: '1.00' }), 400, 'month');
    expectError(
      await report(keyWork.id, { month: `${thisYear - 1}-04`, completedInvestment: '-1.00' }),
      400,
      'completedInvestment',
    );
    const duplicate = await report(keyWork.id, { month: `${thisYear - 1}-03`, completedInvestment: '5.00' });
    expectError(duplicate, 409, 'month');
    expect(await getKeyWork(keyWork.id)).toEqual(before);

    // a future month: next year's key work, next year's January (always in the future)
    const { keyWork: future } = await newKeyWork(thisYear + 1);
    const futureBefore = await getKeyWork(future.id);
    expectError(
      await report(future.id, { month: `${thisYear + 1}-01`, completedInvestment: '1.00' }),
      400,
      'month',
    );
    expect(await getKeyWork(future.id)).toEqual(futureBefore);
    // this month is allowed
    const { keyWork: current } = await newKeyWork(thisYear);
    const thisMonth = await report(current.id, { month: today.slice(0, 7), completedInvestment: '1.00' });
    expect(thisMonth.status).toBe(201);
    // and nobody but the bureau and admins enters reports
    for (const token of [tokens.leader, tokens.dept]) {
      expectError(
        await report(current.id, { month: `${thisYear}-01`, completedInvestment: '1.00' }, token),
        403,
      );
    }
  });

  it('sums the reports exactly into completedInvestment', async () => {
    const { keyWork } = await newKeyWork(thisYear - 1);
    for (const [month, amount] of [
      ['01', '0.10'],
      ['02', '0.20'],
      ['03', '1000.05'],
    ]) {
      expect(
        (await report(keyWork.id, { month: `${thisYear - 1}-${month}`, completedInvestment: amount })).status,
      ).toBe(201);
    }
    const view = await getKeyWork(keyWork.id);
    expect(view.completedInvestment).toBe('1000.35');
    const list = await stack.call('GET', `/api/key-works?year=${thisYear - 1}`, { token: tokens.leader });
    expect(list.body.items.find((item: any) => item.id === keyWork.id).completedInvestment).toBe('1000.35');
  });

  it('records a correction in the audit trail, before → after; the first entry time stays', async () => {
    const { keyWork } = await newKeyWork(thisYear - 1);
    const month = `${thisYear - 1}-05`;
    const created = await report(keyWork.id, {
      month,
      completedInvestment: '100.00',
      progress: '基础施工',
      problems: '用地待落实',
    });
    expect(created.status).toBe(201);
    const original = created.body.reports[0];

    const corrected = await stack.call('PATCH', `/api/key-works/${keyWork.id}/reports/${month}`, {
      token: tokens.bureau,
      body: { completedInvestment: '150.50', progress: '主体结构施工' },
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    const after = corrected.body.reports[0];
    expect(after).toMatchObject({
      month,
      completedInvestment: '150.50',
      progress: '主体结构施工',
      problems: '用地待落实',
      reportedAt: original.reportedAt,
    });
    expect(after.correctedAt).toEqual(expect.any(String));
    expect(corrected.body.completedInvestment).toBe('150.50');

    // The audit trail keys the report by its own id (the API does not show that id: read it here).
    const dataSource = await stack.database.dataSource();
    const [row] = (await dataSource.query(
      'SELECT id FROM key_work_report WHERE key_work_id = ? AND month = ?',
      [keyWork.id, month],
    )) as Array<{ id: string }>;
    const reportId = String(row!.id);
    const audit = await stack.call('GET', `/api/audit?entityType=key_work_report&entityId=${reportId}`, {
      token: tokens.admin,
    });
    expect(audit.status).toBe(200);
    const actions = audit.body.items.map((entry: any) => entry.action);
    expect(actions).toEqual(['update', 'create']);
    const [update, create] = audit.body.items;
    expect(create).toMatchObject({
      actorUsername: 'bureau',
      entityType: 'key_work_report',
      entityId: reportId,
      after: { month, completedInvestment: '100.00', progress: '基础施工' },
    });
    expect(update).toMatchObject({
      actorUsername: 'bureau',
      entityType: 'key_work_report',
      entityId: reportId,
      before: { completedInvestment: '100.00', progress: '基础施工' },
      after: { completedInvestment: '150.50', progress: '主体结构施工' },
    });
    expect(update.before).not.toHaveProperty('problems');
    // the leader may read it too
    const leaderView = await stack.call('GET', `/api/audit?entityType=key_work_report&entityId=${reportId}`, {
      token: tokens.leader,
    });
    expect(leaderView.body.total).toBe(2);
  });

  it('refuses bad corrections: unknown month 404, bad month 400, bad amount 400, unknown field 400', async () => {
    const { keyWork } = await newKeyWork(thisYear - 1);
    await report(keyWork.id, { month: `${thisYear - 1}-02`, completedInvestment: '10.00' });
    const before = await getKeyWork(keyWork.id);
    const patch = (month: string, body: Record<string, unknown>) =>
      stack.call('PATCH', `/api/key-works/${keyWork.id}/reports/${month}`, { token: tokens.bureau, body });
    expectError(await patch(`${thisYear - 1}-03`, { completedInvestment: '1.00' }), 404);
    expectError(await patch('2025-1', { completedInvestment: '1.00' }), 400, 'month');
    expectError(
      await patch(`${thisYear - 1}-02`, { completedInvestment: '1.001' }),
      400,
      'completedInvestment',
    );
    expectError(await patch(`${thisYear - 1}-02`, { month: `${thisYear - 1}-04` }), 400, 'month');
    expect(await getKeyWork(keyWork.id)).toEqual(before);
  });

  it('lists missing reports: months of a past year without a report (all past their due day)', async () => {
    const year = thisYear - 2;
    const { keyWork } = await newKeyWork(year);
    for (const month of ['01', '02', '03', '05']) {
      expect(
        (await report(keyWork.id, { month: `${year}-${month}`, completedInvestment: '1.00' })).status,
      ).toBe(201);
    }
    const view = await getKeyWork(keyWork.id);
    expect(view.missingReports).toEqual(
      ['04', '06', '07', '08', '09', '10', '11', '12'].map((month) => `${year}-${month}`),
    );
  });

  it('lists missing reports of this year: months whose due day (5th working day of the next month) has passed', async () => {
    const { keyWork } = await newKeyWork(thisYear);
    const months = Array.from(
      { length: 12 },
      (_, index) => `${thisYear}-${String(index + 1).padStart(2, '0')}`,
    );
    const overdue = months.filter((month) => reportDueDay(month) < today);
    const view = await getKeyWork(keyWork.id);
    expect(view.missingReports).toEqual(overdue);

    // a month still within its due period is not missing, and a report entered takes a month off the list
    if (overdue.length > 0) {
      const last = overdue.at(-1)!;
      await report(keyWork.id, { month: last, completedInvestment: '2.00' });
      expect((await getKeyWork(keyWork.id)).missingReports).toEqual(overdue.slice(0, -1));
    }
    const current = today.slice(0, 7);
    expect(view.missingReports).not.toContain(current);
  });

  it('due days follow the holiday calendar (e.g. after the National Day holiday)', () => {
    // a self-check of the test's own calendar (2026: National Day 1–7 Oct, Saturday 10 Oct worked)
    expect(reportDueDay('2026-09')).toBe('2026-10-13');
    expect(reportDueDay('2026-11')).toBe('2026-12-07');
  });

  it('PATCH /api/key-works/:id changes the plan; validation as on create', async () => {
    const { keyWork } = await newKeyWork(thisYear);
    const patched = await stack.call('PATCH', `/api/key-works/${keyWork.id}`, {
      token: tokens.bureau,
      body: { annualPlanInvestment: '2400.50', plannedStartMonth: 9 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ annualPlanInvestment: '2400.50', plannedStartMonth: 9 });
    const before = await getKeyWork(keyWork.id);
    for (const [body, field] of [
      [{ annualPlanInvestment: '-2' }, 'annualPlanInvestment'],
      [{ plannedStartMonth: 0 }, 'plannedStartMonth'],
      [{ year: thisYear + 1 }, 'year'],
      [{ projectId: '1' }, 'projectId'],
    ] as const) {
      expectError(
        await stack.call('PATCH', `/api/key-works/${keyWork.id}`, { token: tokens.bureau, body }),
        400,
        field,
      );
    }
    expect(await getKeyWork(keyWork.id)).toEqual(before);
    expectError(
      await stack.call('PATCH', '/api/key-works/99999999', {
        token: tokens.bureau,
        body: { plannedStartMonth: 3 },
      }),
      404,
    );
  });
});
