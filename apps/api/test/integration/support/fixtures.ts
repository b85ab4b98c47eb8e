import { seededRandom } from '@luodi/server-core';
import { startStack, type TestStack, testNow, useStack } from '@luodi/testing';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';

/**
 * Helpers of the integration tests for projects, key works, figures and Excel. Everything here is
 * written independently of the app's own code: dates, money and figures are recomputed in plain
 * TypeScript so that the tests check the app rather than repeat it.
 */

/** Today's calendar date in Asia/Shanghai (the district's business date), by the tests' clock. */
export function shanghaiToday(now: Date = testNow()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** `date` ± `days` calendar days (dates as YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const moment = new Date(`${date}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}

/** The instant at the end of a calendar day in Asia/Shanghai. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}

/** Money as integer cents (BigInt): exact, never floating point. */
export function cents(amount: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) throw new Error(`not an amount: ${amount}`);
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

export function money(value: bigint): string {
  return `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;
}

/** A small seeded generator (mulberry32): the same data for the same seed. */
export const seeded = seededRandom;

export interface Tokens {
  admin: string;
  bureau: string;
  leader: string;
  dept: string;
}

export async function loginAll(stack: TestStack): Promise<Tokens> {
  const [admin, bureau, leader, dept] = await Promise.all(
    ['admin', 'bureau', 'leader', 'dept'].map((user) => stack.login(user)),
  );
  return { admin: admin!, bureau: bureau!, leader: leader!, dept: dept! };
}

/** Department ids by code (the demo district's codes, e.g. ZRZYJ = 自然资源局). */
export async function departmentIds(stack: TestStack): Promise<Map<string, string>> {
  const dataSource = await stack.database.dataSource();
  const rows = (await dataSource.query('SELECT id, code FROM department')) as Array<{
    id: string;
    code: string;
  }>;
  return new Map(rows.map((row) => [row.code, String(row.id)]));
}

/** Remove the demo district's projects and key works, so that a test's own data is all there is. */
/** A file's stack with the four roles signed in and the departments by code (ZRZYJ and FGJ named). */
export interface SignedInStack {
  stack: TestStack;
  tokens: Tokens;
  departments: Map<string, string>;
  zrzyj: string;
  fgj: string;
}

/** The four roles signed in on `stack`, and the departments' ids by code. */
async function signedIn(stack: TestStack): Promise<SignedInStack> {
  const tokens = await loginAll(stack);
  const departments = await departmentIds(stack);
  return { stack, tokens, departments, zrzyj: departments.get('ZRZYJ')!, fgj: departments.get('FGJ')! };
}

/**
 * The stack of one spec file: started with the four roles signed in before its tests (`then` takes
 * what it needs and may set up more), stopped after them.
 */
export function useSignedInStack(
  then: (started: SignedInStack) => unknown,
  options: Parameters<typeof startStack>[0] = {},
): void {
  useStack(async (stack) => then(await signedIn(stack)), options);
}

/** Create an approval item of the test's own (answer 201), in the given department. */
export async function createApprovalItem(
  stack: TestStack,
  adminToken: string,
  body: Record<string, unknown>,
): Promise<void> {
  const item = await stack.call('POST', '/api/approval-items', { token: adminToken, body });
  expect(item.status, JSON.stringify(item.body)).toBe(201);
}

/** An approval item of the test's own in ZRZYJ (answer 201): its code, name, statutory and promised days. */
export const createZrzyjItem = (
  started: SignedInStack,
  code: string,
  name: string,
  statutoryDays: number,
  promisedDays: number,
) =>
  createApprovalItem(started.stack, started.tokens.admin, {
    code,
    name,
    departmentId: started.zrzyj,
    statutoryDays,
    promisedDays,
  });

export async function clearProjects(stack: TestStack): Promise<void> {
  const dataSource = await stack.database.dataSource();
  // The dispatch records (the demo's problems, meeting and notices) hang on projects and key works.
  const dispatch = [
    'notice',
    'meeting_decision',
    'meeting_attendee',
    'meeting',
    'problem_event',
    'problem_co_department',
    'problem',
  ];
  const landing = ['key_work_report', 'key_work', 'fund_arrival', 'project_stage_event', 'project'];
  for (const table of [...dispatch, ...landing]) {
    await dataSource.query(`DELETE FROM ${table}`);
  }
}

let projectCounter = 0;

/** The demo district's region code (its `regionCodePrefix` setting): test project codes are of it. */
export const TEST_REGION = '320115';
/** A random start, so that the codes of one file's run do not repeat another's in a shared database. */
const projectCodeBase = Math.floor(Math.random() * 500_000);
let projectCodeCounter = 0;

/**
 * A fresh valid 项目代码 of the demo region (groups 99-99, which the demo's own codes never use):
 * departments accept a milestone only on a project with one (routes-and-forecast.md §1).
 */
export function testProjectCode(): string {
  projectCodeCounter += 1;
  const serial = String((projectCodeBase + projectCodeCounter) % 1_000_000).padStart(6, '0');
  return `2026-${TEST_REGION}-99-99-${serial}`;
}

/**
 * A valid create-project body (override what the test cares about), with a project code so that its
 * milestones can be accepted (pass `projectCode: undefined` or null for a project without one).
 */
export function projectBody(leadDepartmentId: string, overrides: Record<string, unknown> = {}) {
  projectCounter += 1;
  return {
    projectCode: testProjectCode(),
    name: `测试项目${projectCounter}`,
    investor: `测试投资有限公司${projectCounter}`,
    investorOrigin: 'domestic',
    industry: '新材料',
    source: '沪洽会',
    contractAmount: '1000.00',
    leadDepartmentId,
    ...overrides,
  };
}

/** Create a project through the API (as the bureau) and return its view. */
export async function createProject(
  stack: TestStack,
  token: string,
  leadDepartmentId: string,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const answer = await stack.call('POST', '/api/projects', {
    token,
    body: projectBody(leadDepartmentId, overrides),
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

export async function changeStage(
  stack: TestStack,
  token: string,
  id: string,
  body: { stage: string; at: string; reason?: string },
): Promise<any> {
  const answer = await stack.call('POST', `/api/projects/${id}/stage`, { token, body });
  expect(answer.status, `${body.stage} at ${body.at}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
  return answer.body;
}

export async function addFunds(
  stack: TestStack,
  token: string,
  id: string,
  body: { amount: string; at: string; confirmOverContract?: boolean },
): Promise<any> {
  // Tests of other rules record funds above the contract amount as a confirmed entry (the confirmation
  // itself is tested in projects/fund-corrections.spec.ts).
  const answer = await stack.call('POST', `/api/projects/${id}/funds`, {
    token,
    body: { confirmOverContract: true, ...body },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  return answer.body;
}

export async function projectCount(stack: TestStack, token: string): Promise<number> {
  const answer = await stack.call('GET', '/api/projects?pageSize=1', { token });
  expect(answer.status).toBe(200);
  return answer.body.total as number;
}

/** Expect a 400/404/409 error envelope whose message names `field`. */
export function expectError(
  answer: { status: number; body: any },
  status: number,
  field?: string | RegExp,
): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body).toMatchObject({ statusCode: status, error: expect.any(String) });
  expect(typeof answer.body.message).toBe('string');
  if (field instanceof RegExp) expect(answer.body.message).toMatch(field);
  else if (field) expect(answer.body.message).toContain(field);
}

/** GET a binary answer (an .xlsx) with the bearer token. */
export async function download(
  stack: TestStack,
  token: string,
  path: string,
): Promise<{ status: number; headers: Headers; workbook: ExcelJS.Workbook | null; text: string }> {
  // Refusals are read in English (`field: rule`), as stack.call asks for them.
  const response = await fetch(`${stack.api.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' },
  });
  const buffer = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) {
    return { status: response.status, headers: response.headers, workbook: null, text: buffer.toString() };
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return { status: response.status, headers: response.headers, workbook, text: '' };
}

/** POST an .xlsx as multipart field `file` (error messages in `language`, English by default). */
export async function uploadXlsx(
  stack: TestStack,
  token: string,
  path: string,
  file: Buffer,
  fileName = 'projects.xlsx',
  language = 'en',
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append(
    'file',
    new Blob([new Uint8Array(file)], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
    fileName,
  );
  const response = await fetch(`${stack.api.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'accept-language': language },
    body: form,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body };
}

/** A workbook with one sheet: a header row and the given rows. */
export async function buildXlsx(headers: string[], rows: Array<Array<string | number | Date | null>>) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('项目导入');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * An open milestone of `itemCode` on a new project of the department, submitted at 09:00 and accepted
 * at 15:00 on `date` (Asia/Shanghai): its deadline comes from these events only. Answers the ids.
 */
export async function acceptedMilestone(
  stack: TestStack,
  token: string,
  departmentId: string,
  itemCode: string,
  date: string,
): Promise<{ projectId: string; milestoneId: string }> {
  const project = await createProject(stack, token, departmentId, { industry: '新能源' });
  const created = await stack.call('POST', `/api/projects/${project.id}/milestones`, {
    token,
    body: { itemCode },
  });
  expect(created.status).toBe(201);
  for (const [type, time] of [
    ['submit', '09:00'],
    ['accept', '15:00'],
  ] as const) {
    const answer = await stack.call('POST', `/api/milestones/${created.body.id}/events`, {
      token,
      body: { type, at: `${date}T${time}:00+08:00` },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
  return { projectId: String(project.id), milestoneId: String(created.body.id) };
}
