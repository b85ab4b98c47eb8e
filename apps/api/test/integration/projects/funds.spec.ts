import { describe, expect, it } from 'vitest';
import { addDays, addFunds, changeStage, createProject, expectError } from '../support/fixtures';
import { getProject, lastYear, stack, today, tokens, useProjectsStack, zrzyj } from './support';

describe('projects: stage rules, validation, funds, exact decimals, department scope (real MariaDB)', () => {
  useProjectsStack();

  describe('POST /api/projects/:id/funds', () => {
    it('refuses funds on a negotiating project with 409; nothing recorded', async () => {
      const project = await createProject(stack, tokens.bureau, zrzyj, {
        talksStartedAt: `${lastYear}-01-05`,
      });
      const answer = await stack.call('POST', `/api/projects/${project.id}/funds`, {
        token: tokens.bureau,
        body: { amount: '100.00', at: `${lastYear}-02-01` },
      });
      expectError(answer, 409, 'negotiating');
      const after = await getProject(project.id);
      expect(after.fundsArrived).toBe('0.00');
      expect(after.funds).toEqual([]);
    });

    it('refuses a date before signing or in the future, and a bad amount, with 400 naming the field', async () => {
      const project = await createProject(stack, tokens.bureau, zrzyj, {
        talksStartedAt: `${lastYear}-01-05`,
      });
      await changeStage(stack, tokens.bureau, project.id, { stage: 'signed', at: `${lastYear}-03-01` });
      const before = await getProject(project.id);
      for (const [body, field] of [
        [{ amount: '100.00', at: `${lastYear}-02-28` }, /\bat\b/],
        [{ amount: '100.00', at: addDays(today, 1) }, /\bat\b/],
        [{ amount: '-100.00', at: `${lastYear}-03-02` }, 'amount'],
        [{ amount: '0', at: `${lastYear}-03-02` }, 'amount'],
        [{ amount: '1.005', at: `${lastYear}-03-02` }, 'amount'],
        [{ amount: 100, at: `${lastYear}-03-02` }, 'amount'],
        [{ amount: '100.00', at: `${lastYear}-03-02`, currency: 'CNY' }, 'currency'],
      ] as const) {
        const answer = await stack.call('POST', `/api/projects/${project.id}/funds`, {
          token: tokens.bureau,
          body,
        });
        expectError(answer, 400, field);
      }
      expect(await getProject(project.id)).toEqual(before);
    });

    it('records funds on the signing date and after, and fundsArrived is their exact sum', async () => {
      const project = await createProject(stack, tokens.bureau, zrzyj, {
        talksStartedAt: `${lastYear}-01-05`,
      });
      await changeStage(stack, tokens.bureau, project.id, { stage: 'signed', at: `${lastYear}-03-01` });
      await addFunds(stack, tokens.bureau, project.id, { amount: '1200.50', at: `${lastYear}-03-01` });
      const after = await addFunds(stack, tokens.admin, project.id, { amount: '99.49', at: today });
      expect(after.fundsArrived).toBe('1299.99');
      expect(after.funds.map((fund: any) => [fund.amount, fund.at])).toEqual([
        ['1200.50', `${lastYear}-03-01`],
        ['99.49', today],
      ]);
    });
  });
});
