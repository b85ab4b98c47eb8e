/* Shared set-up and helpers of the cockpit scenarios (one file per scenario in this folder). */
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
import { workingDaysBetween } from '../support/calendar';

/**
 * The cockpit's figures (issue 7: funnel, breakdown, trend, approvals by department and light, open
 * alerts) against an independent computation over generated data, in plain TypeScript: projects,
 * stage changes and key-work reports go through the API; milestones are written straight into the
 * table with chosen deadlines and decisions, and their lights are recomputed day by day from the
 * `chinese-days` data package. The drill-down lists must total exactly the figure they come from.
 */

export interface ModelProject extends GeneratedProject {
  industry: string;
}

export interface ModelKeyWork {
  project: ModelProject;
  plan: bigint;
  reports: GeneratedReport[];
}

export interface ModelMilestone {
  projectId: string;
  source: string;
  departmentId: string;
  itemCode: string;
  acceptedOn: string;
  deadline: string;
  decidedAt: Date | null;
}

export const SEED = 20_261_201;
export const SOURCES = ['沪洽会', '港洽会', '中博会'];

export const rounded = (value: number | null) => (value === null ? null : Number(value.toFixed(12)));
export const lastDayOfMonth = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return addDays(m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`, -1);
};

export let stack: TestStack;
export let tokens: Tokens;
export const projects: ModelProject[] = [];
export const keyWorks: ModelKeyWork[] = [];
export const milestones: ModelMilestone[] = [];
export const today = shanghaiToday();
export const thisYear = Number(today.slice(0, 4));
export const year = thisYear - 1;
export let departments: string[];
export let industries: string[];
export let yellowDaysOf: Map<string, number>;
export let demo: { funnel: any; breakdown: any };

export const get = async (path: string, token = tokens.leader) => {
  const answer = await stack.call('GET', path, { token });
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  return answer.body;
};
export const query = (values: Record<string, string | number | undefined>) =>
  Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&');
export const listTotal = async (values: Record<string, string | number | undefined>) =>
  (await get(`/api/projects?${query({ ...values, pageSize: 1 })}`)).total as number;

// ---- the independent computation ----------------------------------------------------------
export const matches = (project: ModelProject, filter: Filter) =>
  (!filter.source || project.source === filter.source) &&
  (!filter.departmentId || project.departmentId === filter.departmentId);
export const by = (date: string | null, asOf: string) => date !== null && date <= asOf;
export const inYear = (date: string | null, figuresYear: number, asOf: string) =>
  date !== null && date.startsWith(`${figuresYear}-`) && date <= asOf;
export const signedCohort = (figuresYear: number, asOf: string, filter: Filter) =>
  projects.filter((project) => matches(project, filter) && inYear(project.signedAt, figuresYear, asOf));

export function expectedFunnel(figuresYear: number, asOf: string, filter: Filter) {
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
    // The generated walk (PIPELINE) ends at operating: no generated project reaches 达产.
    { stage: 'full_production', count: 0 },
  ];
}

export function expectedBreakdown(
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

export function expectedTrend(figuresYear: number, asOf: string, asOfMoment: Date, filter: Filter) {
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
export function expectedLights(asOf: string, asOfMoment: Date, filter: Filter) {
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

export const asOfDates = () =>
  [`${year}-03-15`, `${year}-07-31`, `${year}-11-20`, `${thisYear}-02-10`, today].filter(
    (date) => date <= today,
  );
export const filters = (): Filter[] => [{}, { source: '港洽会' }, { departmentId: departments[1]! }];

/** The stack of one scenario file: started before its tests, stopped after. */
export function useCockpitStack(): void {
  useSignedInStack(async (started) => {
    ({ stack, tokens } = started);
    const year0 = Number(shanghaiToday().slice(0, 4));
    demo = {
      funnel: await get(`/api/dashboard/funnel?year=${year0}`),
      breakdown: await get(`/api/dashboard/breakdown?by=source&year=${year0}`),
    };
    await clearProjects(stack);
    departments = DEPARTMENT_CODES.map((code) => started.departments.get(code)!);
    const dataSource = await stack.database.dataSource();
    industries = (
      (await dataSource.query(
        "SELECT name FROM lookup_item WHERE kind = 'industry' AND enabled = 1 ORDER BY sort_order, id",
      )) as Array<{ name: string }>
    )
      .map((row) => row.name)
      .slice(0, 3);
    expect(industries.length).toBeGreaterThan(1);
    const draw = seededDraw(SEED);
    const { random, pick, between } = draw;

    // 48 projects from the year before `year` to today, random stages, jumps and terminations.
    const plans: Array<() => Promise<void>> = [];
    for (let index = 0; index < 48; index += 1) {
      const talksStartedAt = between(`${year - 1}-06-01`, minDate(`${thisYear}-06-30`, today));
      const project = newGeneratedProject<ModelProject>({
        source: pick(SOURCES),
        industry: pick(industries),
        departmentId: pick(departments),
        amount: BigInt(1 + Math.floor(random() * 3_000_000_000)),
        talksStartedAt,
      });
      const changes = walkStages(draw, project, talksStartedAt, today);
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
    await inBatchesOfEight(plans);

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
      work.reports = await enterMonthlyReports(
        stack,
        tokens.bureau,
        draw,
        { id: created.body.id, year },
        { skip: 0.3, maxAmount: 30_000_000, days: 20 },
      );
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
}
