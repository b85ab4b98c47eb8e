import { creditCodeProblem } from '@luodi/domain';
import { describe, expect, it } from 'vitest';
import { send, thisYear, today, tokens, useCommitmentsStack } from './support';

/**
 * The demo district's projects after landing (commitments.md §6), as loaded by `demo:load`: 履约率
 * between 0 and 100%, a 达产复核 with a recommended clawback (short on 亩均税收), and one 供而未建.
 */
describe('the demo district after landing (commitments.md §6)', () => {
  useCommitmentsStack();

  const list = async (filter: string) =>
    send('GET', `/api/commitments/projects?filter=${filter}&year=${thisYear}&pageSize=200`);

  it('shows commitment figures: 履约率 below 100%, a recommended clawback, one 供而未建', async () => {
    const { commitments } = await send(
      'GET',
      `/api/dashboard/summary?year=${thisYear}`,
      undefined,
      200,
      tokens.leader,
    );
    expect(commitments.clausesDue).toBeGreaterThan(0);
    expect(commitments.rate).toBeGreaterThan(0);
    expect(commitments.rate).toBeLessThan(1);
    expect(commitments.idleLand).toBe(1);
    expect(Number(commitments.recommendedClawback)).toBeGreaterThan(0);
    expect(commitments.taxPerMu.count).toBeGreaterThan(0);

    const idle = await list('idle_land');
    expect(idle.total).toBe(1);
    expect(idle.items[0].startedAt).toBeNull();
    expect(idle.items[0].landSuppliedAt < today).toBe(true);

    const reviews = await list('reviews_due');
    const withClawback = reviews.items.filter((row: any) => Number(row.recommendedClawback) > 0);
    expect(withClawback.length).toBeGreaterThan(0);
    for (const row of reviews.items) expect(creditCodeProblem(row.creditCode)).toBeNull();
  });

  it('has a 达产复核 short on 亩均税收 recommending a clawback, and a project meeting everything', async () => {
    const due = await list('clauses_due');
    const reviews: any[] = [];
    for (const row of due.items) reviews.push(await send('GET', `/api/projects/${row.projectId}/review`));
    const shortOnTax = reviews.find(
      (review) =>
        review.ready &&
        review.fullProductionAt !== null &&
        review.clauses.some(
          (clause: any) =>
            clause.indicator === 'tax_per_mu' &&
            clause.status === 'unmet' &&
            Number(clause.recommendedClawback) > 0,
        ),
    );
    expect(shortOnTax).toBeDefined();
    expect(Number(shortOnTax.recommendedClawback)).toBeGreaterThan(0);
    expect(Number(shortOnTax.recommendedClawback)).toBeLessThanOrEqual(Number(shortOnTax.subsidiesPaid));
    const meetsAll = reviews.find(
      (review) => review.clauses.length > 0 && review.clauses.every((clause: any) => clause.status === 'met'),
    );
    expect(meetsAll).toBeDefined();
  });
});
