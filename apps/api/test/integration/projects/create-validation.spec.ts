import { describe, expect, it } from 'vitest';
import { addDays, createProject, expectError, projectBody, projectCount } from '../support/fixtures';
import { fgj, getProject, stack, today, tokens, useProjectsStack, zrzyj } from './support';

describe('projects: stage rules, validation, funds, exact decimals, department scope (real MariaDB)', () => {
  useProjectsStack();

  describe('POST /api/projects validation', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['an unknown field', { stage: 'signed' }, 'stage'],
      ['a negative amount', { contractAmount: '-1' }, 'contractAmount'],
      ['three decimals', { contractAmount: '1.234' }, 'contractAmount'],
      ['a number instead of a decimal string', { contractAmount: 12 }, 'contractAmount'],
      ['a non-decimal amount', { contractAmount: '1e5' }, 'contractAmount'],
      ['an unknown lead department', { leadDepartmentId: '99999999' }, 'leadDepartmentId'],
      ['a lead department id that is no id', { leadDepartmentId: 'abc' }, 'leadDepartmentId'],
      ['a source not on the managed list', { source: '不存在的洽谈会' }, 'source'],
      ['an industry not on the managed list', { industry: '炼金术' }, 'industry'],
      ['an unknown investor origin', { investorOrigin: 'mars' }, 'investorOrigin'],
      ['talks starting in the future', { talksStartedAt: addDays(today, 1) }, 'talksStartedAt'],
      ['an impossible date', { plannedStartDate: '2026-02-30' }, 'plannedStartDate'],
    ];
    for (const [what, override, field] of cases) {
      it(`refuses ${what} with 400 naming ${field}, creating nothing`, async () => {
        const before = await projectCount(stack, tokens.admin);
        const answer = await stack.call('POST', '/api/projects', {
          token: tokens.bureau,
          body: projectBody(zrzyj, override),
        });
        expectError(answer, 400, field);
        expect(await projectCount(stack, tokens.admin)).toBe(before);
      });
    }

    it('refuses a missing required field and a duplicate code', async () => {
      const before = await projectCount(stack, tokens.admin);
      const { name: _name, ...noName } = projectBody(zrzyj);
      expectError(
        await stack.call('POST', '/api/projects', { token: tokens.bureau, body: noName }),
        400,
        'name',
      );
      const created = await createProject(stack, tokens.bureau, zrzyj, { code: 'DUP-CODE-1' });
      expect(created.code).toBe('DUP-CODE-1');
      const duplicate = await stack.call('POST', '/api/projects', {
        token: tokens.bureau,
        body: projectBody(zrzyj, { code: 'DUP-CODE-1' }),
      });
      expectError(duplicate, 409, 'code');
      expect(await projectCount(stack, tokens.admin)).toBe(before + 1);
    });

    it('creates with a generated code, money as a decimal string, in stage negotiating', async () => {
      const project = await createProject(stack, tokens.bureau, fgj, { contractAmount: '12500.5' });
      expect(project).toMatchObject({
        stage: 'negotiating',
        contractAmount: '12500.50',
        fundsArrived: '0.00',
        leadDepartmentId: fgj,
        talksStartedAt: today,
      });
      expect(project.code).toMatch(new RegExp(`^${today.slice(0, 4)}-ZS-\\d{3,}$`));
    });

    it('gives concurrent creates distinct generated codes (no 500 on a race for the next number)', async () => {
      const before = await projectCount(stack, tokens.admin);
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          stack.call('POST', '/api/projects', { token: tokens.bureau, body: projectBody(fgj) }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201]);
      expect(new Set(answers.map((answer) => answer.body.code)).size).toBe(6);
      expect(await projectCount(stack, tokens.admin)).toBe(before + 6);
    });

    it('answers 409, never 500, when the same explicit code is created twice at once', async () => {
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          stack.call('POST', '/api/projects', {
            token: tokens.bureau,
            body: projectBody(fgj, { code: 'RACE-CODE-1' }),
          }),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
    });

    it('PATCH validates the same way and changes nothing when refused', async () => {
      const project = await createProject(stack, tokens.bureau, fgj);
      const before = await getProject(project.id);
      for (const [body, field] of [
        [{ contractAmount: '-5' }, 'contractAmount'],
        [{ source: '火星洽谈会' }, 'source'],
        [{ leadDepartmentId: '99999999' }, 'leadDepartmentId'],
        [{ stage: 'operating' }, 'stage'],
        [{ signedAt: '2020-01-01' }, 'signedAt'],
      ] as const) {
        const answer = await stack.call('PATCH', `/api/projects/${project.id}`, {
          token: tokens.bureau,
          body,
        });
        expectError(answer, 400, field);
      }
      expect(await getProject(project.id)).toEqual(before);
      const patched = await stack.call('PATCH', `/api/projects/${project.id}`, {
        token: tokens.bureau,
        body: { contractAmount: '777.70', source: '港洽会' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ contractAmount: '777.70', source: '港洽会' });
    });
  });
});
