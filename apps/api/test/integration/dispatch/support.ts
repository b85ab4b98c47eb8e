/* Shared set-up of the dispatch scenarios (problems, meetings, notices): one file per scenario here. */
import { type TestStack } from '@luodi/testing';
import { expect } from 'vitest';
import { addDays, createProject, shanghaiToday, type Tokens, useSignedInStack } from '../support/fixtures';

export let stack: TestStack;
export let tokens: Tokens;
export let zrzyj: string;
export let fgj: string;
export let departments: Map<string, string>;
export const today = shanghaiToday();

/** The dispatch stack of one scenario file. */
export function useDispatchStack(options: { worker?: boolean } = {}): void {
  useSignedInStack((started) => {
    ({ stack, tokens, zrzyj, fgj, departments } = started);
  }, options);
}

/** A fresh project led by `leadDepartmentId` (the bureau creates it). */
export const newProject = (leadDepartmentId = zrzyj) =>
  createProject(stack, tokens.bureau, leadDepartmentId, { industry: '新能源', contractAmount: '1000.00' });

/** The body of a problem of `projectId`, owned by `owner` (default 自然资源局). */
export const problemBody = (projectId: string, overrides: Record<string, unknown> = {}) => ({
  subjectType: 'project',
  subjectId: projectId,
  category: 'land',
  description: '用地指标尚未落实',
  ownerDepartmentId: zrzyj,
  dueDate: addDays(today, 30),
  ...overrides,
});

/** Raise a problem that must be accepted (201); returns it. */
export const raise = async (body: Record<string, unknown>, token = tokens.bureau) => {
  const answer = await stack.call('POST', '/api/problems', { token, body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
};

export const move = (id: string, action: string, text: string | undefined, token: string) =>
  stack.call('POST', `/api/problems/${id}/transitions`, {
    token,
    body: { action, ...(text ? { text } : {}) },
  });

export const getProblem = async (id: string, token = tokens.bureau) => {
  const answer = await stack.call('GET', `/api/problems/${id}`, { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};

/** The problem helpers of the scenarios: a body, raise (201), move (a transition), get (200). */
export const problems = { body: problemBody, raise, move, get: getProblem };
