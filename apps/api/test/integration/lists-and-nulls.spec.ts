import { type TestStack, useStack } from '@luodi/testing';
import { describe, expect, it } from 'vitest';

describe('managed lists and null fields (real MariaDB)', () => {
  let stack: TestStack;
  let bureau: string;

  useStack(async (started) => {
    stack = started;
    bureau = await stack.login('bureau');
  });

  it('refuses null for a field that cannot be empty (400 naming it), changing nothing', async () => {
    const [project] = (await stack.call('GET', '/api/projects?pageSize=1', { token: bureau })).body.items;
    for (const field of ['name', 'contractAmount', 'leadDepartmentId', 'source']) {
      const answer = await stack.call('PATCH', `/api/projects/${project.id}`, {
        token: bureau,
        body: { [field]: null },
      });
      expect(answer.status, field).toBe(400);
      expect(answer.body.message).toMatch(new RegExp(`^${field}: `));
    }
    const after = (await stack.call('GET', `/api/projects/${project.id}`, { token: bureau })).body;
    expect(after).toMatchObject({
      name: project.name,
      contractAmount: project.contractAmount,
      source: project.source,
    });
    // A field that may be empty takes null.
    const cleared = await stack.call('PATCH', `/api/projects/${project.id}`, {
      token: bureau,
      body: { leadOfficial: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.leadOfficial).toBeNull();
  });

  it('carries a renamed list entry over to the projects that use it', async () => {
    const sources = (await stack.call('GET', '/api/lookups?kind=source', { token: bureau })).body
      .items as Array<{ id: string; name: string }>;
    const source = sources.find((item) => item.name === '港洽会')!;
    const before = (await stack.call('GET', '/api/projects?source=港洽会&pageSize=200', { token: bureau }))
      .body.total as number;
    expect(before).toBeGreaterThan(0);
    const renamed = await stack.call('PATCH', `/api/lookups/${source.id}`, {
      token: bureau,
      body: { name: '香港投资洽谈会' },
    });
    expect(renamed.status).toBe(200);
    expect((await stack.call('GET', '/api/projects?source=港洽会', { token: bureau })).body.total).toBe(0);
    expect(
      (await stack.call('GET', '/api/projects?source=香港投资洽谈会&pageSize=200', { token: bureau })).body
        .total,
    ).toBe(before);
    const taken = await stack.call('PATCH', `/api/lookups/${source.id}`, {
      token: bureau,
      body: { name: '沪洽会' },
    });
    expect(taken.status).toBe(409);
  });
});
