import { openEventStream, waitFor } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import { changeStage, createProject, endOfShanghaiDay, expectError, money } from '../support/fixtures';
import { minDate } from '../support/generated';
import {
  asOfDates,
  demo,
  departments,
  expectedBreakdown,
  expectedFunnel,
  expectedLights,
  expectedTrend,
  filters,
  get,
  lastDayOfMonth,
  listTotal,
  projects,
  query,
  rounded,
  stack,
  thisYear,
  today,
  tokens,
  useCockpitStack,
  year,
} from './support';

describe('cockpit figures (issue 7) against an independent computation over generated data', () => {
  useCockpitStack();

  // ---- the checks ------------------------------------------------------------------------------
  it('the demo district: funnel signed 8, started 3; by source 沪洽会/港洽会/中博会 summing to 8 and 320000.00', () => {
    const count = (stage: string) => demo.funnel.stages.find((entry: any) => entry.stage === stage).count;
    expect(demo.funnel.stages.map((entry: any) => entry.stage)).toEqual([
      'talks',
      'signed',
      'registered',
      'started',
      'operating',
      'full_production',
    ]);
    expect(count('signed')).toBe(8);
    expect(count('started')).toBe(3);
    expect(count('talks')).toBeGreaterThanOrEqual(8);
    const items = demo.breakdown.items as Array<{ key: string; signedCount: number; contractAmount: string }>;
    expect(items.map((item) => item.key)).toEqual(expect.arrayContaining(['沪洽会', '港洽会', '中博会']));
    expect(items.reduce((sum, item) => sum + item.signedCount, 0)).toBe(8);
    const total = items.reduce((sum, item) => sum + BigInt(item.contractAmount.replace('.', '')), 0n);
    expect(money(total)).toBe('320000.00');
  });

  it('funnel, breakdown and trend equal the computation at several dates and filters', async () => {
    for (const figuresYear of [year, thisYear]) {
      for (const asOf of asOfDates()) {
        for (const filter of filters()) {
          const q = query({ year: figuresYear, asOf, ...filter });
          const label = q;
          const funnel = await get(`/api/dashboard/funnel?${q}`);
          expect(funnel, label).toEqual({
            year: figuresYear,
            asOfDate: asOf,
            stages: expectedFunnel(figuresYear, asOf, filter),
          });
          const summary = await get(`/api/dashboard/summary?${q}`);
          const stage = (name: string) => funnel.stages.find((entry: any) => entry.stage === name).count;
          expect([stage('signed'), stage('registered'), stage('started')], label).toEqual([
            summary.signedCount,
            summary.registeredCount,
            summary.startedCount,
          ]);
          for (const dimension of ['source', 'industry'] as const) {
            const breakdown = await get(`/api/dashboard/breakdown?by=${dimension}&${q}`);
            expect(breakdown).toMatchObject({ year: figuresYear, asOfDate: asOf, by: dimension });
            const amounts = breakdown.items.map((item: any) => Number(item.contractAmount));
            expect(amounts, `${label} largest first`).toEqual([...amounts].sort((a, b) => b - a));
            expect(
              breakdown.items
                .map((item: any) => ({
                  ...item,
                  landingRate: rounded(item.landingRate),
                  startRate: rounded(item.startRate),
                }))
                .sort((a: any, b: any) => a.key.localeCompare(b.key)),
              `${label} by ${dimension}`,
            ).toEqual(expectedBreakdown(dimension, figuresYear, asOf, filter));
          }
          const trend = await get(`/api/dashboard/trend?${q}`);
          const expected = expectedTrend(figuresYear, asOf, endOfShanghaiDay(asOf), filter);
          expect(trend.annualPlanInvestment, label).toBe(expected.annualPlanInvestment);
          expect(
            trend.months.map((month: any) => ({
              ...month,
              investmentRate: rounded(month.investmentRate),
              scheduleRate: rounded(month.scheduleRate),
            })),
            label,
          ).toEqual(expected.months);
        }
      }
    }
  });

  it('approvals by department and light equal the day-by-day lights; red sums to 逾期未办', async () => {
    for (const asOf of [`${year}-03-15`, `${year}-09-30`, `${thisYear}-01-05`, today].filter(
      (d) => d <= today,
    )) {
      for (const filter of filters()) {
        const q = query({ asOf, ...filter });
        const answer = await get(`/api/dashboard/approvals-by-department?${q}`);
        expect(answer.asOfDate).toBe(asOf);
        const actual = answer.items
          .map((item: any) => ({
            departmentId: item.departmentId,
            green: item.green,
            yellow: item.yellow,
            red: item.red,
          }))
          .sort((a: any, b: any) => a.departmentId.localeCompare(b.departmentId));
        const expected = expectedLights(asOf, endOfShanghaiDay(asOf), filter);
        expect(actual, q).toEqual(expected);
        for (let index = 1; index < answer.items.length; index += 1) {
          const [before, after] = [answer.items[index - 1], answer.items[index]];
          expect(
            before.red > after.red || (before.red === after.red && before.yellow >= after.yellow),
            q,
          ).toBe(true);
        }
        expect(
          answer.items.every((item: any) => typeof item.departmentName === 'string' && item.departmentName),
        ).toBe(true);
        const summary = await get(`/api/dashboard/summary?${q}`);
        expect(
          actual.reduce((sum: number, item: any) => sum + item.red, 0),
          q,
        ).toBe(summary.approvals.overdueOpen);
      }
    }
    // Some of every light were generated, so the comparison means something.
    const all = expectedLights(today, new Date(), {});
    for (const light of ['green', 'yellow', 'red'] as const) {
      expect(
        all.reduce((sum, entry) => sum + entry[light], 0),
        light,
      ).toBeGreaterThan(0);
    }
  });

  it('summary alerts: unresolved by level, all and for a department', async () => {
    const dataSource = await stack.database.dataSource();
    // Alerts at every level and status, of the generated projects' departments.
    const statuses = ['open', 'acknowledged', 'resolved'];
    for (let index = 0; index < 24; index += 1) {
      const project = projects[index]!;
      await dataSource.query(
        `INSERT INTO alert (kind, subject_type, subject_id, project_id, department_id, level, status, raised_at, level_since)
         VALUES ('not_started', 'project', ?, ?, ?, ?, ?, NOW(3), NOW(3))`,
        [project.id, project.id, project.departmentId, 1 + (index % 3), statuses[Math.floor(index / 3) % 3]],
      );
    }
    const rows = (await dataSource.query(
      'SELECT level, status, department_id AS departmentId FROM alert',
    )) as Array<{
      level: number;
      status: string;
      departmentId: string;
    }>;
    const expected = (departmentId?: string) => {
      const open = rows.filter(
        (row) => row.status !== 'resolved' && (!departmentId || String(row.departmentId) === departmentId),
      );
      const level = (n: number) => open.filter((row) => Number(row.level) === n).length;
      return { level1: level(1), level2: level(2), level3: level(3), total: open.length };
    };
    expect(expected().total).toBeGreaterThan(0);
    expect((await get('/api/dashboard/summary')).alerts).toEqual(expected());
    for (const departmentId of departments) {
      expect((await get(`/api/dashboard/summary?departmentId=${departmentId}`)).alerts).toEqual(
        expected(departmentId),
      );
    }
    // The alerts cards drill to /api/alerts?status=unresolved&level=N: the list totals the card.
    const summary = (await get('/api/dashboard/summary')).alerts;
    for (const level of [1, 2, 3] as const) {
      const listed = await get(`/api/alerts?status=unresolved&level=${level}&pageSize=200`);
      expect(listed.total, `level ${level}`).toBe(summary[`level${level}`]);
      expect(listed.items.every((alert: any) => alert.status !== 'resolved')).toBe(true);
    }
  });

  it('every drill-down list totals the figure it comes from', async () => {
    for (const asOf of asOfDates()) {
      for (const filter of filters()) {
        const figureQuery = query({ year, asOf, ...filter });
        const listFilter = { source: filter.source, leadDepartmentId: filter.departmentId, asOf };
        const summary = await get(`/api/dashboard/summary?${figureQuery}`);
        const funnel = await get(`/api/dashboard/funnel?${figureQuery}`);
        const stage = (name: string) => funnel.stages.find((entry: any) => entry.stage === name).count;
        const label = figureQuery;
        expect(await listTotal({ ...listFilter, year }), label).toBe(summary.signedCount);
        expect(await listTotal({ ...listFilter, year, reached: 'registered' }), label).toBe(
          summary.registeredCount,
        );
        expect(await listTotal({ ...listFilter, year, reached: 'started' }), label).toBe(
          summary.startedCount,
        );
        expect(await listTotal({ ...listFilter, year, reached: 'operating' }), label).toBe(
          stage('operating'),
        );
        expect(await listTotal({ ...listFilter, talksYear: year }), label).toBe(stage('talks'));
        // 重点工程 and 重点工程开工率's 计划新开工 N 项: the key-work list, narrowed as the figures are.
        const keyWorkFilter = { year, source: filter.source, leadDepartmentId: filter.departmentId };
        expect((await get(`/api/key-works?${query(keyWorkFilter)}`)).total, label).toBe(
          summary.keyWorks.count,
        );
        const plannedStarts = await get(
          `/api/key-works?${query({ ...keyWorkFilter, plannedStart: 'true' })}`,
        );
        expect(plannedStarts.total, label).toBe(summary.keyWorks.plannedStartCount);
        expect(plannedStarts.items.every((row: any) => row.plannedStartMonth !== null)).toBe(true);
        // 按期办结率's 办结 N 件 and 逾期未办: the approvals list at the same as-of date.
        const approvalFilter = { source: filter.source, departmentId: filter.departmentId, asOf };
        const decided = await get(
          `/api/milestones?${query({ ...approvalFilter, decidedYear: year, pageSize: 1 })}`,
        );
        expect(decided.total, label).toBe(summary.approvals.decidedCount);
        const overdue = await get(
          `/api/milestones?${query({ ...approvalFilter, overdue: 'true', pageSize: 1 })}`,
        );
        expect(overdue.total, label).toBe(summary.approvals.overdueOpen);
        for (const dimension of ['source', 'industry'] as const) {
          const breakdown = await get(`/api/dashboard/breakdown?by=${dimension}&${figureQuery}`);
          for (const item of breakdown.items) {
            const drill = { ...listFilter, year, [dimension]: item.key };
            expect(await listTotal(drill), `${label} ${dimension}=${item.key}`).toBe(item.signedCount);
            expect(await listTotal({ ...drill, reached: 'started' }), `${label} ${item.key}`).toBe(
              item.startedCount,
            );
          }
        }
        const trend = await get(`/api/dashboard/trend?${figureQuery}`);
        for (const month of trend.months.filter((entry: any) => entry.signedCount !== null)) {
          const to = minDate(lastDayOfMonth(month.month), asOf);
          const from = `${month.month}-01`;
          const window = { source: filter.source, leadDepartmentId: filter.departmentId };
          expect(
            await listTotal({ ...window, signedFrom: from, signedTo: to }),
            `${label} ${month.month}`,
          ).toBe(month.signedCount);
          expect(
            await listTotal({ ...window, startedFrom: from, startedTo: to }),
            `${label} ${month.month}`,
          ).toBe(month.startedCount);
        }
      }
    }
    // The export takes the same filters: as many data rows as the list's total.
    const drill = { year, reached: 'started', asOf: `${year}-11-20` };
    const total = await listTotal(drill);
    const exported = await fetch(`${stack.api.baseUrl}/api/projects/export?${query(drill)}`, {
      headers: { authorization: `Bearer ${tokens.leader}` },
    });
    expect(exported.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await exported.arrayBuffer());
    expect(workbook.worksheets[0]!.actualRowCount - 1).toBe(total);
  });

  it('a department user reads the district-wide figures, and its drill-down lists stay scoped', async () => {
    const q = query({ year, asOf: `${year}-11-20` });
    expect(await get(`/api/dashboard/funnel?${q}`, tokens.dept)).toEqual(
      await get(`/api/dashboard/funnel?${q}`),
    );
    const own = await get(
      `/api/projects?${query({ year, asOf: `${year}-11-20`, pageSize: 200 })}`,
      tokens.dept,
    );
    const me = await get('/api/me', tokens.dept);
    const dataSource = await stack.database.dataSource();
    for (const item of own.items) {
      const holds = (await dataSource.query(
        'SELECT COUNT(*) AS n FROM milestone WHERE project_id = ? AND department_id = ?',
        [item.id, me.departmentId],
      )) as Array<{ n: string }>;
      expect(item.leadDepartmentId === me.departmentId || Number(holds[0]!.n) > 0).toBe(true);
    }
  });

  it('bad input: 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['/api/dashboard/breakdown?by=foo', 'by'],
      ['/api/dashboard/breakdown', 'by'],
      ['/api/dashboard/funnel?asOf=2026-13-40', 'asOf'],
      ['/api/dashboard/trend?asOf=yesterday', 'asOf'],
      ['/api/dashboard/approvals-by-department?foo=1', 'foo'],
      ['/api/dashboard/summary?departmentId=abc', 'departmentId'],
      ['/api/dashboard/funnel?year=1999', 'year'],
      ['/api/projects?reached=foo', 'reached'],
      ['/api/projects?asOf=2026-13-40', 'asOf'],
      ['/api/projects?talksYear=26', 'talksYear'],
      ['/api/projects?signedFrom=2026-02-30', 'signedFrom'],
      ['/api/projects?startedFrom=2026-05-01&startedTo=2026-04-01', 'startedTo'],
      ['/api/projects/export?reached=foo', 'reached'],
    ];
    for (const [path, field] of cases) {
      const token = path.includes('export') ? tokens.bureau : tokens.leader;
      expectError(await stack.call('GET', path, { token }), 400, field);
    }
  });

  it('a stage change sends a live "figures" message to the streams that may see it', async () => {
    const [own, other] = [departments[0]!, departments[1]!];
    const me = await get('/api/me', tokens.dept);
    expect(me.departmentId).toBe(own);
    const url = (token: string) =>
      `${stack.api.baseUrl}/api/events?access_token=${encodeURIComponent(token)}`;
    const leaderStream = await openEventStream(url(tokens.leader));
    const deptStream = await openEventStream(url(tokens.dept));
    try {
      const theirs = await createProject(stack, tokens.bureau, other, { code: 'CKP-LIVE-2' });
      const mine = await createProject(stack, tokens.bureau, own, { code: 'CKP-LIVE-1' });
      await changeStage(stack, tokens.bureau, mine.id, { stage: 'signed', at: today });
      const figures = (stream: typeof leaderStream) =>
        stream.messages
          .filter((message) => message.event === 'figures')
          .map((message) => message.data as any);
      await waitFor(
        'both own messages on the department stream',
        async () => figures(deptStream).length >= 2,
      );
      await waitFor('all three messages on the leader stream', async () => figures(leaderStream).length >= 3);
      expect(figures(deptStream)).toEqual([
        { type: 'figures', subject: 'project', departmentId: own },
        { type: 'figures', subject: 'project', departmentId: own },
      ]);
      expect(figures(leaderStream).map((data) => data.departmentId)).toEqual([other, own, own]);
      expect(theirs.leadDepartmentId).toBe(other);
    } finally {
      leaderStream.close();
      deptStream.close();
    }
  });
});
