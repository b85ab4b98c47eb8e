import { startStack, waitFor, type TestStack } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, departmentIds, loginAll, shanghaiToday, type Tokens } from './support/fixtures';

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

  it('a problem raised or moved through the API clears the cached problem figures too (dispatch publishes figures)', async () => {
    const zrzyj = (await departmentIds(stack)).get('ZRZYJ')!;
    const [project] = await negotiating();
    const openBefore = (await summary()).problems.open as number;
    const raised = await stack.call('POST', '/api/problems', {
      token: tokens.bureau,
      body: {
        subjectType: 'project',
        subjectId: project!.id,
        category: 'land',
        description: '用地指标尚未落实',
        ownerDepartmentId: zrzyj,
        dueDate: addDays(today, 30),
      },
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    await waitFor('the raised problem in the cached figures', async () => {
      return (await summary()).problems.open === openBefore + 1;
    });
    // Its transitions (the department's start and resolve, the bureau's 销号) publish as well.
    const move = (action: string, token: string, text?: string) =>
      stack.call('POST', `/api/problems/${raised.body.id as string}/transitions`, {
        token,
        body: { action, ...(text ? { text } : {}) },
      });
    expect((await move('start', tokens.dept, '方案')).status).toBe(200);
    expect((await move('resolve', tokens.dept, '办结')).status).toBe(200);
    expect((await move('close', tokens.bureau)).status).toBe(200);
    await waitFor('the closed problem out of the cached figures', async () => {
      return (await summary()).problems.open === openBefore;
    });
  });
});
