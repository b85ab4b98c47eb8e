import { startStack, type TestStack } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  cents,
  changeStage,
  clearProjects,
  createProject,
  departmentIds,
  endOfShanghaiDay,
  loginAll,
  money,
  seeded,
  shanghaiToday,
  type Tokens,
} from './support/fixtures';

/**
 * The figures of domain §6 against an independent computation: the test generates projects, stage
 * changes, funds, key works and monthly reports through the API (with a fixed seed), keeps its own
 * model of what it did, and recomputes every figure from that model in plain TypeScript.
 */

interface ModelProject {
  id: string;
  source: string;
  departmentId: string;
  amount: bigint;
  talksStartedAt: string;
  signedAt: string | null;
  registeredAt: string | null;
  startedAt: string | null;
  operatingAt: string | null;
  terminatedAt: string | null;
  funds: Array<{ amount: bigint; at: string }>;
}

interface ModelKeyWork {
  id: string;
  project: ModelProject;
  year: number;
  plan: bigint;
  plannedStartMonth: number | null;
  reports: Array<{ month: string; amount: bigint; reportedAt: Date }>;
}

interface Filter {
  source?: string;
  departmentId?: string;
}

const SEED = 20_261_125;
const SOURCES = ['沪洽会', '港洽会', '中博会', '自主招商'];
const DEPARTMENT_CODES = ['ZRZYJ', 'FGJ', 'ZJJ'];
const PIPELINE = ['negotiating', 'signed', 'registered', 'started', 'operating'] as const;
const DATE_FIELD = {
  signed: 'signedAt',
  registered: 'registeredAt',
  started: 'startedAt',
  operating: 'operatingAt',
} as const;

/** Months of `year` elapsed at the end of the business day `asOf` (a month has elapsed once its last day has). */
function monthsElapsed(year: number, asOf: string): number {
  const asOfYear = Number(asOf.slice(0, 4));
  if (asOfYear < year) return 0;
  if (asOfYear > year) return 12;
  const month = Number(asOf.slice(5, 7));
  const nextMonthFirst =
    month === 12 ? `${asOfYear + 1}-01-01` : `${asOfYear}-${String(month + 1).padStart(2, '0')}-01`;
  return asOf === addDays(nextMonthFirst, -1) ? month : month - 1;
}

function ratio(numerator: bigint | number, denominator: bigint | number): number | null {
  return Number(denominator) === 0 ? null : Number(numerator) / Number(denominator);
}

/** §6, recomputed from the model. */
function expectedFigures(
  projects: ModelProject[],
  keyWorks: ModelKeyWork[],
  year: number,
  asOfDate: string,
  asOfMoment: Date,
  filter: Filter = {},
) {
  const matches = (project: ModelProject) =>
    (!filter.source || project.source === filter.source) &&
    (!filter.departmentId || project.departmentId === filter.departmentId);
  const by = (date: string | null) => date !== null && date <= asOfDate;
  const scoped = projects.filter(matches);
  const negotiating = scoped.filter(
    (project) => by(project.talksStartedAt) && !by(project.signedAt) && !by(project.terminatedAt),
  );
  const signed = scoped.filter(
    (project) => project.signedAt?.slice(0, 4) === String(year) && by(project.signedAt),
  );
  const contract = signed.reduce((sum, project) => sum + project.amount, 0n);
  const funds = signed.reduce(
    (sum, project) =>
      sum + project.funds.filter((fund) => by(fund.at)).reduce((total, fund) => total + fund.amount, 0n),
    0n,
  );
  const registered = signed.filter((project) => by(project.registeredAt)).length;
  const started = signed.filter((project) => by(project.startedAt)).length;
  const works = keyWorks.filter((work) => work.year === year && matches(work.project));
  const planned = works.filter((work) => work.plannedStartMonth !== null);
  const plannedStarted = planned.filter((work) => by(work.project.startedAt)).length;
  const plan = works.reduce((sum, work) => sum + work.plan, 0n);
  const completed = works.reduce(
    (sum, work) =>
      sum +
      work.reports
        .filter((report) => report.reportedAt.getTime() <= asOfMoment.getTime())
        .reduce((total, report) => total + report.amount, 0n),
    0n,
  );
  return {
    negotiatingCount: negotiating.length,
    signedCount: signed.length,
    contractAmount: money(contract),
    registeredCount: registered,
    landingRate: ratio(registered, signed.length),
    startedCount: started,
    startRate: ratio(started, signed.length),
    fundsArrived: money(funds),
    fundsRate: ratio(funds, contract),
    keyWorks: {
      count: works.length,
      startRate: ratio(plannedStarted, planned.length),
      investmentRate: ratio(completed, plan),
      scheduleRate: monthsElapsed(year, asOfDate) / 12,
    },
  };
}

/** Compare an answer with the expected figures: counts and money exactly, rates to 12 places (or null). */
function expectFigures(actual: any, expected: ReturnType<typeof expectedFigures>, label: string) {
  const rates = (value: number | null) => (value === null ? null : Number(value.toFixed(12)));
  const normalise = (figures: any) => ({
    negotiatingCount: figures.negotiatingCount,
    signedCount: figures.signedCount,
    contractAmount: figures.contractAmount,
    registeredCount: figures.registeredCount,
    landingRate: rates(figures.landingRate),
    startedCount: figures.startedCount,
    startRate: rates(figures.startRate),
    fundsArrived: figures.fundsArrived,
    fundsRate: rates(figures.fundsRate),
    keyWorks: {
      count: figures.keyWorks.count,
      startRate: rates(figures.keyWorks.startRate),
      investmentRate: rates(figures.keyWorks.investmentRate),
      scheduleRate: rates(figures.keyWorks.scheduleRate),
    },
  });
  expect(normalise(actual), label).toEqual(normalise(expected));
}

describe('dashboard figures (domain §6) against an independent computation over generated data', () => {
  let stack: TestStack;
  let tokens: Tokens;
  const projects: ModelProject[] = [];
  const keyWorks: ModelKeyWork[] = [];
  const today = shanghaiToday();
  const thisYear = Number(today.slice(0, 4));
  const year = thisYear - 1;
  const earlier = thisYear - 2;
  let departments: string[];
  const lastDataDay = `${year}-12-31`;

  const summary = async (query: string, token = tokens.leader) => {
    const answer = await stack.call('GET', `/api/dashboard/summary?${query}`, { token });
    expect(answer.status, `${query}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    stack = await startStack();
    tokens = await loginAll(stack);
    await clearProjects(stack);
    const ids = await departmentIds(stack);
    departments = DEPARTMENT_CODES.map((code) => ids.get(code)!);
    const random = seeded(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const between = (from: string, to: string): string => {
      const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
      return addDays(from, Math.floor(random() * (Math.max(0, span) + 1)));
    };
    const minDate = (a: string, b: string) => (a < b ? a : b);

    // 54 projects over two years, with random stages, jumps, terminations and funds.
    const plans: Array<() => Promise<void>> = [];
    for (let index = 0; index < 54; index += 1) {
      const talksStartedAt = between(`${earlier}-01-01`, `${year}-11-30`);
      const amount =
        index % 9 === 0 ? pick([10n, 20n, 1n, 0n]) : BigInt(1 + Math.floor(random() * 5_000_000_000));
      const project: ModelProject = {
        id: '',
        source: pick(SOURCES),
        departmentId: pick(departments),
        amount,
        talksStartedAt,
        signedAt: null,
        registeredAt: null,
        startedAt: null,
        operatingAt: null,
        terminatedAt: null,
        funds: [],
      };
      const target = pick([0, 1, 1, 2, 2, 3, 3, 3, 4]);
      const changes: Array<{ stage: string; at: string; reason?: string }> = [];
      let position = 0;
      let last = talksStartedAt;
      while (position < target) {
        const jump = random() < 0.3 ? Math.min(target, position + 2) : position + 1;
        const at = minDate(between(last, addDays(last, 150)), lastDataDay);
        for (let stage = position + 1; stage <= jump; stage += 1) {
          project[DATE_FIELD[PIPELINE[stage] as keyof typeof DATE_FIELD]] = at;
        }
        changes.push({ stage: PIPELINE[jump]!, at });
        position = jump;
        last = at;
      }
      if (position < 4 && random() < 0.15) {
        const at = minDate(between(last, addDays(last, 90)), lastDataDay);
        project.terminatedAt = at;
        changes.push({ stage: 'terminated', at, reason: '投资方终止合作' });
      }
      if (project.signedAt) {
        const count = Math.floor(random() * 4);
        for (let fund = 0; fund < count; fund += 1) {
          const amountOfFund =
            fund === 0 && index % 5 === 0 ? 10n : BigInt(1 + Math.floor(random() * 200_000_000));
          project.funds.push({
            amount: amountOfFund,
            at: minDate(between(project.signedAt, addDays(project.signedAt, 300)), today),
          });
        }
      }
      projects.push(project);
      plans.push(async () => {
        const created = await createProject(stack, tokens.bureau, project.departmentId, {
          // explicit codes: generated ones race when created concurrently (see projects.spec.ts)
          code: `FIG-${String(index).padStart(3, '0')}`,
          source: project.source,
          contractAmount: money(project.amount),
          talksStartedAt: project.talksStartedAt,
        });
        project.id = created.id;
        for (const change of changes) await changeStage(stack, tokens.bureau, project.id, change);
        for (const fund of project.funds) {
          const answer = await stack.call('POST', `/api/projects/${project.id}/funds`, {
            token: tokens.bureau,
            body: { amount: money(fund.amount), at: fund.at },
          });
          expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        }
      });
    }
    for (let start = 0; start < plans.length; start += 8) {
      await Promise.all(plans.slice(start, start + 8).map((plan) => plan()));
    }

    // Key works: 26 on the list of `year`, 10 on the list of `earlier`, with plans and reports.
    const order = [...projects].sort(() => random() - 0.5);
    const lists: Array<[number, ModelProject[]]> = [
      [year, order.slice(0, 26)],
      [earlier, order.slice(20, 30)],
    ];
    const dataSource = await stack.database.dataSource();
    for (const [listYear, members] of lists) {
      for (const project of members) {
        const work: ModelKeyWork = {
          id: '',
          project,
          year: listYear,
          plan: BigInt(1 + Math.floor(random() * 3_000_000_000)),
          plannedStartMonth: random() < 0.5 ? null : 1 + Math.floor(random() * 12),
          reports: [],
        };
        const created = await stack.call('POST', '/api/key-works', {
          token: tokens.bureau,
          body: {
            projectId: project.id,
            year: listYear,
            annualPlanInvestment: money(work.plan),
            ...(work.plannedStartMonth === null ? {} : { plannedStartMonth: work.plannedStartMonth }),
          },
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        work.id = created.body.id;
        for (let month = 1; month <= 12; month += 1) {
          if (random() < 0.35) continue;
          const label = `${listYear}-${String(month).padStart(2, '0')}`;
          const amount = BigInt(Math.floor(random() * 40_000_000));
          // Entered between the 1st and the 25th of the next month (Asia/Shanghai), never after now.
          const nextMonthStart = new Date(
            `${month === 12 ? listYear + 1 : listYear}-${String((month % 12) + 1).padStart(2, '0')}-01T00:00:00+08:00`,
          );
          const reportedAt = new Date(
            Math.min(nextMonthStart.getTime() + Math.floor(random() * 25 * 86_400_000), Date.now() - 60_000),
          );
          const answer = await stack.call('POST', `/api/key-works/${work.id}/reports`, {
            token: tokens.bureau,
            body: { month: label, completedInvestment: money(amount), progress: '施工中' },
          });
          expect(answer.status, JSON.stringify(answer.body)).toBe(201);
          await dataSource.query(
            'UPDATE key_work_report SET reported_at = ? WHERE key_work_id = ? AND month = ?',
            [reportedAt, work.id, label],
          );
          work.reports.push({ month: label, amount, reportedAt });
        }
        keyWorks.push(work);
      }
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('generated what it meant to (the API stored the model)', async () => {
    expect(projects.filter((project) => project.signedAt?.startsWith(`${year}-`)).length).toBeGreaterThan(8);
    expect(projects.filter((project) => project.signedAt?.startsWith(`${earlier}-`)).length).toBeGreaterThan(
      5,
    );
    for (const project of projects.slice(0, 12)) {
      const stored = (await stack.call('GET', `/api/projects/${project.id}`, { token: tokens.admin })).body;
      expect(stored).toMatchObject({
        talksStartedAt: project.talksStartedAt,
        signedAt: project.signedAt,
        registeredAt: project.registeredAt,
        startedAt: project.startedAt,
        operatingAt: project.operatingAt,
        terminatedAt: project.terminatedAt,
        contractAmount: money(project.amount),
        fundsArrived: money(project.funds.reduce((sum, fund) => sum + fund.amount, 0n)),
      });
    }
    const work = keyWorks.find((candidate) => candidate.reports.length > 0)!;
    const stored = (await stack.call('GET', `/api/key-works/${work.id}`, { token: tokens.admin })).body;
    expect(
      stored.reports.map((report: any) => [report.month, report.completedInvestment, report.reportedAt]),
    ).toEqual(
      work.reports.map((report) => [report.month, money(report.amount), report.reportedAt.toISOString()]),
    );
  });

  it('every figure at past business dates (asOf=YYYY-MM-DD) of both years', async () => {
    const signingDate = projects.find((project) => project.signedAt?.startsWith(`${year}-`))!.signedAt!;
    const startDate = projects.find((project) => project.startedAt?.startsWith(`${year}-`))?.startedAt;
    const fundDate = projects
      .flatMap((project) => project.funds)
      .find((fund) => fund.at.startsWith(`${year}-`))?.at;
    const dates = [
      `${earlier}-01-15`,
      `${earlier}-06-14`,
      `${earlier}-11-20`,
      `${year}-02-10`,
      `${year}-05-16`,
      `${year}-08-20`,
      `${year}-10-09`,
      `${thisYear}-01-20`,
      signingDate,
      ...(startDate ? [startDate] : []),
      ...(fundDate ? [fundDate] : []),
    ].filter(
      (date) =>
        date <= today && monthsElapsed(Number(date.slice(0, 4)), date) === Number(date.slice(5, 7)) - 1,
    );
    for (const figuresYear of [earlier, year]) {
      for (const asOf of dates) {
        const actual = await summary(`year=${figuresYear}&asOf=${asOf}`);
        expect(actual).toMatchObject({ year: figuresYear, asOfDate: asOf });
        expectFigures(
          actual,
          expectedFigures(projects, keyWorks, figuresYear, asOf, endOfShanghaiDay(asOf)),
          `year=${figuresYear}&asOf=${asOf}`,
        );
      }
    }
  });

  it('every figure now (asOf omitted) — everything counted', async () => {
    for (const figuresYear of [earlier, year]) {
      const actual = await summary(`year=${figuresYear}`);
      expectFigures(
        actual,
        expectedFigures(projects, keyWorks, figuresYear, today, new Date()),
        `year=${figuresYear}`,
      );
    }
  });

  it('asOf as a moment: a report counts from the instant it was entered, not a millisecond before', async () => {
    const work = keyWorks.find(
      (candidate) => candidate.year === year && candidate.reports.some((report) => report.amount > 0n),
    )!;
    const report = work.reports.find((candidate) => candidate.amount > 0n)!;
    const at = report.reportedAt;
    const before = new Date(at.getTime() - 1);
    const atAnswer = await summary(`year=${year}&asOf=${encodeURIComponent(at.toISOString())}`);
    const beforeAnswer = await summary(`year=${year}&asOf=${encodeURIComponent(before.toISOString())}`);
    const dateOf = (moment: Date) => shanghaiToday(moment);
    const expectedAt = expectedFigures(projects, keyWorks, year, dateOf(at), at);
    const expectedBefore = expectedFigures(projects, keyWorks, year, dateOf(before), before);
    expect(expectedAt.keyWorks.investmentRate).not.toBe(expectedBefore.keyWorks.investmentRate);
    if (monthsElapsed(year, dateOf(at)) === Number(dateOf(at).slice(5, 7)) - 1) {
      expectFigures(atAnswer, expectedAt, `asOf=${at.toISOString()}`);
      expectFigures(beforeAnswer, expectedBefore, `asOf=${before.toISOString()}`);
    } else {
      expect(atAnswer.keyWorks.investmentRate).toBeCloseTo(expectedAt.keyWorks.investmentRate!, 12);
      expect(beforeAnswer.keyWorks.investmentRate).toBeCloseTo(expectedBefore.keyWorks.investmentRate!, 12);
    }
    // an offset other than +08:00 means the same instant
    const shifted = await summary(
      `year=${year}&asOf=${encodeURIComponent(new Date(at.getTime()).toISOString().replace('Z', '+00:00'))}`,
    );
    expect(shifted.keyWorks.completedInvestment).toBe(atAnswer.keyWorks.completedInvestment);
  });

  it('the source and departmentId filters', async () => {
    for (const asOf of [`${year}-08-20`, undefined]) {
      const asOfDate = asOf ?? today;
      const asOfMoment = asOf ? endOfShanghaiDay(asOf) : new Date();
      for (const source of SOURCES) {
        const actual = await summary(
          `year=${year}&source=${encodeURIComponent(source)}${asOf ? `&asOf=${asOf}` : ''}`,
        );
        expectFigures(
          actual,
          expectedFigures(projects, keyWorks, year, asOfDate, asOfMoment, { source }),
          `source=${source} asOf=${asOfDate}`,
        );
      }
      for (const departmentId of departments) {
        const actual = await summary(
          `year=${year}&departmentId=${departmentId}${asOf ? `&asOf=${asOf}` : ''}`,
        );
        expectFigures(
          actual,
          expectedFigures(projects, keyWorks, year, asOfDate, asOfMoment, { departmentId }),
          `departmentId=${departmentId} asOf=${asOfDate}`,
        );
      }
      const both = await summary(
        `year=${year}&source=${encodeURIComponent(SOURCES[0]!)}&departmentId=${departments[0]}${asOf ? `&asOf=${asOf}` : ''}`,
      );
      expectFigures(
        both,
        expectedFigures(projects, keyWorks, year, asOfDate, asOfMoment, {
          source: SOURCES[0],
          departmentId: departments[0],
        }),
        `source+departmentId asOf=${asOfDate}`,
      );
    }
  });

  it('rates are null when their denominator is 0', async () => {
    const empty = await summary(`year=${earlier - 3}&asOf=${earlier - 3}-06-15`);
    expect(empty).toMatchObject({
      signedCount: 0,
      contractAmount: '0.00',
      fundsArrived: '0.00',
      landingRate: null,
      startRate: null,
      fundsRate: null,
      keyWorks: { count: 0, startRate: null, investmentRate: null },
    });
    // a source nobody used
    const unused = await summary(`year=${year}&source=${encodeURIComponent('以商招商')}`);
    expect(unused).toMatchObject({ signedCount: 0, landingRate: null, startRate: null, fundsRate: null });
    expect(unused.keyWorks).toMatchObject({
      count: 0,
      startRate: null,
      investmentRate: null,
      scheduleRate: 1,
    });
  });

  it('序时进度 counts a month once its last day has ended (asOf = end of that day)', async () => {
    // asOf=<date> means the end of that day (Asia/Shanghai): at the end of 31 December the whole year
    // has elapsed, and it must agree with 1 January of the next year.
    const endOfYear = await summary(`year=${year}&asOf=${year}-12-31`);
    const nextDay = await summary(`year=${year}&asOf=${year + 1}-01-01`);
    expect(nextDay.keyWorks.scheduleRate).toBe(1);
    expect(endOfYear.keyWorks.scheduleRate).toBe(1);
    const endOfJune = await summary(`year=${year}&asOf=${year}-06-30`);
    expect(endOfJune.keyWorks.scheduleRate).toBeCloseTo(6 / 12, 12);
    const midJune = await summary(`year=${year}&asOf=${year}-06-15`);
    expect(midJune.keyWorks.scheduleRate).toBeCloseTo(5 / 12, 12);
  });

  it('validates the query: bad year, asOf, departmentId, unknown parameters → 400 naming them', async () => {
    for (const [query, field] of [
      ['year=20x6', 'year'],
      ['year=1999', 'year'],
      ['asOf=2026-13-01', 'asOf'],
      ['asOf=yesterday', 'asOf'],
      ['departmentId=abc', 'departmentId'],
      ['colour=red', 'colour'],
    ]) {
      const answer = await stack.call('GET', `/api/dashboard/summary?${query}`, { token: tokens.leader });
      expect(answer.status, query).toBe(400);
      expect(answer.body.message).toContain(field);
    }
  });
});

describe('dashboard figures of the demo district (domain §7)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows the speech’s figures for this year: 8 signed, 320000 万元, 37.5% started, 78 key works', async () => {
    for (const user of ['leader', 'bureau', 'admin', 'dept']) {
      const token = await stack.login(user);
      const answer = await stack.call('GET', '/api/dashboard/summary', { token });
      expect(answer.status).toBe(200);
      expect(answer.body, user).toMatchObject({
        year: Number(shanghaiToday().slice(0, 4)),
        asOfDate: shanghaiToday(),
        signedCount: 8,
        contractAmount: '320000.00',
        startedCount: 3,
        startRate: 0.375,
        negotiatingCount: 31,
        keyWorks: { count: 78 },
      });
    }
    const token = await stack.login('leader');
    const explicit = await stack.call(
      'GET',
      `/api/dashboard/summary?year=${shanghaiToday().slice(0, 4)}&asOf=${shanghaiToday()}`,
      { token },
    );
    expect(explicit.body).toMatchObject({ signedCount: 8, contractAmount: '320000.00', startRate: 0.375 });
    // the demo data agrees with the figures: the list of this year's signed projects sums to the same
    const listed = await stack.call('GET', `/api/projects?year=${shanghaiToday().slice(0, 4)}&pageSize=200`, {
      token,
    });
    expect(listed.body.total).toBe(8);
    expect(money(listed.body.items.reduce((sum: bigint, p: any) => sum + cents(p.contractAmount), 0n))).toBe(
      '320000.00',
    );
  });
});
