import { describe, expect, it } from 'vitest';
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
  type Filter,
  type GeneratedProject,
  inBatchesOfEight,
  minDate,
  seededDraw,
  walkStages,
} from '../support/generated';
import {
  commitmentFields,
  drawCommitments,
  enterCommitments,
  type GeneratedActual,
  type GeneratedClause,
  type GeneratedCommitments,
} from '../support/generated-commitments';
import type { TestStack } from '@luodi/testing';

/**
 * The `commitments` figures of the summary and their drill-down lists (commitments.md §4–5) against
 * an independent computation over a generated district at several `asOf` dates, past ones included:
 * projects walk through the stages (some to 达产) through the API, with land, subsidies, clauses,
 * actuals (some re-entered) and review decisions; the expected figures are worked out here in plain
 * BigInt arithmetic over what was entered — cents, hundredths of a mu, ten-thousandths of a ratio —
 * without the assessment code of libs/domain.
 */

interface ModelProject extends GeneratedProject {
  code: string;
  fullProductionAt: string | null;
  commitments: GeneratedCommitments;
}

const SEED = 20_261_207;
const SOURCES = ['沪洽会', '港洽会', '中博会'];
const today = shanghaiToday();
const thisYear = Number(today.slice(0, 4));
const firstYear = thisYear - 4;
const projects: ModelProject[] = [];
let stack: TestStack;
let tokens: Tokens;
let departments: string[];

// ---- exact fractions (numerator, denominator > 0), written out here on purpose ----------------
type Fraction = { n: bigint; d: bigint };
const frac = (n: bigint, d = 1n): Fraction => ({ n, d });
const plus = (a: Fraction, b: Fraction) => frac(a.n * b.d + b.n * a.d, a.d * b.d);
const minus = (a: Fraction, b: Fraction) => frac(a.n * b.d - b.n * a.d, a.d * b.d);
const times = (a: Fraction, b: Fraction) => frac(a.n * b.n, a.d * b.d);
const atLeast = (a: Fraction, b: Fraction) => a.n * b.d >= b.n * a.d;
const cmp = (a: Fraction, b: Fraction) => (a.n * b.d < b.n * a.d ? -1 : a.n * b.d > b.n * a.d ? 1 : 0);
/** Non-negative fraction written with `decimals` decimals, half up. */
function written(value: Fraction, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  let units = (value.n * scale) / value.d;
  if (2n * ((value.n * scale) % value.d) >= value.d) units += 1n;
  const digits = units.toString().padStart(decimals + 1, '0');
  return decimals ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits;
}
/** Rounded to whole cents, half up. */
const toCents = (value: Fraction) => {
  const units = (value.n * 100n) / value.d;
  return 2n * ((value.n * 100n) % value.d) >= value.d ? units + 1n : units;
};

// ---- the independent computation --------------------------------------------------------------
const reached = (date: string | null, asOf: string) => date !== null && date <= asOf;
const matches = (project: ModelProject, filter: Filter) =>
  (!filter.source || project.source === filter.source) &&
  (!filter.departmentId || project.departmentId === filter.departmentId);
const lastDay = (year: number, month: number) =>
  addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`, -1);
const periodEnd = (period: string) => {
  const year = Number(period.slice(0, 4));
  if (period.length === 4) return `${year}-12-31`;
  if (period[5] === 'Q') return lastDay(year, Number(period[6]) * 3);
  return lastDay(year, Number(period.slice(5)));
};
const granularity = (period: string) => (period.length === 4 ? 2 : period[5] === 'Q' ? 1 : 0);

type Measure = 'taxPaid' | 'outputValue' | 'fixedAssetInvestment' | 'headcount';
/** A flow of a year: the year's entry, else the sum of its quarters, else the sum of its months. */
function yearTotal(actuals: GeneratedActual[], measure: Measure, year: number): bigint | null {
  for (const level of [2, 1, 0]) {
    const entries = actuals.filter(
      (a) => a.period.startsWith(`${year}`) && granularity(a.period) === level && a[measure] !== null,
    );
    if (entries.length) return entries.reduce((sum, a) => sum + BigInt(a[measure]!), 0n);
  }
  return null;
}
/** A stock by a day: the entry of the period ending last by then (the finest on a tie). */
function stockBy(actuals: GeneratedActual[], measure: Measure, day: string): bigint | null {
  let best: GeneratedActual | null = null;
  for (const a of actuals) {
    if (a[measure] === null || periodEnd(a.period) > day) continue;
    if (
      !best ||
      periodEnd(a.period) > periodEnd(best.period) ||
      (periodEnd(a.period) === periodEnd(best.period) && granularity(a.period) < granularity(best.period))
    )
      best = a;
  }
  return best ? BigInt(best[measure]!) : null;
}

const STAGE_OF = {
  start_by: 'startedAt',
  operate_by: 'operatingAt',
  full_production_by: 'fullProductionAt',
} as const;
const ANNUAL_MEASURE = {
  annual_tax: 'taxPaid',
  tax_per_mu: 'taxPaid',
  output_per_mu: 'outputValue',
} as const;

/** A clause at asOf: not yet due, met, or unmet with its clawback before the cap (万元). */
function clauseAt(project: ModelProject, clause: GeneratedClause, asOf: string) {
  const { landHundredths, actuals } = project.commitments;
  if (clause.agreedDate !== null) {
    if (asOf < clause.agreedDate) return { due: false, met: false, clawback: frac(0n) };
    const date = project[STAGE_OF[clause.indicator as keyof typeof STAGE_OF]];
    return { due: true, met: date !== null && date <= clause.agreedDate && date <= asOf, clawback: frac(0n) };
  }
  const dueDate = clause.year !== null ? `${clause.year}-12-31` : clause.dueDate!;
  if (asOf < dueDate) return { due: false, met: false, clawback: frac(0n) };
  // The actual and the agreed value in the clause's unit, as fractions of 万元 (or persons, or per mu).
  let actual: Fraction | null;
  let agreed: Fraction;
  if (clause.indicator === 'jobs') {
    const heads = stockBy(actuals, 'headcount', dueDate);
    actual = heads === null ? null : frac(heads);
    agreed = frac(clause.agreed!);
  } else {
    const raw =
      clause.indicator in ANNUAL_MEASURE
        ? yearTotal(actuals, ANNUAL_MEASURE[clause.indicator as keyof typeof ANNUAL_MEASURE], clause.year!)
        : stockBy(actuals, 'fixedAssetInvestment', dueDate);
    const perMu = ['investment_intensity', 'tax_per_mu', 'output_per_mu'].includes(clause.indicator);
    // cents ÷ 100 = 万元; per mu: (cents ÷ 100) ÷ (hundredths ÷ 100) = cents ÷ hundredths.
    actual = raw === null ? null : perMu ? frac(raw, landHundredths!) : frac(raw, 100n);
    agreed = frac(clause.agreed!, 100n);
  }
  const met = actual !== null && atLeast(actual, agreed);
  let clawback = frac(0n);
  if (!met && clause.ratio !== null) {
    const ratio = frac(clause.ratio, 10_000n);
    const shortfall = minus(agreed, actual ?? frac(0n));
    if (clause.basis === 'subsidy') clawback = times(frac(subsidyCents(project), 100n), ratio);
    else if (['investment_intensity', 'tax_per_mu', 'output_per_mu'].includes(clause.indicator))
      clawback = times(times(shortfall, frac(landHundredths!, 100n)), ratio);
    else clawback = times(shortfall, ratio);
  }
  return { due: true, met, clawback };
}
const subsidyCents = (project: ModelProject) =>
  project.commitments.subsidies.reduce((sum, subsidy) => sum + subsidy.cents, 0n);
const earliest = (project: ModelProject, indicator: string) =>
  project.commitments.clauses
    .filter((clause) => clause.indicator === indicator)
    .map((clause) => clause.agreedDate!)
    .sort()[0] ?? null;

/** One project's part in each figure at asOf (its per-mu values of `perMuYear`). */
function projectAt(project: ModelProject, asOf: string, perMuYear: number) {
  const assessed = project.commitments.clauses.map((clause) => clauseAt(project, clause, asOf));
  const fullProductionBy = earliest(project, 'full_production_by');
  const operateBy = earliest(project, 'operate_by');
  const reviewDue =
    reached(project.fullProductionAt, asOf) || (fullProductionBy !== null && fullProductionBy < asOf);
  const sum = assessed.reduce((total, clause) => plus(total, clause.clawback), frac(0n));
  const cap = frac(subsidyCents(project), 100n);
  const land = project.commitments.landHundredths;
  const perMu = (measure: 'taxPaid' | 'outputValue') => {
    if (!reached(project.operatingAt, asOf) || land === null) return null;
    const total = yearTotal(project.commitments.actuals, measure, perMuYear);
    return total === null ? null : frac(total, land);
  };
  const decided =
    project.commitments.decision && project.commitments.decision.on <= asOf
      ? project.commitments.decision
      : null;
  return {
    clausesDue: assessed.filter((clause) => clause.due).length,
    clausesMet: assessed.filter((clause) => clause.due && clause.met).length,
    fullProductionDue: fullProductionBy !== null && fullProductionBy < asOf,
    fullProductionReached:
      fullProductionBy !== null && fullProductionBy < asOf && reached(project.fullProductionAt, asOf),
    idleLand:
      project.commitments.landSuppliedAt !== null &&
      project.commitments.landSuppliedAt <= addDays(asOf, -180) &&
      !reached(project.startedAt, asOf),
    builtNotOperating:
      reached(project.startedAt, asOf) &&
      !reached(project.operatingAt, asOf) &&
      operateBy !== null &&
      operateBy < asOf,
    taxPerMu: perMu('taxPaid'),
    outputPerMu: perMu('outputValue'),
    reviewDue,
    recommendedCents: reviewDue ? toCents(cmp(sum, cap) > 0 ? cap : sum) : 0n,
    decidedCents: decided ? decided.cents : null,
  };
}

function perMuSummary(values: Fraction[], edges: number[]) {
  const sorted = [...values].sort(cmp);
  const middle = Math.floor(sorted.length / 2);
  const median = !sorted.length
    ? null
    : sorted.length % 2
      ? written(sorted[middle]!, 4)
      : written(times(plus(sorted[middle - 1]!, sorted[middle]!), frac(1n, 2n)), 4);
  const bounds = [0, ...edges];
  return {
    count: values.length,
    median,
    distribution: bounds.map((from, index) => {
      const to = bounds[index + 1] ?? null;
      return {
        from: String(from),
        to: to === null ? null : String(to),
        count: values.filter(
          (value) => atLeast(value, frac(BigInt(from))) && (to === null || !atLeast(value, frac(BigInt(to)))),
        ).length,
      };
    }),
  };
}

const live = (filter: Filter) =>
  projects.filter((project) => project.terminatedAt === null && matches(project, filter));

function expectedFigures(asOf: string, year: number, filter: Filter) {
  const perMuYear = asOf >= `${year}-12-31` ? year : year - 1;
  const rows = live(filter).map((project) => projectAt(project, asOf, perMuYear));
  const count = (pick: (row: (typeof rows)[number]) => boolean) => rows.filter(pick).length;
  const clausesDue = rows.reduce((sum, row) => sum + row.clausesDue, 0);
  const clausesMet = rows.reduce((sum, row) => sum + row.clausesMet, 0);
  const fullProductionDue = count((row) => row.fullProductionDue);
  const fullProductionReached = count((row) => row.fullProductionReached);
  return {
    clausesDue,
    clausesMet,
    rate: clausesDue ? clausesMet / clausesDue : null,
    fullProductionDue,
    fullProductionReached,
    fullProductionRate: fullProductionDue ? fullProductionReached / fullProductionDue : null,
    perMuYear,
    taxPerMu: perMuSummary(
      rows.flatMap((row) => (row.taxPerMu ? [row.taxPerMu] : [])),
      [5, 10, 20, 30],
    ),
    outputPerMu: perMuSummary(
      rows.flatMap((row) => (row.outputPerMu ? [row.outputPerMu] : [])),
      [100, 200, 400, 600],
    ),
    idleLand: count((row) => row.idleLand),
    builtNotOperating: count((row) => row.builtNotOperating),
    recommendedClawback: money(rows.reduce((sum, row) => sum + row.recommendedCents, 0n)),
    decidedClawback: money(rows.reduce((sum, row) => sum + (row.decidedCents ?? 0n), 0n)),
    reviewsDue: count((row) => row.reviewDue),
    reviewsDecided: count((row) => row.decidedCents !== null),
  };
}

/** The projects of each drill-down list at asOf, by code. */
function expectedLists(asOf: string, year: number) {
  const perMuYear = asOf >= `${year}-12-31` ? year : year - 1;
  const rows = live({}).map((project) => ({ code: project.code, row: projectAt(project, asOf, perMuYear) }));
  const codes = (pick: (row: ReturnType<typeof projectAt>) => boolean) =>
    rows
      .filter(({ row }) => pick(row))
      .map(({ code }) => code)
      .sort();
  return {
    clauses_due: codes((row) => row.clausesDue > 0),
    clauses_met: codes((row) => row.clausesMet > 0),
    clauses_unmet: codes((row) => row.clausesDue > row.clausesMet),
    full_production_due: codes((row) => row.fullProductionDue),
    full_production_reached: codes((row) => row.fullProductionReached),
    idle_land: codes((row) => row.idleLand),
    built_not_operating: codes((row) => row.builtNotOperating),
    per_mu: codes((row) => row.taxPerMu !== null || row.outputPerMu !== null),
    reviews_due: codes((row) => row.reviewDue),
    reviews_decided: codes((row) => row.decidedCents !== null),
  };
}

// ---- the district -------------------------------------------------------------------------------
const get = async (path: string, token = tokens.leader) => {
  const answer = await stack.call('GET', path, { token });
  expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
  return answer.body;
};
const asOfDates = () =>
  [
    `${thisYear - 2}-06-30`,
    `${thisYear - 1}-03-31`,
    `${thisYear - 1}-12-31`,
    addDays(today, -45),
    today,
  ].filter((date, index, all) => date <= today && all.indexOf(date) === index);

describe('commitment figures over a generated district (commitments.md §5)', () => {
  useSignedInStack(async (started) => {
    ({ stack, tokens } = started);
    await clearProjects(stack);
    departments = DEPARTMENT_CODES.map((code) => started.departments.get(code)!);
    const draw = seededDraw(SEED);
    const plans: Array<() => Promise<void>> = [];
    const entries: Array<() => Promise<void>> = [];
    for (let index = 0; index < 36; index += 1) {
      const talksStartedAt = draw.between(`${firstYear}-01-01`, `${thisYear - 1}-09-30`);
      const project: ModelProject = {
        id: '',
        code: `GCM-${String(index).padStart(3, '0')}`,
        source: draw.pick(SOURCES),
        departmentId: draw.pick(departments),
        amount: BigInt(1 + Math.floor(draw.random() * 3_000_000_000)),
        talksStartedAt,
        signedAt: null,
        registeredAt: null,
        startedAt: null,
        operatingAt: null,
        terminatedAt: null,
        fullProductionAt: null,
        commitments: undefined as unknown as GeneratedCommitments,
      };
      const changes = walkStages(draw, project, talksStartedAt, today);
      if (project.operatingAt && !project.terminatedAt && draw.random() < 0.55) {
        project.fullProductionAt = minDate(
          draw.between(project.operatingAt, addDays(project.operatingAt, 400)),
          today,
        );
        changes.push({ stage: 'full_production', at: project.fullProductionAt });
      }
      // Subsidies are dated before the first asOf (the figures use the total paid).
      project.commitments = drawCommitments(draw, index + 1, project, {
        firstYear,
        today,
        subsidiesBy: `${thisYear - 2}-06-01`,
      });
      projects.push(project);
      const entryDraw = seededDraw(SEED + index + 1);
      // Created one at a time (the credit code's uniqueness is checked under a locking read), then
      // walked through the stages eight at a time.
      const created = await createProject(stack, tokens.bureau, project.departmentId, {
        code: project.code,
        source: project.source,
        contractAmount: money(project.amount),
        talksStartedAt,
        ...commitmentFields(project.commitments),
      });
      project.id = created.id;
      plans.push(async () => {
        for (const change of changes) await changeStage(stack, tokens.bureau, project.id, change);
      });
      entries.push(() => enterCommitments(stack, tokens.bureau, entryDraw, project.id, project.commitments));
    }
    await inBatchesOfEight(plans);
    // One project at a time: concurrent first entries of periods of different projects can meet in
    // the actuals table's gap locks (409 busy), which is not what this test is about.
    for (const entry of entries) await entry();

    // Decisions on about two reviews in three of those due today, backdated to a day the review was due.
    const dataSource = await stack.database.dataSource();
    const DECISIONS = ['accept', 'reduce', 'waive'] as const;
    let withClawback = 0;
    for (const project of live({})) {
      const now = projectAt(project, today, thisYear - 1);
      if (!now.reviewDue || draw.random() < 0.35) continue;
      const readyOn = [
        project.fullProductionAt,
        earliest(project, 'full_production_by') && addDays(earliest(project, 'full_production_by')!, 1),
      ]
        .filter((date): date is string => !!date)
        .sort()[0]!;
      const on = draw.between(minDate(readyOn, today), today);
      const recommended = now.recommendedCents;
      // Each kind in turn where there is something to recover.
      const choice = recommended > 0n ? DECISIONS[(withClawback += 1) % 3]! : 'accept';
      const body =
        choice === 'accept'
          ? { decision: 'accept' }
          : choice === 'reduce'
            ? { decision: 'reduce', amount: money(recommended / 2n), reason: '企业经营困难，减半追缴' }
            : { decision: 'waive', reason: '不可抗力，免于追缴' };
      const answer = await stack.call('POST', `/api/projects/${project.id}/review/decision`, {
        token: tokens.bureau,
        body,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      await dataSource.query('UPDATE commitment_review SET decided_at = ? WHERE project_id = ?', [
        new Date(`${on}T10:00:00+08:00`),
        project.id,
      ]);
      project.commitments.decision = {
        decision: choice,
        cents: choice === 'accept' ? recommended : choice === 'reduce' ? recommended / 2n : 0n,
        on,
      };
    }
  });

  it('generates a district with every case the figures count', () => {
    const rows = asOfDates().flatMap((asOf) =>
      live({}).map((project) => projectAt(project, asOf, thisYear - 1)),
    );
    const clauses = rows.reduce((sum, row) => sum + row.clausesDue, 0);
    const met = rows.reduce((sum, row) => sum + row.clausesMet, 0);
    expect(met).toBeGreaterThan(0);
    expect(clauses - met).toBeGreaterThan(0);
    expect(rows.some((row) => row.fullProductionReached)).toBe(true);
    expect(rows.some((row) => row.fullProductionDue && !row.fullProductionReached)).toBe(true);
    expect(rows.some((row) => row.idleLand)).toBe(true);
    expect(rows.some((row) => row.builtNotOperating)).toBe(true);
    expect(rows.some((row) => row.recommendedCents > 0n)).toBe(true);
    expect(rows.some((row) => row.taxPerMu !== null)).toBe(true);
    expect(projects.some((project) => project.commitments.replaced.length > 0)).toBe(true);
    expect(
      new Set(projects.flatMap((p) => (p.commitments.decision ? [p.commitments.decision.decision] : [])))
        .size,
    ).toBe(3);
  });

  it('answers the summary figures of an independent computation at every asOf and filter', async () => {
    const filters: Filter[] = [{}, { source: '港洽会' }, { departmentId: departments[1]! }];
    for (const asOf of asOfDates()) {
      for (const year of asOf === today ? [thisYear, thisYear - 1] : [Number(asOf.slice(0, 4))]) {
        for (const filter of filters) {
          const query = new URLSearchParams({ year: String(year), asOf, ...filter }).toString();
          const summary = await get(`/api/dashboard/summary?${query}`);
          expect(summary.commitments, `${query}`).toEqual(expectedFigures(asOf, year, filter));
        }
      }
    }
  });

  it('lists exactly the projects of each figure at every asOf', async () => {
    for (const asOf of asOfDates()) {
      const year = Number(asOf.slice(0, 4));
      for (const [filter, codes] of Object.entries(expectedLists(asOf, year))) {
        const listed: string[] = [];
        for (let page = 1; ; page += 1) {
          const answer = await get(
            `/api/commitments/projects?filter=${filter}&asOf=${asOf}&year=${year}&page=${page}&pageSize=10`,
            tokens.bureau,
          );
          expect(answer.total, `${filter} at ${asOf}`).toBe(codes.length);
          listed.push(...answer.items.map((row: { projectCode: string }) => row.projectCode));
          if (answer.items.length < 10) break;
        }
        expect(listed.sort(), `${filter} at ${asOf}`).toEqual(codes);
      }
      // Each bar of the per-mu distributions opens exactly its projects.
      const figures = expectedFigures(asOf, year, {});
      for (const [indicator, key] of [
        ['tax_per_mu', 'taxPerMu'],
        ['output_per_mu', 'outputPerMu'],
      ] as const) {
        for (const bar of figures[key].distribution) {
          const bounds = `&indicator=${indicator}&from=${bar.from}${bar.to === null ? '' : `&to=${bar.to}`}`;
          const answer = await get(
            `/api/commitments/projects?filter=per_mu&asOf=${asOf}&year=${year}${bounds}&pageSize=1`,
            tokens.bureau,
          );
          expect(answer.total, `${indicator} ${bar.from}–${bar.to} at ${asOf}`).toBe(bar.count);
        }
      }
    }
  });

  it('keeps the first numbers of every re-entered period in the history', async () => {
    const project = projects.find((p) => p.commitments.replaced.length > 0)!;
    const { items } = await get(`/api/projects/${project.id}/actuals`, tokens.bureau);
    for (const period of project.commitments.replaced) {
      const entry = items.find((item: { period: string }) => item.period === period);
      expect(entry.history.length, period).toBe(1);
      expect(entry.history[0]).toMatchObject({
        headcount: 999,
        recordedByName: expect.any(String),
        replacedByName: expect.any(String),
      });
    }
  });
});
