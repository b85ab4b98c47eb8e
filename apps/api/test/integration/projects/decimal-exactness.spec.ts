import { describe, expect, it } from 'vitest';
import { addFunds, changeStage, createProject } from '../support/fixtures';
import { fgj, getProject, lastYear, ownSource, stack, tokens, useProjectsStack, zrzyj } from './support';

describe('projects: stage rules, validation, funds, exact decimals, department scope (real MariaDB)', () => {
  useProjectsStack();

  describe('decimal exactness', () => {
    it('0.10 + 0.20 = 0.30 exactly, in fundsArrived and in the dashboard summary', async () => {
      // A source of this test's own, so the summary's filter isolates exactly these projects.
      const source = await ownSource(`精度测试会${Date.now() % 100000}`);
      const first = await createProject(stack, tokens.bureau, zrzyj, {
        source,
        contractAmount: '0.10',
        talksStartedAt: `${lastYear}-01-02`,
      });
      const second = await createProject(stack, tokens.bureau, fgj, {
        source,
        contractAmount: '0.20',
        talksStartedAt: `${lastYear}-01-02`,
      });
      await changeStage(stack, tokens.bureau, first.id, { stage: 'signed', at: `${lastYear}-02-01` });
      await changeStage(stack, tokens.bureau, second.id, { stage: 'signed', at: `${lastYear}-11-30` });
      await addFunds(stack, tokens.bureau, first.id, { amount: '0.10', at: `${lastYear}-02-01` });
      const funded = await addFunds(stack, tokens.bureau, first.id, {
        amount: '0.20',
        at: `${lastYear}-03-01`,
      });
      expect(funded.fundsArrived).toBe('0.30');
      expect((await getProject(first.id)).fundsArrived).toBe('0.30');

      const summary = await stack.call(
        'GET',
        `/api/dashboard/summary?year=${lastYear}&source=${encodeURIComponent(source)}`,
        { token: tokens.leader },
      );
      expect(summary.status).toBe(200);
      expect(summary.body).toMatchObject({
        signedCount: 2,
        contractAmount: '0.30',
        fundsArrived: '0.30',
        fundsRate: 1,
      });
      expect(typeof summary.body.contractAmount).toBe('string');
      expect(typeof summary.body.fundsArrived).toBe('string');

      // many small amounts: 100 × 0.01 + 0.07 = 1.07, still exact
      const third = await createProject(stack, tokens.bureau, fgj, {
        source,
        contractAmount: '0.01',
        talksStartedAt: `${lastYear}-01-02`,
      });
      await changeStage(stack, tokens.bureau, third.id, { stage: 'signed', at: `${lastYear}-06-01` });
      for (let index = 0; index < 30; index += 1) {
        await addFunds(stack, tokens.bureau, third.id, { amount: '0.01', at: `${lastYear}-06-01` });
      }
      const again = await stack.call(
        'GET',
        `/api/dashboard/summary?year=${lastYear}&source=${encodeURIComponent(source)}`,
        { token: tokens.leader },
      );
      expect(again.body).toMatchObject({ signedCount: 3, contractAmount: '0.31', fundsArrived: '0.60' });
      expect((await getProject(third.id)).fundsArrived).toBe('0.30');
    });
  });
});
