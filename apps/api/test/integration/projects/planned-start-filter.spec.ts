import { describe, expect, it } from 'vitest';
import type { TestStack } from '@luodi/testing';
import { createProject, expectError, type Tokens, useSignedInStack } from '../support/fixtures';

/**
 * The projects list's planned-start filter (`plannedStartFrom` / `plannedStartTo`: plannedStartDate,
 * or a key work's planned start month's last day) and `ids` (the 预计开工 month bars' drill), on real
 * MariaDB: the rows matched, 400 naming the field on a malformed value, the department scope kept.
 */
describe('GET /api/projects?plannedStartFrom&plannedStartTo&ids (real MariaDB)', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  let fgj: string;

  useSignedInStack((started) => {
    ({ stack, tokens, zrzyj, fgj } = started);
  });

  const list = async (token: string, query: Record<string, string>) => {
    const answer = await stack.call(
      'GET',
      `/api/projects?${new URLSearchParams({ pageSize: '100', ...query })}`,
      {
        token,
      },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return (answer.body.items as Array<{ id: string }>).map((item) => item.id).sort();
  };

  it('matches the planned start date, else the key work month, and exactly the ids given', async () => {
    const marker = `计划开工筛选${Date.now()}`;
    const named = (n: number) => ({ name: `${marker}-${n}` });
    // 2030 keeps clear of the demo's planned starts.
    const onDate = await createProject(stack, tokens.bureau, zrzyj, {
      ...named(1),
      plannedStartDate: '2030-09-10',
    });
    const lastDay = await createProject(stack, tokens.bureau, fgj, {
      ...named(2),
      plannedStartDate: '2030-09-30',
    });
    const october = await createProject(stack, tokens.bureau, zrzyj, {
      ...named(3),
      plannedStartDate: '2030-10-01',
    });
    const keyWork = await createProject(stack, tokens.bureau, zrzyj, { ...named(4), plannedStartDate: null });
    // A key work with a planned start date: its date counts, not its month.
    const both = await createProject(stack, tokens.bureau, fgj, {
      ...named(5),
      plannedStartDate: '2030-11-02',
    });
    for (const [project, month] of [
      [keyWork, 9],
      [both, 9],
    ] as const) {
      const answer = await stack.call('POST', '/api/key-works', {
        token: tokens.bureau,
        body: { projectId: project.id, year: 2030, annualPlanInvestment: '500.00', plannedStartMonth: month },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    }

    const september = { q: marker, plannedStartFrom: '2030-09-01', plannedStartTo: '2030-09-30' };
    expect(await list(tokens.leader, september)).toEqual([onDate.id, lastDay.id, keyWork.id].sort());
    expect(await list(tokens.leader, { q: marker, plannedStartFrom: '2030-10-01' })).toEqual(
      [october.id, both.id].sort(),
    );
    expect(await list(tokens.leader, { q: marker, plannedStartTo: '2030-09-29' })).toEqual([onDate.id]);

    expect(await list(tokens.leader, { ids: [october.id, keyWork.id].join(',') })).toEqual(
      [october.id, keyWork.id].sort(),
    );
    expect(await list(tokens.leader, { ids: `${october.id},${october.id}`, q: marker })).toEqual([
      october.id,
    ]);

    // The department user (自然资源局) keeps its scope: fgj-led projects it holds no milestone on stay out.
    expect(await list(tokens.dept, september)).toEqual([onDate.id, keyWork.id].sort());
    expect(await list(tokens.dept, { ids: [onDate.id, lastDay.id, both.id].join(',') })).toEqual([onDate.id]);
  });

  it('refuses malformed values with 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['plannedStartFrom=2026-02-30', 'plannedStartFrom'],
      ['plannedStartTo=2026-9-30', 'plannedStartTo'],
      ['plannedStartFrom=2026-10-01&plannedStartTo=2026-09-30', 'plannedStartTo'],
      ['ids=12;15', 'ids'],
      ['ids=abc', 'ids'],
      ['ids=', 'ids'],
      [`ids=${Array.from({ length: 501 }, (_, i) => i + 1).join(',')}`, 'ids'],
    ];
    for (const [query, field] of cases) {
      expectError(await stack.call('GET', `/api/projects?${query}`, { token: tokens.leader }), 400, field);
    }
    expectError(
      await stack.call('GET', '/api/projects/export?plannedStartFrom=x', { token: tokens.bureau }),
      400,
      'plannedStartFrom',
    );
  });
});
