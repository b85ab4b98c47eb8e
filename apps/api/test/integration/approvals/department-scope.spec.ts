import { expect, it } from 'vitest';
import { createProject, expectError } from '../support/fixtures';
import { deptUserId, describeApprovals, fgj, milestones, stack, today, tokens, zrzyj } from './support';

describeApprovals('department scope and roles', () => {
  it('a department lists only its own milestones, most urgent first', async () => {
    const dataSource = await stack.database.dataSource();
    const [{ n }] = (await dataSource.query('SELECT COUNT(*) AS n FROM milestone WHERE department_id = ?', [
      zrzyj,
    ])) as Array<{ n: string }>;
    const list = await stack.call('GET', '/api/milestones?pageSize=200', { token: tokens.dept });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(Number(n));
    expect(list.body.items.length).toBe(Math.min(200, Number(n)));
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const item of list.body.items) expect(item.departmentId).toBe(zrzyj);
    // Asking for another department's gives nothing, not its milestones.
    const other = await stack.call('GET', `/api/milestones?departmentId=${fgj}`, { token: tokens.dept });
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ items: [], total: 0 });
    // Open ones first, by deadline.
    const open = list.body.items.filter((item: { state: string }) =>
      ['planned', 'submitted', 'supplement_requested', 'accepted', 'suspended'].includes(item.state),
    );
    expect(list.body.items.slice(0, open.length)).toEqual(open);
    const deadlines = open
      .map((item: { deadline: string | null }) => item.deadline)
      .filter((deadline: string | null): deadline is string => deadline !== null);
    expect(deadlines).toEqual([...deadlines].sort());
  });

  it("another department's milestone is 404 to a department user (GET and events), and stays unchanged", async () => {
    const otherMilestone = await milestones.create('FILING', { leadDepartmentId: fgj });
    expect(otherMilestone.departmentId).toBe(fgj);
    const before = await milestones.get(otherMilestone.id);
    expectError(await stack.call('GET', `/api/milestones/${otherMilestone.id}`, { token: tokens.dept }), 404);
    const answer = await milestones.post(otherMilestone.id, { type: 'submit' }, tokens.dept);
    expectError(answer, 404);
    // Same answer as for a milestone that does not exist.
    expect(answer.body.message).toBe(`milestone ${otherMilestone.id} not found`);
    expect(await milestones.get(otherMilestone.id)).toEqual(before);
    // …and a demo milestone of another department too.
    const dataSource = await stack.database.dataSource();
    const rows = (await dataSource.query('SELECT id FROM milestone WHERE department_id <> ? LIMIT 3', [
      zrzyj,
    ])) as Array<{ id: string }>;
    for (const row of rows) {
      expectError(await stack.call('GET', `/api/milestones/${row.id}`, { token: tokens.dept }), 404);
      expectError(await milestones.post(String(row.id), { type: 'accept' }, tokens.dept), 404);
    }
  });

  it('a department records events on its own milestones', async () => {
    const own = await milestones.create('LAND_PRE', { leadDepartmentId: fgj });
    expect(own.departmentId).toBe(zrzyj);
    const submitted = await milestones.record(own.id, { type: 'submit' }, tokens.dept);
    expect(submitted).toMatchObject({ state: 'submitted' });
    expect(submitted.events[0]).toMatchObject({ type: 'submit', actorUserId: deptUserId });
    const acceptedView = await milestones.record(own.id, { type: 'accept', note: '材料齐全' }, tokens.dept);
    expect(acceptedView).toMatchObject({ state: 'accepted', acceptedOn: today });
    expect(acceptedView.events[1]).toMatchObject({ type: 'accept', note: '材料齐全' });
  });

  it('GET /api/projects/:id/milestones: a department sees only its own milestones of a project it is led by', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj, { industry: '新能源' });
    for (const itemCode of ['LAND_PRE', 'FILING', 'EIA', 'LAND_PLAN']) {
      const created = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
        token: tokens.bureau,
        body: { itemCode },
      });
      expect(created.status).toBe(201);
    }
    const all = await stack.call('GET', `/api/projects/${project.id}/milestones`, { token: tokens.leader });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4);
    const mine = await stack.call('GET', `/api/projects/${project.id}/milestones`, { token: tokens.dept });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((item: { itemCode: string }) => item.itemCode).sort()).toEqual([
      'LAND_PLAN',
      'LAND_PRE',
    ]);
    for (const item of mine.body.items) expect(item.departmentId).toBe(zrzyj);
  });

  it('GET /api/projects/:id/milestones: a department reads a project it holds a milestone on (domain §1), its own only', async () => {
    // Led by 发改局; 自然资源局 holds the LAND_PRE milestone.
    const project = await createProject(stack, tokens.bureau, fgj, { industry: '新能源' });
    for (const itemCode of ['LAND_PRE', 'FILING']) {
      const created = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
        token: tokens.bureau,
        body: { itemCode },
      });
      expect(created.status).toBe(201);
    }
    const mine = await stack.call('GET', `/api/projects/${project.id}/milestones`, { token: tokens.dept });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.items.map((item: { itemCode: string }) => item.itemCode)).toEqual(['LAND_PRE']);
    // A project the department neither leads nor holds a milestone on is absent for it.
    const unrelated = await createProject(stack, tokens.bureau, fgj, { industry: '新能源' });
    expectError(
      await stack.call('GET', `/api/projects/${unrelated.id}/milestones`, { token: tokens.dept }),
      404,
    );
  });

  it('a leader may only extend: approve → 403, extend → 200', async () => {
    const milestone = await milestones.create('T_THREE');
    await milestones.record(milestone.id, { type: 'submit' });
    const fresh = await milestones.record(milestone.id, { type: 'accept' });
    await milestones.refused(milestone.id, { type: 'approve' }, 403, 'leader', tokens.leader);
    await milestones.refused(milestone.id, { type: 'suspend' }, 403, 'leader', tokens.leader);
    const extended = await milestones.record(
      milestone.id,
      { type: 'extend', days: 2, reason: '需专家论证' },
      tokens.leader,
    );
    expect(extended.extensionDays).toBe(2);
    expect(extended.remainingWorkingDays).toBe(fresh.remainingWorkingDays + 2);
    expect(extended.events[2]).toMatchObject({ type: 'extend', days: 2, reason: '需专家论证' });
  });

  it('an extension is approved by a leader: bureau and department users get 403 (role), nothing changes', async () => {
    const milestone = await milestones.create('T_THREE');
    await milestones.record(milestone.id, { type: 'submit' });
    await milestones.record(milestone.id, { type: 'accept' });
    for (const token of [tokens.bureau, tokens.dept])
      await milestones.refused(
        milestone.id,
        { type: 'extend', days: 2, reason: '需专家论证' },
        403,
        'extend',
        token,
      );
  });

  it('creating milestones: admin and bureau only; a department override is kept', async () => {
    const project = await createProject(stack, tokens.bureau, zrzyj, { industry: '新能源' });
    for (const token of [tokens.leader, tokens.dept]) {
      expectError(
        await stack.call('POST', `/api/projects/${project.id}/milestones`, {
          token,
          body: { itemCode: 'EIA' },
        }),
        403,
      );
    }
    const overridden = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
      token: tokens.admin,
      body: { itemCode: 'EIA', departmentId: zrzyj },
    });
    expect(overridden.status).toBe(201);
    expect(overridden.body).toMatchObject({ itemCode: 'EIA', departmentId: zrzyj, state: 'planned' });
    expect((await milestones.get(overridden.body.id, tokens.dept)).id).toBe(overridden.body.id);
    expectError(
      await stack.call('POST', `/api/projects/99999999/milestones`, {
        token: tokens.bureau,
        body: { itemCode: 'EIA' },
      }),
      404,
    );
  });
});
