/* Shared set-up and helpers of the projects scenarios (one file per scenario in this folder). */
import { type TestStack } from '@luodi/testing';
import { expect } from 'vitest';
import { expectError, shanghaiToday, type Tokens, useSignedInStack } from '../support/fixtures';

export let stack: TestStack;
export let tokens: Tokens;
export let departments: Map<string, string>;
export let zrzyj: string;
export let fgj: string;
export const today = shanghaiToday();
export const lastYear = Number(today.slice(0, 4)) - 1;

export const getProject = async (id: string, token = tokens.admin) => {
  const answer = await stack.call('GET', `/api/projects/${id}`, { token });
  expect(answer.status).toBe(200);
  return answer.body;
};

/** A source (签约活动) of the test's own, named `name`: a summary filtered by it sees only the test's projects. */
export const ownSource = async (name: string) => {
  const lookup = await stack.call('POST', '/api/lookups', {
    token: tokens.bureau,
    body: { kind: 'source', name },
  });
  expect(lookup.status).toBe(201);
  return name;
};

/** A refused stage change answers `status` naming `field`, and leaves the project exactly as it was. */
export const refusedStage = async (
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

/** The stack of one scenario file: started before its tests, stopped after. */
export function useProjectsStack(): void {
  useSignedInStack((started) => ({ stack, tokens, departments, zrzyj, fgj } = started));
}
