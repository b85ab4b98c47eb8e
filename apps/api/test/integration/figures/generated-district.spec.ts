import { startStack, type TestStack } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cents, endOfShanghaiDay, money, shanghaiToday } from '../support/fixtures';
import {
  departments,
  earlier,
  expectedFigures,
  expectFigures,
  keyWorks,
  monthsElapsed,
  projects,
  SOURCES,
  stack,
  summary,
  thisYear,
  today,
  tokens,
  useFiguresStack,
  year,
} from './support';

describe('dashboard figures (domain §6) against an independent computation over generated data', () => {
  useFiguresStack();

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
