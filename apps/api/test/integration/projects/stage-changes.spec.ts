import { describe, expect, it } from 'vitest';
import { addDays, changeStage, createProject, expectError } from '../support/fixtures';
import { lastYear, refusedStage, stack, today, tokens, useProjectsStack, zrzyj } from './support';

describe('projects: stage rules, validation, funds, exact decimals, department scope (real MariaDB)', () => {
  useProjectsStack();

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
});
