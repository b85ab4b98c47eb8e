/* Shared set-up and helpers of the approvals scenarios (one file per scenario in this folder). */
import { type TestStack } from '@luodi/testing';
import { describe, expect } from 'vitest';
import {
  createApprovalItem,
  createProject,
  expectError,
  shanghaiToday,
  type Tokens,
  useSignedInStack,
} from '../support/fixtures';

/**
 * Approvals (domain §4) through the built API on real MariaDB + Redis: the event state machine, 5-day
 * deemed acceptance, deadlines across the real 2026 holidays of the data package, 超时默认 and the
 * department scope. Events are dated in the past (`at`) so that the expected deadlines do not depend
 * on the day the tests run. Expected dates are worked out by hand from the 2026 calendar:
 *   Spring Festival 15–23 Feb off, Sat 14 Feb and Sat 28 Feb worked;
 *   National Day 1–7 Oct off, Sun 20 Sep and Sat 10 Oct worked.
 */

/** A moment on a calendar day in Asia/Shanghai, written with its offset. */
export const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;

/** The events people record: the domain's list. */
export { EVENT_TYPES } from '@luodi/domain';

export let stack: TestStack;
export let tokens: Tokens;
export let departments: Map<string, string>;
export let zrzyj: string;
export let fgj: string;
export let deptUserId: string;
export const today = shanghaiToday();

/** A fresh project (as the bureau) with one milestone of `itemCode`; returns the milestone. */
export const newMilestone = async (
  itemCode: string,
  options: { contractAmount?: string; departmentId?: string; leadDepartmentId?: string } = {},
) => {
  const project = await createProject(stack, tokens.bureau, options.leadDepartmentId ?? zrzyj, {
    industry: '新能源',
    contractAmount: options.contractAmount ?? '1000.00',
  });
  const created = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
    token: tokens.bureau,
    body: { itemCode, ...(options.departmentId ? { departmentId: options.departmentId } : {}) },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
};

export const getMilestone = async (id: string, token = tokens.bureau) => {
  const answer = await stack.call('GET', `/api/milestones/${id}`, { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};

export const post = (id: string, body: Record<string, unknown>, token = tokens.bureau) =>
  stack.call('POST', `/api/milestones/${id}/events`, { token, body });

/** Record an event that must succeed; returns the milestone as answered. */
export const record = async (id: string, body: Record<string, unknown>, token = tokens.bureau) => {
  const answer = await post(id, body, token);
  expect(answer.status, `${String(body['type'])}: ${JSON.stringify(answer.body)}`).toBe(200);
  return answer.body;
};

/** A refused event: answered `status` with a message matching `message`, and nothing changed. */
export const refused = async (
  id: string,
  body: Record<string, unknown>,
  status: number,
  message: string | RegExp,
  token = tokens.bureau,
) => {
  const before = await getMilestone(id);
  const answer = await post(id, body, token);
  expectError(answer, status, message);
  const after = await getMilestone(id);
  expect(after).toEqual(before);
  expect(after.events).toHaveLength(before.events.length);
  return answer;
};

/** submit and accept on `date` (09:00 and 15:00). */
export const accepted = async (itemCode: string, date: string, options: { contractAmount?: string } = {}) => {
  const milestone = await newMilestone(itemCode, options);
  await record(milestone.id, { type: 'submit', at: at(date, '09:00') });
  return record(milestone.id, { type: 'accept', at: at(date, '15:00') });
};

/**
 * One scenario file: `describe(title, body)` inside the approvals suite, with the suite's stack started
 * before its tests and stopped after.
 */
export function describeApprovals(title: string, body: () => void): void {
  describe('approvals: state machine, working-day clock, 超时默认, department scope (real MariaDB)', () => {
    useApprovalsStack();
    describe(title, body);
  });
}

/** An approval item of the test's own in ZRZYJ, created by the admin (answer 201). */
export const newItem = (item: Record<string, unknown>) =>
  createApprovalItem(stack, tokens.admin, { departmentId: zrzyj, ...item });

/** The stack of one scenario file: started before its tests, stopped after. */
function useApprovalsStack(): void {
  useSignedInStack(async (started) => {
    ({ stack, tokens, departments, zrzyj, fgj } = started);
    deptUserId = (await stack.call('GET', '/api/me', { token: tokens.dept })).body.id;
    // Items of the test's own: 3 promised working days, with and without 超时默认, a low extension cap.
    for (const item of [
      { code: 'T_THREE', name: '测试事项（3日）', deemedApproval: false },
      { code: 'T_DEEMED', name: '测试事项（超时默认）', deemedApproval: true },
      { code: 'T_MAXEXT', name: '测试事项（延期上限3日）', deemedApproval: false, maxExtensionDays: 3 },
    ]) {
      await newItem({ statutoryDays: 5, promisedDays: 3, ...item });
    }
  });
}

/** The milestone helpers of the scenarios: create, get, post an event, record one (200), refused, accepted. */
export const milestones = { create: newMilestone, get: getMilestone, post, record, refused, accepted };
