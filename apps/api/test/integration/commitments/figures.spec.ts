import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, changeStage, clearProjects } from '../support/fixtures';
import { fgj, landProject, send, stack, thisYear, today, tokens, useCommitmentsStack } from './support';

/**
 * The `commitments` figures of the summary against numbers worked out by hand for a district of four
 * projects (the demo's projects removed first), and each figure's drill-down list against its figure.
 */
describe('commitment figures (commitments.md §5)', () => {
  useCommitmentsStack();
  const last = thisYear - 1;

  beforeAll(async () => {
    await clearProjects(stack);
    const clause = (id: string, body: Record<string, unknown>) =>
      send('POST', `/api/projects/${id}/clauses`, body, 201);
    // A: at full production on time, 6 万元/亩 of tax against 5 agreed.
    const a = await landProject({ landAreaMu: '10.00' });
    await changeStage(stack, tokens.bureau, a.id, { stage: 'operating', at: `${last}-03-01` });
    await changeStage(stack, tokens.bureau, a.id, { stage: 'full_production', at: `${last}-05-01` });
    await clause(a.id, { indicator: 'full_production_by', agreedDate: `${last}-06-30` });
    await clause(a.id, { indicator: 'tax_per_mu', agreedValue: '5.00', year: last });
    await send('PUT', `/api/projects/${a.id}/actuals/${last}`, { taxPaid: '60.00' });
    // B: operating, past its full-production date, 2 万元/亩 against 5: (5 − 2) × 20 × 0.5 = 30.
    const b = await landProject({ landAreaMu: '20.00' }, fgj);
    await changeStage(stack, tokens.bureau, b.id, { stage: 'operating', at: `${last}-02-01` });
    await clause(b.id, { indicator: 'full_production_by', agreedDate: `${last}-09-30` });
    await clause(b.id, {
      indicator: 'tax_per_mu',
      agreedValue: '5.00',
      year: last,
      clawbackRatio: '0.5',
      clawbackBasis: 'shortfall',
    });
    await send('PUT', `/api/projects/${b.id}/actuals/${last}-Q1`, { taxPaid: '10.00' });
    await send('PUT', `/api/projects/${b.id}/actuals/${last}-Q3`, { taxPaid: '30.00' });
    await send('POST', `/api/projects/${b.id}/subsidies`, { amount: '100.00', at: `${last}-01-15` }, 201);
    await send('POST', `/api/projects/${b.id}/review/decision`, { decision: 'accept' });
    // C: 供而未建 — land supplied 300 days ago, not started.
    await landProject({ landSuppliedAt: addDays(today, -300) });
    // D: 建而未投 — started, past its agreed operation date, not operating.
    const d = await landProject();
    await changeStage(stack, tokens.bureau, d.id, { stage: 'started', at: `${last}-01-01` });
    await clause(d.id, { indicator: 'operate_by', agreedDate: `${last}-12-01` });
  });

  it('answers the figures worked out by hand', async () => {
    const summary = await send(
      'GET',
      `/api/dashboard/summary?year=${thisYear}`,
      undefined,
      200,
      tokens.leader,
    );
    expect(summary.commitments).toEqual({
      clausesDue: 5,
      clausesMet: 2,
      rate: 0.4,
      fullProductionDue: 2,
      fullProductionReached: 1,
      fullProductionRate: 0.5,
      perMuYear: last,
      taxPerMu: {
        count: 2,
        median: '4.0000',
        distribution: [
          { from: '0', to: '5', count: 1 },
          { from: '5', to: '10', count: 1 },
          { from: '10', to: '20', count: 0 },
          { from: '20', to: '30', count: 0 },
          { from: '30', to: null, count: 0 },
        ],
      },
      outputPerMu: expect.objectContaining({ count: 0, median: null }),
      idleLand: 1,
      builtNotOperating: 1,
      recommendedClawback: '30.00',
      decidedClawback: '30.00',
      reviewsDue: 2,
      reviewsDecided: 1,
    });
    const narrowed = await send('GET', `/api/dashboard/summary?year=${thisYear}&departmentId=${fgj}`);
    expect(narrowed.commitments).toMatchObject({
      clausesDue: 2,
      clausesMet: 0,
      idleLand: 0,
      recommendedClawback: '30.00',
    });
  });

  it('opens for every figure the list of exactly its projects', async () => {
    const { commitments: figures } = await send('GET', `/api/dashboard/summary?year=${thisYear}`);
    const total = async (filter: string, token = tokens.bureau) =>
      (
        await send(
          'GET',
          `/api/commitments/projects?filter=${filter}&year=${thisYear}`,
          undefined,
          200,
          token,
        )
      ).total;
    expect(await total('full_production_due')).toBe(figures.fullProductionDue);
    expect(await total('full_production_reached')).toBe(figures.fullProductionReached);
    expect(await total('idle_land')).toBe(figures.idleLand);
    expect(await total('built_not_operating')).toBe(figures.builtNotOperating);
    expect(await total('reviews_due')).toBe(figures.reviewsDue);
    expect(await total('reviews_decided')).toBe(figures.reviewsDecided);
    expect(await total('per_mu')).toBe(figures.taxPerMu.count);
    const due = await send('GET', `/api/commitments/projects?filter=clauses_due&pageSize=200`);
    expect(due.items.reduce((sum: number, row: { clausesDue: number }) => sum + row.clausesDue, 0)).toBe(
      figures.clausesDue,
    );
    expect(due.items.reduce((sum: number, row: { clausesMet: number }) => sum + row.clausesMet, 0)).toBe(
      figures.clausesMet,
    );
    // A department user's list holds only its own projects (自然资源局 leads A, C and D).
    const scoped = await send('GET', `/api/commitments/projects`, undefined, 200, tokens.dept);
    expect(scoped.total).toBe(3);
  });

  it('raises commitment_due, commitment_unmet and idle_land through the checks, once each', async () => {
    const a = (await send('GET', '/api/commitments/projects?filter=full_production_reached')).items[0];
    await send(
      'POST',
      `/api/projects/${a.projectId}/clauses`,
      { indicator: 'jobs', agreedValue: '80', dueDate: addDays(today, 10) },
      201,
    );
    for (let run = 0; run < 2; run += 1) await send('POST', '/api/checks/run', {}, 200, tokens.admin);
    const alerts = async (kind: string) =>
      (await send('GET', `/api/alerts?kind=${kind}&status=open&pageSize=200`, undefined, 200, tokens.admin))
        .items;
    // B's per-mu tax and D's operation date: unmet for more than 30 days → 督办 (level 3); B's and D's
    // full-production/operate dates likewise; A's jobs clause due in 10 days → 预警.
    const unmet = await alerts('commitment_unmet');
    expect(unmet.length).toBe(3);
    expect(
      unmet.every(
        (alert: { level: number; subjectType: string }) =>
          alert.level === 3 && alert.subjectType === 'clause',
      ),
    ).toBe(true);
    expect((await alerts('commitment_due')).map((alert: { level: number }) => alert.level)).toEqual([1]);
    const idle = await alerts('idle_land');
    expect(idle).toHaveLength(1);
    expect(idle[0]).toMatchObject({ level: 2, subjectType: 'project' });
  });
});
