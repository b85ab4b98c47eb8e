import { openEventStream, startStack, type TestStack, waitFor } from '@luodi/testing';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  changeStage,
  clearProjects,
  createProject,
  departmentIds,
  endOfShanghaiDay,
  expectError,
  loginAll,
  money,
  seeded,
  shanghaiToday,
  type Tokens,
} from './support/fixtures';

/**
 * The cockpit's figures (issue 7: funnel, breakdown, trend, approvals by department and light, open
 * alerts) against an independent computation over generated data, in plain TypeScript: projects,
 * stage changes and key-work reports go through the API; milestones are written straight into the
 * table with chosen deadlines and decisions, and their lights are recomputed day by day from the
 * `chinese-days` data package. The drill-down lists must total exactly the figure they come from.
 */

interface ModelProject {
  id: string;
  source: string;
  industry: string;
  departmentId: string;
  amount: bigint;
  talksStartedAt: string;
  signedAt: string | null;
  registeredAt: string | null;
  startedAt: string | null;
  operatingAt: string | null;
  terminatedAt: string | null;
}

interface ModelKeyWork {
  project: ModelProject;
  plan: bigint;
  reports: Array<{ month: string; amount: bigint; reportedAt: Date }>;
}

interface ModelMilestone {
  projectId: string;
  source: string;
  departmentId: string;
  itemCode: string;
  acceptedOn: string;
  deadline: string;
  decidedAt: Date | null;
}

interface Filter {
  source?: string;
  departmentId?: string;
}

const SEED = 20_261_201;
const SOURCES = ['沪洽会', '港洽会', '中博会'];
const DEPARTMENT_CODES = ['ZRZYJ', 'FGJ', 'ZJJ'];
const PIPELINE = ['negotiating', 'signed', 'registered', 'started', 'operating'] as const;
const DATE_FIELD = {
  signed: 'signedAt',
  registered: 'registeredAt',
  started: 'startedAt',
  operating: 'operatingAt',
} as const;

const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
function isWorkingDay(date: string): boolean {
  if (date in data.workdays) return true;
  if (date in data.holidays) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}
/** Working days d with from < d ≤ to. */
function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) count += 1;
  return count;
}

function ratio(numerator: bigint | number, denominator: bigint | number): number | null {
  return Number(denominator) === 0 ? null : Number(numerator) / Number(denominator);
}
const rounded = (value: number | null) => (value === null ? null : Number(value.toFixed(12)));
const lastDayOfMonth = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return addDays(m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`, -1);
};
const minDate = (a: string, b: string) => (a < b ? a : b);

describe('cockpit figures (issue 7) against an independent computation over generated data', () => {
  let stack: TestStack;
  let tokens: Tokens;
  const projects: ModelProject[] = [];
  const keyWorks: ModelKeyWork[] = [];
  const milestones: ModelMilestone[] = [];
  const today = shanghaiToday();
  const thisYear = Number(today.slice(0, 4));
  const year = thisYear - 1;
  let departments: string[];
  let industries: string[];
  let yellowDaysOf: Map<string, number>;
  let demo: { funnel: any; breakdown: any };

  const get = async (path: string, token = tokens.leader) => {
    const answer = await stack.call('GET', path, { token });
    expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body;
  };
  const query = (values: Record<string, string | number | undefined>) =>
    Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
      .join('&');
  const listTotal = async (values: Record<string, string | number | undefined>) =>
    (await get(`/api/projects?${query({ ...values, pageSize: 1 })}`)).total as number;

  beforeAll(async () => {
    stack = await startStack();
    tokens = await loginAll(stack);
    const year0 = Number(shanghaiToday().slice(0, 4));
    demo = {
      funnel: await get(`/api/dashboard/funnel?year=${year0}`),
      breakdown: await get(`/api/dashboard/breakdown?by=source&year=${year0}`),
    };
    await clearProjects(stack);
    const ids = await departmentIds(stack);
    departments = DEPARTMENT_CODES.map((code) => ids.get(code)!);
    const dataSource = await stack.database.dataSource();
    industries = (
      (await dataSource.query(
        "SELECT name FROM lookup_item WHERE kind = 'industry' AND enabled = 1 ORDER BY sort_order, id",
      )) as Array<{ name: string }>
    )
      .map((row) => row.name)
      .slice(0, 3);
    expect(industries.length).toBeGreaterThan(1);
    const random = seeded(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const between = (from: string, to: string): string => {
      const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
      return addDays(from, Math.floor(random() * (Math.max(0, span) + 1)));
    };

    // 48 projects from the year before `year` to today, random stages, jumps and terminations.
    const plans: Array<() => Promise<void>> = [];
    for (let index = 0; index < 48; index += 1) {
      const talksStartedAt = between(`${year - 1}-06-01`, minDate(`${thisYear}-06-30`, today));
      const project: ModelProject = {
        id: '',
        source: pick(SOURCES),
        industry: pick(industries),
        departmentId: pick(departments),
        amount: BigInt(1 + Math.floor(random() * 3_000_000_000)),
        talksStartedAt,
        signedAt: null,
        registeredAt: null,
        startedAt: null,
        operatingAt: null,
        terminatedAt: null,
      };
      const target = pick([0, 1, 1, 2, 2, 3, 3, 3, 4]);
      const changes: Array<{ stage: string; at: string; reason?: string }> = [];
      let position = 0;
      let last = talksStartedAt;
      while (position < target) {
        const jump = random() < 0.3 ? Math.min(target, position + 2) : position + 1;
        const at = minDate(between(last, addDays(last, 150)), today);
        for (let stage = position + 1; stage <= jump; stage += 1) {
          project[DATE_FIELD[PIPELINE[stage] as keyof typeof DATE_FIELD]] = at;
        }
        changes.push({ stage: PIPELINE[jump]!, at });
        position = jump;
        last = at;
      }
      if (position < 4 && random() < 0.15) {
        const at = minDate(between(last, addDays(last, 90)), today);
        project.terminatedAt = at;
        changes.push({ stage: 'terminated', at, reason: '投资方终止合作' });
      }
      projects.push(project);
      plans.push(async () => {
        const created = await createProject(stack, tokens.bureau, project.departmentId, {
          code: `CKP-${String(index).padStart(3, '0')}`,
          source: project.source,
          industry: project.industry,
          contractAmount: money(project.amount),
          talksStartedAt: project.talksStartedAt,
        });
        project.id = created.id;
        for (const change of changes) await changeStage(stack, tokens.bureau, project.id, change);
      });
    }
    for (let start = 0; start < plans.length; start += 8) {
      await Promise.all(plans.slice(start, start + 8).map((plan) => plan()));
    }

    // Key works of `year` with monthly reports entered in the following month.
    for (const project of projects.slice(0, 18)) {
      const work: ModelKeyWork = {
        project,
        plan: BigInt(1 + Math.floor(random() * 2_000_000_000)),
        reports: [],
      };
      const created = await stack.call('POST', '/api/key-works', {
        token: tokens.bureau,
        body: { projectId: project.id, year, annualPlanInvestment: money(work.plan) },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      for (let month = 1; month <= 12; month += 1) {
        if (random() < 0.3) continue;
        const label = `${year}-${String(month).padStart(2, '0')}`;
        const amount = BigInt(Math.floor(random() * 30_000_000));
        const nextMonthStart = new Date(
          `${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}-01T00:00:00+08:00`,
        );
        const reportedAt = new Date(
          Math.min(nextMonthStart.getTime() + Math.floor(random() * 20 * 86_400_000), Date.now() - 60_000),
        );
        const answer = await stack.call('POST', `/api/key-works/${created.body.id}/reports`, {
          token: tokens.bureau,
          body: { month: label, completedInvestment: money(amount) },
        });
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        await dataSource.query(
          'UPDATE key_work_report SET reported_at = ? WHERE key_work_id = ? AND month = ?',
          [reportedAt, created.body.id, label],
        );
        work.reports.push({ month: label, amount, reportedAt });
      }
      keyWorks.push(work);
    }

    // Milestones with chosen acceptance days, deadlines and decisions (one item gets its own yellow days).
    await dataSource.query("UPDATE approval_item SET yellow_days = 5 WHERE code = 'EIA'");
    await dataSource.query("UPDATE approval_item SET yellow_days = 0 WHERE code = 'FIRE'");
    const items = (await dataSource.query(
      'SELECT code, yellow_days AS yellowDays FROM approval_item',
    )) as Array<{
      code: string;
      yellowDays: number | null;
    }>;
    const settings = await get('/api/settings', tokens.admin);
    yellowDaysOf = new Map(items.map((item) => [item.code, item.yellowDays ?? settings.yellowDays]));
    const codes = items.map((item) => item.code);
    for (const project of projects) {
      for (const itemCode of codes) {
        if (random() < 0.6) continue;
        const acceptedOn = between(`${year}-01-05`, today);
        const deadline = addDays(acceptedOn, 1 + Math.floor(random() * 40));
        const decidedOn = random() < 0.5 ? null : between(acceptedOn, addDays(acceptedOn, 60));
        const decidedAt = decidedOn && decidedOn < today ? new Date(`${decidedOn}T15:30:00+08:00`) : null;
        const departmentId = pick(departments);
        milestones.push({
          projectId: project.id,
          source: project.source,
          departmentId,
          itemCode,
          acceptedOn,
          deadline,
          decidedAt,
        });
        await dataSource.query(
          `INSERT INTO milestone (project_id, item_code, department_id, state, accepted_on, deadline, decided_at, decided_on_time)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            project.id,
            itemCode,
            departmentId,
            decidedAt ? 'approved' : 'accepted',
            acceptedOn,
            deadline,
            decidedAt,
            decidedAt ? shanghaiToday(decidedAt) <= deadline : null,
          ],
        );
      }
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  // ---- the independent computation ----------------------------------------------------------
  const matches = (project: ModelProject, filter: Filter) =>
    (!filter.source || project.source === filter.source) &&
    (!filter.departmentId || project.departmentId === filter.departmentId);
  const by = (date: string | null, asOf: string) => date !== null && date <= asOf;
  const inYear = (date: string | null, figuresYear: number, asOf: string) =>
    date !== null && date.startsWith(`${figuresYear}-`) && date <= asOf;
  const signedCohort = (figuresYear: number, asOf: string, filter: Filter) =>
    projects.filter((project) => matches(project, filter) && inYear(project.signedAt, figuresYear, asOf));

  function expectedFunnel(figuresYear: number, asOf: string, filter: Filter) {
    const signed = signedCohort(figuresYear, asOf, filter);
    const talks = projects.filter(
      (project) =>
        matches(project, filter) &&
        (inYear(project.talksStartedAt, figuresYear, asOf) || inYear(project.signedAt, figuresYear, asOf)),
    );
    return [
      { stage: 'talks', count: talks.length },
      { stage: 'signed', count: signed.length },
      { stage: 'registered', count: signed.filter((project) => by(project.registeredAt, asOf)).length },
      { stage: 'started', count: signed.filter((project) => by(project.startedAt, asOf)).length },
      { stage: 'operating', count: signed.filter((project) => by(project.operatingAt, asOf)).length },
    ];
  }

  function expectedBreakdown(
    dimension: 'source' | 'industry',
    figuresYear: number,
    asOf: string,
    filter: Filter,
  ) {
    const groups = new Map<string, ModelProject[]>();
    for (const project of signedCohort(figuresYear, asOf, filter)) {
      groups.set(project[dimension], [...(groups.get(project[dimension]) ?? []), project]);
    }
    return [...groups.entries()]
      .map(([key, members]) => {
        const registered = members.filter((project) => by(project.registeredAt, asOf)).length;
        const started = members.filter((project) => by(project.startedAt, asOf)).length;
        return {
          key,
          signedCount: members.length,
          contractAmount: money(members.reduce((sum, project) => sum + project.amount, 0n)),
          registeredCount: registered,
          landingRate: rounded(ratio(registered, members.length)),
          startedCount: started,
          startRate: rounded(ratio(started, members.length)),
        };
      })
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  function expectedTrend(figuresYear: number, asOf: string, asOfMoment: Date, filter: Filter) {
    const works = keyWorks.filter((work) => figuresYear === year && matches(work.project, filter));
    const plan = works.reduce((sum, work) => sum + work.plan, 0n);
    let cumulative = 0n;
    const months = [];
    for (let month = 1; month <= 12; month += 1) {
      const label = `${figuresYear}-${String(month).padStart(2, '0')}`;
      if (`${label}-01` > asOf) {
        months.push({
          month: label,
          signedCount: null,
          contractAmount: null,
          startedCount: null,
          completedInvestment: null,
          cumulativeInvestment: null,
          investmentRate: null,
          scheduleRate: rounded(month / 12),
        });
        continue;
      }
      const signed = projects.filter(
        (project) =>
          matches(project, filter) && project.signedAt?.startsWith(label) && by(project.signedAt, asOf),
      );
      const started = projects.filter(
        (project) =>
          matches(project, filter) && project.startedAt?.startsWith(label) && by(project.startedAt, asOf),
      );
      const completed = works
        .flatMap((work) => work.reports)
        .filter((report) => report.month === label && report.reportedAt.getTime() <= asOfMoment.getTime())
        .reduce((sum, report) => sum + report.amount, 0n);
      cumulative += completed;
      months.push({
        month: label,
        signedCount: signed.length,
        contractAmount: money(signed.reduce((sum, project) => sum + project.amount, 0n)),
        startedCount: started.length,
        completedInvestment: money(completed),
        cumulativeInvestment: money(cumulative),
        investmentRate: rounded(ratio(cumulative, plan)),
        scheduleRate: rounded(month / 12),
      });
    }
    return { annualPlanInvestment: money(plan), months };
  }

  /** Lights at asOf recomputed per milestone, day by day (domain §4). */
  function expectedLights(asOf: string, asOfMoment: Date, filter: Filter) {
    const counts = new Map<string, { green: number; yellow: number; red: number }>();
    for (const milestone of milestones) {
      if (filter.source && milestone.source !== filter.source) continue;
      if (filter.departmentId && milestone.departmentId !== filter.departmentId) continue;
      if (milestone.acceptedOn > asOf) continue;
      if (milestone.decidedAt && milestone.decidedAt.getTime() <= asOfMoment.getTime()) continue;
      const light =
        asOf > milestone.deadline
          ? 'red'
          : workingDaysBetween(asOf, milestone.deadline) <= yellowDaysOf.get(milestone.itemCode)!
            ? 'yellow'
            : 'green';
      const entry = counts.get(milestone.departmentId) ?? { green: 0, yellow: 0, red: 0 };
      entry[light] += 1;
      counts.set(milestone.departmentId, entry);
    }
    return [...counts.entries()]
      .map(([departmentId, entry]) => ({ departmentId, ...entry }))
      .sort((a, b) => a.departmentId.localeCompare(b.departmentId));
  }

  const asOfDates = () =>
    [`${year}-03-15`, `${year}-07-31`, `${year}-11-20`, `${thisYear}-02-10`, today].filter(
      (date) => date <= today,
    );
  const filters = (): Filter[] => [{}, { source: '港洽会' }, { departmentId: departments[1]! }];

  // ---- the checks ------------------------------------------------------------------------------
  it('the demo district: funnel signed 8, started 3; by source 沪洽会/港洽会/中博会 summing to 8 and 320000.00', () => {
    const count = (stage: string) => demo.funnel.stages.find((entry: any) => entry.stage === stage).count;
    expect(demo.funnel.stages.map((entry: any) => entry.stage)).toEqual([
      'talks',
      'signed',
      'registered',
      'started',
      'operating',
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
