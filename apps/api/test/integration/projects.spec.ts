import { startStack, type TestStack } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  addFunds,
  changeStage,
  createProject,
  departmentIds,
  expectError,
  loginAll,
  projectBody,
  projectCount,
  shanghaiToday,
  type Tokens,
} from './support/fixtures';

describe('projects: stage rules, validation, funds, exact decimals, department scope (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let departments: Map<string, string>;
  let zrzyj: string;
  let fgj: string;
  const today = shanghaiToday();
  const lastYear = Number(today.slice(0, 4)) - 1;

  beforeAll(async () => {
    stack = await startStack();
    tokens = await loginAll(stack);
    departments = await departmentIds(stack);
    zrzyj = departments.get('ZRZYJ')!;
    fgj = departments.get('FGJ')!;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const getProject = async (id: string, token = tokens.admin) => {
    const answer = await stack.call('GET', `/api/projects/${id}`, { token });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  /** A refused stage change answers `status` naming `field`, and leaves the project exactly as it was. */
  const refusedStage = async (
    id: string,
    body: Record<string, unknown>,
    status: number,
    field: string | RegExp,
  ) => {
    const before = await getProject(id);
    const answer = await stack.call('POST', `/api/projects/${id}/stage`, { token: tokens.bureau, body });
    expectError(answer, status, field);
    expect(await getProject(id)).toEqual(before);
    return answer;
  };

  describe('POST /api/projects/:id/stage', () => {
    it('moves forward one stage at a time, each with its date, and logs every event', async () => {
      const project = await createProject(stack, tokens.bureau, zrzyj, {
        talksStartedAt: `${lastYear}-02-01`,
      });
      expect(project).toMatchObject({ stage: 'negotiating', talksStartedAt: `${lastYear}-02-01` });
      expect(project.stageEvents).toEqual([
        expect.objectContaining({ stage: 'negotiating', at: `${lastYear}-02-01` }),
      ]);
      const signed = await changeStage(stack, tokens.bureau, project.id, {
        stage: 'signed',
        at: `${lastYear}-03-10`,
      });
      expect(signed).toMatchObject({ stage: 'signed', signedAt: `${lastYear}-03-10`, registeredAt: null });
      const registered = await changeStage(stack, tokens.admin, project.id, {
        stage: 'registered',
        at: `${lastYear}-04-01`,
      });
      expect(registered).toMatchObject({
        stage: 'registered',
        signedAt: `${lastYear}-03-10`,
        registeredAt: `${lastYear}-04-01`,
      });
      expect(registered.stageEvents.map((event: any) => [event.stage, event.at])).toEqual([
        ['negotiating', `${lastYear}-02-01`],
        ['signed', `${lastYear}-03-10`],
        ['registered', `${lastYear}-04-01`],
      ]);
    });

    it('dates every stage passed on a forward jump (negotiating → started)', async () => {
      const project = await createProject(stack, tokens.bureau, zrzyj, {
        talksStartedAt: `${lastYear}-05-01`,
      });
      const started = await changeStage(stack, tokens.bureau, project.id, {
        stage: 'started',
        at: `${lastYear}-06-15`,
      });
      expect(started).toMatchObject({
        stage: 'started',
        signedAt: `${lastYear}-06-15`,
        registeredAt: `${lastYear}-06-15`,
        startedAt: `${lastYear}-06-15`,
        operatingAt: null,
      });
      expect(started.stageEvents.map((event: any) => [event.stage, event.at])).toEqual([
        ['negotiating', `${lastYear}-05-01`],
        ['signed', `${lastYear}-06-15`],
        ['registered', `${lastYear}-06-15`],
        ['started', `${lastYear}-06-15`],
      ]);
      // today is allowed
      const operating = await changeStage(stack, tokens.bureau, project.id, {
        stage: 'operating',
        at: today,
      });
      expect(operating).toMatchObject({ stage: 'operating', operatingAt: today });
    });

    it('refuses going backwards or standing still with 409 naming the state; nothing changes', async () => {
      const project = await createProject(stack, tokens.bureau, zrzyj, {
        talksStartedAt: `${lastYear}-01-10`,
      });
      await changeStage(stack, tokens.bureau, project.id, { stage: 'registered', at: `${lastYear}-02-10` });
      const back = await refusedStage(
        project.id,
        { stage: 'signed', at: `${lastYear}-03-01` },
        409,
        'registered',
      );
      expect(back.body.error).toBe('Conflict');
      await refusedStage(project.id, { stage: 'registered', at: `${lastYear}-03-01` }, 409, 'registered');
    });

    it('refuses a future date with 400 naming `at`; nothing changes', async () => {
      const project = await createProject(stack, tokens.bureau, zrzyj, {
        talksStartedAt: `${lastYear}-01-10`,
      });
      await refusedStage(project.id, { stage: 'signed', at: addDays(today, 1) }, 400, /\bat\b/);
      await refusedStage(project.id, { stage: 'signed', at: `${lastYear + 3}-01-01` }, 400, /\bat\b/);
    });

    it('refuses a date before the previous stage’s date with 400 naming `at`; nothing changes', async () => {
      const project = await createProject(stack, tokens.bureau, zrzyj, {
        talksStartedAt: `${lastYear}-03-01`,
      });
      // before talks started
      await refusedStage(project.id, { stage: 'signed', at: `${lastYear}-02-28` }, 400, /\bat\b/);
      await changeStage(stack, tokens.bureau, project.id, { stage: 'signed', at: `${lastYear}-05-20` });
      await refusedStage(project.id, { stage: 'registered', at: `${lastYear}-05-19` }, 400, /\bat\b/);
      await refusedStage(
        project.id,
        { stage: 'terminated', at: `${lastYear}-05-01`, reason: '撤资' },
        400,
        /\bat\b/,
      );
      // the same day is fine
      const registered = await changeStage(stack, tokens.bureau, project.id, {
        stage: 'registered',
        at: `${lastYear}-05-20`,
      });
      expect(registered.registeredAt).toBe(`${lastYear}-05-20`);
    });

    it('refuses terminating without a reason (400 naming `reason`); a terminated project takes no more changes (409)', async () => {
      const project = await createProject(stack, tokens.bureau, zrzyj, {
        talksStartedAt: `${lastYear}-03-01`,
      });
      await changeStage(stack, tokens.bureau, project.id, { stage: 'signed', at: `${lastYear}-04-01` });
      await refusedStage(project.id, { stage: 'terminated', at: `${lastYear}-06-01` }, 400, 'reason');
      await refusedStage(
        project.id,
        { stage: 'terminated', at: `${lastYear}-06-01`, reason: '   ' },
        400,
        'reason',
      );
      const terminated = await changeStage(stack, tokens.bureau, project.id, {
        stage: 'terminated',
        at: `${lastYear}-06-01`,
        reason: '投资方撤资',
      });
      expect(terminated).toMatchObject({
        stage: 'terminated',
        terminatedAt: `${lastYear}-06-01`,
        terminationReason: '投资方撤资',
        signedAt: `${lastYear}-04-01`,
      });
      expect(terminated.stageEvents.at(-1)).toMatchObject({ stage: 'terminated', reason: '投资方撤资' });
      for (const stage of ['registered', 'operating', 'terminated']) {
        await refusedStage(project.id, { stage, at: `${lastYear}-07-01`, reason: '再次' }, 409, 'terminated');
      }
    });

    it('validates the body: unknown stage, unknown fields, bad dates → 400 naming the field', async () => {
      const project = await createProject(stack, tokens.bureau, zrzyj, {
        talksStartedAt: `${lastYear}-03-01`,
      });
      await refusedStage(project.id, { stage: 'negotiating', at: `${lastYear}-04-01` }, 400, 'stage');
      await refusedStage(project.id, { stage: 'launched', at: `${lastYear}-04-01` }, 400, 'stage');
      await refusedStage(project.id, { stage: 'signed', at: `${lastYear}-02-30` }, 400, /\bat\b/);
      await refusedStage(project.id, { stage: 'signed', at: `${lastYear}-04-01`, by: 'x' }, 400, 'by');
      const missing = await stack.call('POST', '/api/projects/999999999/stage', {
        token: tokens.bureau,
        body: { stage: 'signed', at: `${lastYear}-04-01` },
      });
      expectError(missing, 404);
    });
  });

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

  describe('decimal exactness', () => {
    it('0.10 + 0.20 = 0.30 exactly, in fundsArrived and in the dashboard summary', async () => {
      // A source of this test's own, so the summary's filter isolates exactly these projects.
      const source = `精度测试会${Date.now() % 100000}`;
      const lookup = await stack.call('POST', '/api/lookups', {
        token: tokens.bureau,
        body: { kind: 'source', name: source },
      });
      expect(lookup.status).toBe(201);
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

  describe('department scope', () => {
    /**
     * What a department may read (domain §1): the projects it leads, and those it holds a milestone on
     * — computed here straight from the tables.
     */
    const visibleProjectIds = async (departmentId: string): Promise<string[]> => {
      const dataSource = await stack.database.dataSource();
      const rows = (await dataSource.query(
        `SELECT p.id FROM project p
          WHERE p.lead_department_id = ?
             OR p.id IN (SELECT m.project_id FROM milestone m WHERE m.department_id = ?)`,
        [departmentId, departmentId],
      )) as Array<{ id: string }>;
      return rows.map((row) => String(row.id)).sort();
    };

    it('the dept user (自然资源局) lists only the projects its department leads or holds a milestone on', async () => {
      const own = await createProject(stack, tokens.bureau, zrzyj, { name: '自然资源局范围测试' });
      const other = await createProject(stack, tokens.bureau, fgj, { name: '发改局范围测试' });
      const seen: any[] = [];
      for (let page = 1; ; page += 1) {
        const answer = await stack.call('GET', `/api/projects?pageSize=200&page=${page}`, {
          token: tokens.dept,
        });
        expect(answer.status).toBe(200);
        seen.push(...answer.body.items);
        if (seen.length >= answer.body.total || answer.body.items.length === 0) break;
      }
      const visible = await visibleProjectIds(zrzyj);
      expect(seen.map((project) => String(project.id)).sort()).toEqual(visible);
      expect(seen.map((project) => project.id)).toContain(own.id);
      expect(seen.map((project) => project.id)).not.toContain(other.id);
      // every project it leads is there
      const led = seen.filter((project) => project.leadDepartmentId === zrzyj);
      const all = await stack.call('GET', `/api/projects?pageSize=1&leadDepartmentId=${zrzyj}`, {
        token: tokens.admin,
      });
      expect(led.length).toBe(all.body.total);
      expect(new Set(led.map((project) => project.leadDepartmentName))).toEqual(new Set(['自然资源局']));
      // asking for another department's projects finds at most those it holds a milestone on
      const filtered = await stack.call('GET', `/api/projects?leadDepartmentId=${fgj}&pageSize=200`, {
        token: tokens.dept,
      });
      for (const item of filtered.body.items) expect(visible).toContain(String(item.id));
      expect(filtered.body.items.map((item: any) => item.id)).not.toContain(other.id);
      // a search for the other's name finds nothing
      const searched = await stack.call('GET', `/api/projects?q=${encodeURIComponent('发改局范围测试')}`, {
        token: tokens.dept,
      });
      expect(searched.body.total).toBe(0);
    });

    it('answers 404 for another department’s project and key work, 200 for its own', async () => {
      const own = await createProject(stack, tokens.bureau, zrzyj);
      const other = await createProject(stack, tokens.bureau, fgj);
      expect((await stack.call('GET', `/api/projects/${own.id}`, { token: tokens.dept })).status).toBe(200);
      const hidden = await stack.call('GET', `/api/projects/${other.id}`, { token: tokens.dept });
      expectError(hidden, 404);
      const absent = await stack.call('GET', '/api/projects/987654321', { token: tokens.dept });
      expect(hidden.body.message.replace(other.id, 'X')).toBe(absent.body.message.replace('987654321', 'X'));

      const year = Number(today.slice(0, 4));
      const keyWork = async (projectId: string) => {
        const answer = await stack.call('POST', '/api/key-works', {
          token: tokens.bureau,
          body: { projectId, year, annualPlanInvestment: '100.00' },
        });
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        return answer.body.id as string;
      };
      const ownKeyWork = await keyWork(own.id);
      const otherKeyWork = await keyWork(other.id);
      expect((await stack.call('GET', `/api/key-works/${ownKeyWork}`, { token: tokens.dept })).status).toBe(
        200,
      );
      expectError(await stack.call('GET', `/api/key-works/${otherKeyWork}`, { token: tokens.dept }), 404);
      const list = await stack.call('GET', `/api/key-works?year=${year}`, { token: tokens.dept });
      expect(list.status).toBe(200);
      const ids = list.body.items.map((item: any) => item.id);
      expect(ids).toContain(ownKeyWork);
      expect(ids).not.toContain(otherKeyWork);
      const visible = await visibleProjectIds(zrzyj);
      const all = await stack.call('GET', `/api/key-works?year=${year}`, { token: tokens.admin });
      expect(ids.sort()).toEqual(
        all.body.items
          .filter((item: any) => visible.includes(String(item.projectId)))
          .map((item: any) => item.id)
          .sort(),
      );
      // and no writes at all
      expectError(
        await stack.call('POST', `/api/projects/${own.id}/stage`, {
          token: tokens.dept,
          body: { stage: 'signed', at: today },
        }),
        403,
      );
    });
  });
});
