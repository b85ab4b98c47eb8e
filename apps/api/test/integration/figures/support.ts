/* Shared set-up and helpers of the figures scenarios (one file per scenario in this folder). */
import { type TestStack } from '@luodi/testing';
import { expect } from 'vitest';
import {
  addDays,
  changeStage,
  clearProjects,
  createProject,
  money,
  shanghaiToday,
  type Tokens,
  useSignedInStack,
} from '../support/fixtures';
import {
  DEPARTMENT_CODES,
  enterMonthlyReports,
  type Filter,
  type GeneratedProject,
  type GeneratedReport,
  inBatchesOfEight,
  minDate,
  newGeneratedProject,
  ratio,
  seededDraw,
  walkStages,
} from '../support/generated';

/**
 * The figures of domain §6 against an independent computation: the test generates projects, stage
 * changes, funds, key works and monthly reports through the API (with a fixed seed), keeps its own
 * model of what it did, and recomputes every figure from that model in plain TypeScript.
 */

export interface ModelProject extends GeneratedProject {
  funds: Array<{ amount: bigint; at: string }>;
}

export interface ModelKeyWork {
  id: string;
  project: ModelProject;
  year: number;
  plan: bigint;
  plannedStartMonth: number | null;
  reports: GeneratedReport[];
}

export const SEED = 20_261_125;
export const SOURCES = ['沪洽会', '港洽会', '中博会', '自主招商'];

/** Months of `year` elapsed at the end of the business day `asOf` (a month has elapsed once its last day has). */
export function monthsElapsed(year: number, asOf: string): number {
  const asOfYear = Number(asOf.slice(0, 4));
  if (asOfYear < year) return 0;
  if (asOfYear > year) return 12;
  const month = Number(asOf.slice(5, 7));
  const nextMonthFirst =
    month === 12 ? `${asOfYear + 1}-01-01` : `${asOfYear}-${String(month + 1).padStart(2, '0')}-01`;
  return asOf === addDays(nextMonthFirst, -1) ? month : month - 1;
}

/** §6, recomputed from the model. */
export function expectedFigures(
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
export function expectFigures(actual: any, expected: ReturnType<typeof expectedFigures>, label: string) {
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

export let stack: TestStack;
export let tokens: Tokens;
export const projects: ModelProject[] = [];
export const keyWorks: ModelKeyWork[] = [];
export const today = shanghaiToday();
export const thisYear = Number(today.slice(0, 4));
export const year = thisYear - 1;
export const earlier = thisYear - 2;
export let departments: string[];
export const lastDataDay = `${year}-12-31`;

export const summary = async (query: string, token = tokens.leader) => {
  const answer = await stack.call('GET', `/api/dashboard/summary?${query}`, { token });
  expect(answer.status, `${query}: ${JSON.stringify(answer.body)}`).toBe(200);
  return answer.body;
};

/** The stack of one scenario file: started before its tests, stopped after. */
export function useFiguresStack(): void {
  useSignedInStack(async (started) => {
    ({ stack, tokens } = started);
    await clearProjects(stack);
    departments = DEPARTMENT_CODES.map((code) => started.departments.get(code)!);
    const draw = seededDraw(SEED);
    const { random, pick, between } = draw;

    // 54 projects over two years, with random stages, jumps, terminations and funds.
    const plans: Array<() => Promise<void>> = [];
    for (let index = 0; index < 54; index += 1) {
      const talksStartedAt = between(`${earlier}-01-01`, `${year}-11-30`);
      const amount =
        index % 9 === 0 ? pick([10n, 20n, 1n, 0n]) : BigInt(1 + Math.floor(random() * 5_000_000_000));
      const project = newGeneratedProject<ModelProject>({
        source: pick(SOURCES),
        departmentId: pick(departments),
        amount,
        talksStartedAt,
        funds: [],
      });
      const changes = walkStages(draw, project, talksStartedAt, lastDataDay);
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
            body: { amount: money(fund.amount), at: fund.at, confirmOverContract: true },
          });
          expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        }
      });
    }
    await inBatchesOfEight(plans);

    // Key works: 26 on the list of `year`, 10 on the list of `earlier`, with plans and reports.
    const order = [...projects].sort(() => random() - 0.5);
    const lists: Array<[number, ModelProject[]]> = [
      [year, order.slice(0, 26)],
      [earlier, order.slice(20, 30)],
    ];
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
        // Entered between the 1st and the 25th of the next month (Asia/Shanghai), never after now.
        work.reports = await enterMonthlyReports(
          stack,
          tokens.bureau,
          draw,
          { id: work.id, year: listYear },
          { skip: 0.35, maxAmount: 40_000_000, days: 25, body: { progress: '施工中' } },
        );
        keyWorks.push(work);
      }
    }
  });
}
