import { expect, it, describe } from 'vitest';
import type { TestStack } from '@luodi/testing';
import {
  createProject,
  expectError,
  shanghaiToday,
  type Tokens,
  useSignedInStack,
} from '../support/fixtures';

/**
 * Approval routes (routes-and-forecast.md §2) through the built API on real MariaDB: the default
 * template and JOINT_ACCEPT from the demo, applying a template, versions that never change routes
 * already applied, items added and dropped (audited), stage status and the refused templates.
 */
describe('approval routes (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let departments: Map<string, string>;
  let zrzyj: string;
  const today = shanghaiToday();
  const at = (time: string) => `${today}T${time}:00+08:00`;

  useSignedInStack((started) => {
    ({ stack, tokens, departments, zrzyj } = started);
  });

  const route = async (projectId: string, token = tokens.bureau) => {
    const answer = await stack.call('GET', `/api/projects/${projectId}/route`, { token });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };
  const codesByStage = (view: any) =>
    view.stages.map((stage: any) => stage.items.map((item: any) => item.milestone.itemCode));
  const templates = async () =>
    (await stack.call('GET', '/api/route-templates', { token: tokens.admin })).body;
  const event = async (milestoneId: string, type: string, time: string) => {
    const answer = await stack.call('POST', `/api/milestones/${milestoneId}/events`, {
      token: tokens.bureau,
      body: { type, at: at(time), ...(type === 'reject' ? { reason: '不符合条件' } : {}) },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  };

  it('the demo brings the JOINT_ACCEPT item, the default four-stage template and projects on it', async () => {
    const catalog = await stack.call('GET', '/api/approval-items', { token: tokens.dept });
    expect(catalog.body.items.find((item: any) => item.code === 'JOINT_ACCEPT')).toMatchObject({
      name: '联合验收',
      departmentId: departments.get('ZJJ'),
      promisedDays: 10,
      statutoryDays: 20,
    });
    const [first] = await templates();
    expect(first).toMatchObject({ version: 1, targetDays: 60, active: true, items: 10, versions: 1 });
    expect(first.projects).toBeGreaterThanOrEqual(5);
    const detail = (await stack.call('GET', `/api/route-templates/${first.id}`, { token: tokens.bureau }))
      .body;
    expect(detail.stages.map((stage: any) => [stage.stage, stage.name])).toEqual([
      [1, '立项用地规划许可'],
      [2, '工程建设许可'],
      [3, '施工许可'],
      [4, '竣工验收'],
    ]);
    const items = detail.stages.flatMap((stage: any) => stage.items);
    expect(items.map((item: any) => [item.itemCode, item.stage, item.after])).toEqual([
      ['FILING', 1, []],
      ['LAND_PRE', 1, []],
      ['ENERGY', 1, []],
      ['LAND_PLAN', 1, ['LAND_PRE']],
      ['PLAN_REVIEW', 2, []],
      ['BUILD_PLAN', 2, ['PLAN_REVIEW']],
      ['EIA', 2, []],
      ['FIRE', 3, []],
      ['CONSTRUCT', 3, ['FIRE']],
      ['JOINT_ACCEPT', 4, []],
    ]);
    const dataSource = await stack.database.dataSource();
    const rows = (await dataSource.query(
      'SELECT project_id AS id FROM project_route ORDER BY project_id',
    )) as Array<{
      id: string;
    }>;
    for (const { id } of rows) {
      const view = await route(String(id), tokens.leader);
      expect(view.applied).toBe(true);
      expect(view.stages.flatMap((stage: any) => stage.items)).toHaveLength(10);
      // The demo's started history projects (every item up to CONSTRUCT approved): 竣工验收 may begin.
      const started = view.stages[2].items.every((item: any) => item.milestone.state === 'approved');
      expect(view.stages[3].status).toBe(started ? 'open' : 'planned');
    }
    expect(rows.length).toBe(13);
  });

  it('applies the default template: planned milestones for missing items, stage 1 open, refuses a second apply', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj, { industry: '新能源' });
    const none = await route(project.id);
    expect(none).toMatchObject({ applied: false, stages: [], usedWorkingDays: 0 });
    // An item added before keeps its milestone (and its events) on the route.
    const filing = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
      token: tokens.bureau,
      body: { itemCode: 'FILING' },
    });
    await event(filing.body.id, 'submit', '00:01');
    const applied = await stack.call('POST', `/api/projects/${project.id}/route`, {
      token: tokens.bureau,
      body: {},
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({
      applied: true,
      targetDays: 60,
      templateVersion: 1,
      startedOn: today,
    });
    expect(codesByStage(applied.body)).toEqual([
      ['FILING', 'LAND_PRE', 'ENERGY', 'LAND_PLAN'],
      ['PLAN_REVIEW', 'BUILD_PLAN', 'EIA'],
      ['FIRE', 'CONSTRUCT'],
      ['JOINT_ACCEPT'],
    ]);
    expect(applied.body.stages.map((stage: any) => stage.status)).toEqual([
      'open',
      'planned',
      'planned',
      'planned',
    ]);
    const items = applied.body.stages.flatMap((stage: any) => stage.items);
    expect(items[0].milestone).toMatchObject({ id: filing.body.id, state: 'submitted' });
    expect(items.find((item: any) => item.milestone.itemCode === 'LAND_PLAN')).toMatchObject({
      after: ['LAND_PRE'],
      ready: false,
      promisedDays: 5,
      milestone: { state: 'planned', deadline: null, light: null },
    });
    const again = await stack.call('POST', `/api/projects/${project.id}/route`, {
      token: tokens.bureau,
      body: {},
    });
    expectError(again, 409, /already follows a route/);
    expect(again.body.code).toBe('route_already_applied');
    // A department reads the route of a project it leads: its own items, the rest counted.
    const mine = await route(project.id, tokens.dept);
    const mineItems = mine.stages.flatMap((stage: any) => stage.items);
    expect(mineItems.length).toBeGreaterThan(0);
    for (const item of mineItems) expect(item.milestone.departmentId).toBe(zrzyj);
    expect(
      mine.stages.reduce((sum: number, stage: any) => sum + stage.hiddenItems + stage.items.length, 0),
    ).toBe(10);
    // Deciding every stage-1 item makes stage 1 done and stage 2 open.
    for (const item of applied.body.stages[0].items) {
      const id = item.milestone.id;
      if (item.milestone.state === 'planned') await event(id, 'submit', '00:01');
      await event(id, 'accept', '00:02');
      await event(id, 'approve', '00:03');
    }
    const after = await route(project.id);
    expect(after.stages.map((stage: any) => stage.status)).toEqual(['done', 'open', 'planned', 'planned']);
    expect(after.stages[1].items.find((item: any) => item.milestone.itemCode === 'PLAN_REVIEW').ready).toBe(
      true,
    );
    expect(after).toMatchObject({ usedWorkingDays: 0, finished: false, overTarget: false });
  });

  it('a new version never changes a route already applied', async () => {
    const created = await stack.call('POST', '/api/route-templates', {
      token: tokens.admin,
      body: {
        name: '测试路线',
        targetDays: 40,
        stages: [
          {
            name: '立项用地规划许可',
            items: [
              { itemCode: 'FILING' },
              { itemCode: 'LAND_PRE' },
              { itemCode: 'LAND_PLAN', after: ['LAND_PRE'] },
            ],
          },
          { name: '工程建设许可', items: [] },
          { name: '施工许可（试点）', items: [{ itemCode: 'CONSTRUCT' }] },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ version: 1, targetDays: 40, versions: [{ version: 1 }] });
    // Answered in the shape it was sent: stages by position, with their names.
    expect(
      created.body.stages.map((stage: any) => [
        stage.stage,
        stage.name,
        stage.items.map((item: any) => [item.itemCode, item.after]),
      ]),
    ).toEqual([
      [
        1,
        '立项用地规划许可',
        [
          ['FILING', []],
          ['LAND_PRE', []],
          ['LAND_PLAN', ['LAND_PRE']],
        ],
      ],
      [2, '工程建设许可', []],
      [3, '施工许可（试点）', [['CONSTRUCT', []]]],
    ]);
    // Departments read templates too.
    expect((await stack.call('GET', '/api/route-templates', { token: tokens.dept })).status).toBe(200);
    expect(
      (await stack.call('GET', `/api/route-templates/${created.body.id}`, { token: tokens.dept })).body
        .stages,
    ).toHaveLength(3);
    const project = await createProject(stack, tokens.bureau, zrzyj, { industry: '新能源' });
    const applied = await stack.call('POST', `/api/projects/${project.id}/route`, {
      token: tokens.admin,
      body: { templateId: created.body.id },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    // The answer is the project's route by stage, named as in the template.
    expect(codesByStage(applied.body)).toEqual([['FILING', 'LAND_PRE', 'LAND_PLAN'], [], ['CONSTRUCT'], []]);
    expect(applied.body.stages.map((stage: any) => stage.name)).toEqual([
      '立项用地规划许可',
      '工程建设许可',
      '施工许可（试点）',
      '竣工验收',
    ]);
    const v2 = await stack.call('PUT', `/api/route-templates/${created.body.id}`, {
      token: tokens.admin,
      body: {
        name: '测试路线',
        targetDays: 30,
        stages: [
          { name: '一', items: [] },
          { name: '二', items: [{ itemCode: 'EIA' }] },
        ],
      },
    });
    expect(v2.status, JSON.stringify(v2.body)).toBe(200);
    expect(v2.body).toMatchObject({ version: 2, templateKey: created.body.id, targetDays: 30 });
    expect(v2.body.versions.map((version: any) => version.version)).toEqual([2, 1]);
    // The old version is unchanged, and so is the project's route.
    const v1 = (await stack.call('GET', `/api/route-templates/${created.body.id}`, { token: tokens.admin }))
      .body;
    expect(v1.stages.flatMap((stage: any) => stage.items.map((item: any) => item.itemCode))).toEqual([
      'FILING',
      'LAND_PRE',
      'LAND_PLAN',
      'CONSTRUCT',
    ]);
    const view = await route(project.id);
    expect(view).toMatchObject({ templateId: created.body.id, templateVersion: 1, targetDays: 40 });
    expect(codesByStage(view)).toEqual([['FILING', 'LAND_PRE', 'LAND_PLAN'], [], ['CONSTRUCT'], []]);
    // The list shows the newest version once.
    const listed = (await templates()).filter((template: any) => template.templateKey === created.body.id);
    expect(listed).toMatchObject([{ version: 2, versions: 2, projects: 1 }]);
    // Replacing is explicit: the milestones the new version lacks stay, off the route.
    const replaced = await stack.call('POST', `/api/projects/${project.id}/route`, {
      token: tokens.bureau,
      body: { templateId: v2.body.id, replace: true },
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(codesByStage(replaced.body)).toEqual([[], ['EIA'], [], []]);
    expect(replaced.body.offRoute.map((milestone: any) => milestone.itemCode).sort()).toEqual([
      'CONSTRUCT',
      'FILING',
      'LAND_PLAN',
      'LAND_PRE',
    ]);
  });

  it('refuses bad templates naming the rule, and creates nothing', async () => {
    const before = (await templates()).length;
    const post = (stages: unknown[]) =>
      stack.call('POST', '/api/route-templates', { token: tokens.admin, body: { name: '坏路线', stages } });
    const one = (items: unknown[]) => [{ name: '立项用地规划许可', items }];
    const cycle = await post(
      one([
        { itemCode: 'FILING', after: ['ENERGY'] },
        { itemCode: 'LAND_PRE', after: ['FILING'] },
        { itemCode: 'ENERGY', after: ['LAND_PRE'] },
      ]),
    );
    expectError(cycle, 400, 'FILING → ENERGY → LAND_PRE → FILING');
    expect(cycle.body.code).toBe('route_after_cycle');
    expect(cycle.body.params.field).toBe('stages[0].items[0].after');
    const cycleZh = await stack.call('POST', '/api/route-templates', {
      token: tokens.admin,
      headers: { 'accept-language': 'zh-CN' },
      body: { name: '坏路线', stages: one([{ itemCode: 'FILING', after: ['FILING'] }]) },
    });
    expect(cycleZh.status).toBe(400);
    expect(cycleZh.body.message).toContain('前置关系构成循环');
    const otherStage = await post([
      { name: '一', items: [] },
      { name: '二', items: [{ itemCode: 'CONSTRUCT', after: ['FIRE'] }] },
      { name: '三', items: [{ itemCode: 'FIRE' }] },
    ]);
    expectError(otherStage, 400, /CONSTRUCT follows FIRE of another stage/);
    expect(otherStage.body.code).toBe('route_after_other_stage');
    expect(otherStage.body.params.field).toBe('stages[1].items[0].after');
    const unknown = await post(one([{ itemCode: 'FILING' }, { itemCode: 'NO_SUCH_ITEM' }]));
    expect(unknown.body.code).toBe('unknown_reference');
    expect(unknown.body.params.field).toBe('stages[0].items[1].itemCode');
    const duplicate = await post([
      { name: '一', items: [{ itemCode: 'FILING' }] },
      { name: '二', items: [{ itemCode: 'EIA' }, { itemCode: 'FILING' }] },
    ]);
    expect(duplicate.body.code).toBe('route_item_duplicate');
    expect(duplicate.body.params.field).toBe('stages[1].items[1].itemCode');
    // The body's own shape: field paths with indexes.
    const badAfter = await post([
      { name: '一', items: [] },
      { name: '二', items: [{ itemCode: 'EIA', after: 'FIRE' }] },
    ]);
    expect(badAfter.status).toBe(400);
    expect(badAfter.body.params.field).toBe('stages[1].items[0].after');
    expect((await post([{ items: [{ itemCode: 'FILING' }] }])).body.params.field).toBe('stages[0].name');
    const five = Array.from({ length: 5 }, (_, index) => ({ name: `阶段${index + 1}`, items: [] }));
    expect((await post(five)).status).toBe(400);
    expect((await post([])).status).toBe(400);
    expect((await post(one([]))).body.code).toBe('route_empty');
    expect((await templates()).length).toBe(before);
    // Only the admin edits templates.
    for (const token of [tokens.bureau, tokens.leader, tokens.dept]) {
      const denied = await stack.call('POST', '/api/route-templates', {
        token,
        body: { name: 'x', stages: one([{ itemCode: 'FILING' }]) },
      });
      expect(denied.status).toBe(403);
      const [template] = await templates();
      const put = await stack.call('PUT', `/api/route-templates/${template.id}`, {
        token,
        body: { name: 'x', stages: one([{ itemCode: 'FILING' }]) },
      });
      expect(put.status).toBe(403);
    }
  });

  it('adds and drops items (planned only), each change audited', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj, { industry: '新能源' });
    const applied = await stack.call('POST', `/api/projects/${project.id}/route`, {
      token: tokens.bureau,
      body: {},
    });
    expect(applied.status).toBe(200);
    // Not before a route exists.
    const bare = await createProject(stack, tokens.bureau, zrzyj, { industry: '新能源' });
    const early = await stack.call('POST', `/api/projects/${bare.id}/route/items`, {
      token: tokens.bureau,
      body: { itemCode: 'FILING', stage: 1 },
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('route_not_applied');
    // Drop ENERGY (planned), then add it back into stage 1 after FILING.
    const energy = applied.body.stages[0].items.find((item: any) => item.milestone.itemCode === 'ENERGY');
    const dropped = await stack.call(
      'DELETE',
      `/api/projects/${project.id}/route/items/${energy.milestone.id}`,
      {
        token: tokens.bureau,
      },
    );
    expect(dropped.status, JSON.stringify(dropped.body)).toBe(200);
    expect(codesByStage(dropped.body)[0]).toEqual(['FILING', 'LAND_PRE', 'LAND_PLAN']);
    const trail = await stack.call(
      'GET',
      `/api/audit?entityType=project_route_item&entityId=${energy.milestone.id}`,
      {
        token: tokens.admin,
      },
    );
    expect(trail.body.items.map((entry: any) => entry.action).sort()).toEqual(['create', 'delete']);
    const milestoneTrail = await stack.call(
      'GET',
      `/api/audit?entityType=milestone&entityId=${energy.milestone.id}`,
      {
        token: tokens.admin,
      },
    );
    expect(milestoneTrail.body.items.map((entry: any) => entry.action)).toContain('delete');
    const cyclic = await stack.call('POST', `/api/projects/${project.id}/route/items`, {
      token: tokens.bureau,
      body: { itemCode: 'ENERGY', stage: 2, after: ['FILING'] },
    });
    expectError(cyclic, 400, /another stage/);
    const added = await stack.call('POST', `/api/projects/${project.id}/route/items`, {
      token: tokens.bureau,
      body: { itemCode: 'ENERGY', stage: 1, after: ['FILING'] },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(codesByStage(added.body)[0]).toEqual(['FILING', 'LAND_PRE', 'LAND_PLAN', 'ENERGY']);
    const duplicate = await stack.call('POST', `/api/projects/${project.id}/route/items`, {
      token: tokens.bureau,
      body: { itemCode: 'ENERGY', stage: 1 },
    });
    expect(duplicate.body.code).toBe('route_item_duplicate');
    // Dropping an item that other items follow unlinks them; an item with events is not dropped.
    const landPre = added.body.stages[0].items.find((item: any) => item.milestone.itemCode === 'LAND_PRE');
    await event(landPre.milestone.id, 'submit', '00:01');
    const refused = await stack.call(
      'DELETE',
      `/api/projects/${project.id}/route/items/${landPre.milestone.id}`,
      {
        token: tokens.bureau,
      },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('route_item_not_planned');
    const filing = added.body.stages[0].items[0];
    const unlinked = await stack.call(
      'DELETE',
      `/api/projects/${project.id}/route/items/${filing.milestone.id}`,
      {
        token: tokens.admin,
      },
    );
    expect(unlinked.status).toBe(200);
    expect(
      unlinked.body.stages[0].items.find((item: any) => item.milestone.itemCode === 'ENERGY').after,
    ).toEqual([]);
    for (const token of [tokens.leader, tokens.dept]) {
      expect(
        (
          await stack.call('DELETE', `/api/projects/${project.id}/route/items/${landPre.milestone.id}`, {
            token,
          })
        ).status,
      ).toBe(403);
      expect(
        (await stack.call('POST', `/api/projects/${project.id}/route`, { token, body: { replace: true } }))
          .status,
      ).toBe(403);
    }
    expect((await stack.call('GET', '/api/audit/verify', { token: tokens.admin })).body.ok).toBe(true);
  });
});
