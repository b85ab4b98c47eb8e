/* Shared set-up of the commitment scenarios (履约 → 达产). */
import { creditCodeCheckCharacter } from '@luodi/domain';
import type { TestStack } from '@luodi/testing';
import { expect } from 'vitest';
import { createProject, shanghaiToday, type Tokens, useSignedInStack } from '../support/fixtures';

export let stack: TestStack;
export let tokens: Tokens;
export let zrzyj: string;
export let fgj: string;
export const today = shanghaiToday();
export const thisYear = Number(today.slice(0, 4));

export function useCommitmentsStack(): void {
  useSignedInStack((started) => {
    ({ stack, tokens, zrzyj, fgj } = started);
  });
}

let serial = 0;
/** A fresh valid 统一社会信用代码 (GB 32100-2015 check character computed). */
export function creditCode(): string {
  serial += 1;
  const body = `91350100MA${String(Date.now() % 1e5).padStart(5, '0')}${String(serial).padStart(2, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

/** A project with land and a credit code (led by 自然资源局 unless said otherwise). */
export const landProject = (overrides: Record<string, unknown> = {}, lead = zrzyj) =>
  createProject(stack, tokens.bureau, lead, {
    creditCode: creditCode(),
    landAreaMu: '50.00',
    signedAt: `${thisYear - 3}-03-01`,
    talksStartedAt: `${thisYear - 3}-01-10`,
    ...overrides,
  });

/** Send as the bureau and expect `status`; answer the body. */
export async function send(
  method: string,
  path: string,
  body?: unknown,
  status = 200,
  token = tokens.bureau,
) {
  const answer = await stack.call(method, path, { token, body });
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(status);
  return answer.body;
}
