import { startStack, waitFor, type TestStack } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, shanghaiToday, type Tokens } from './support/fixtures';

/**
 * The figures cache (FIGURES_CACHE_SECONDS) as the API runs it: repeated questions are answered from
 * memory, and a change made through the API clears it at once (the live 'figures' message over Redis).
 */
describe('cockpit figures cache (demo district, cache on)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  const today = shanghaiToday();

  beforeAll(async () => {
    stack = await startStack({ env: { FIGURES_CACHE_SECONDS: '600' } });
    tokens = await loginAll(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const summary = async (query = '') => {
    const answer = await stack.call('GET', `/api/dashboard/summary${query}`, { token: tokens.leader });
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const negotiating = async () => {
    const answer = await stack.call('GET', '/api/projects?stage=negotiating&pageSize=5', {
      token: tokens.bureau,
    });
    expect(answer.body.items.length).toBeGreaterThanOrEqual(2);
    return answer.body.items as Array<{ id: string }>;
  };

  it('serves repeated figures from memory; a change through the API clears them on the next request', async () => {
    expect((await summary()).signedCount).toBe(8);
    const funnelBefore = (await stack.call('GET', '/api/dashboard/funnel', { token: tokens.leader })).body;
    const [bySql, byApi] = await negotiating();

    // A row changed behind the API's back announces nothing: the cached answer stands.
    const dataSource = await stack.database.dataSource();
    await dataSource.query("UPDATE project SET stage = 'signed', signed_at = ? WHERE id = ?", [
      today,
      bySql!.id,
    ]);
    expect((await summary()).signedCount).toBe(8);
    expect((await stack.call('GET', '/api/dashboard/funnel', { token: tokens.leader })).body).toEqual(
      funnelBefore,
    );
    // Another question is computed afresh and sees the row.
    expect((await summary(`?asOf=${today}`)).signedCount).toBe(9);

    // A stage change through the API publishes 'figures': every cached answer goes.
    const changed = await stack.call('POST', `/api/projects/${byApi!.id}/stage`, {
      token: tokens.bureau,
      body: { stage: 'signed', at: today },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
    await waitFor('the cached summary to be cleared', async () => (await summary()).signedCount === 10);
    const funnelAfter = (await stack.call('GET', '/api/dashboard/funnel', { token: tokens.leader })).body;
    expect(funnelAfter.stages.find((stage: any) => stage.stage === 'signed').count).toBe(10);
  });
});
