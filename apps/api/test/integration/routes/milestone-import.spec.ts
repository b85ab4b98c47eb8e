import type { TestStack } from '@luodi/testing';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  buildXlsx,
  createProject,
  download,
  shanghaiToday,
  testProjectCode,
  type Tokens,
  uploadXlsx,
  useSignedInStack,
} from '../support/fixtures';

/**
 * The import of approval steps by project code (routes-and-forecast.md §1, §5) through the built API:
 * rows matched by 项目代码 and catalog item become milestone events by the rules of hand entry; an
 * unknown code, an unknown item or a row that breaks a rule imports nothing and is named; the same
 * file twice changes nothing.
 */
describe('import of approval steps by project code', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let zrzyj: string;
  useSignedInStack((started) => {
    ({ stack, tokens, zrzyj } = started);
  });
  const today = shanghaiToday();
  const moment = (daysBack: number, time: string) => `${addDays(today, -daysBack)} ${time}`;
  /** The project's 备案 (FILING) by its item name: submitted and accepted 6 days ago, 准予 5 days ago. */
  const filingRow = (code: string) => [
    code,
    '企业投资项目备案',
    '发展和改革局',
    moment(6, '09:00'),
    moment(6, '10:00'),
    moment(5, '10:00'),
    '准予',
    '',
  ];
  let headers: string[];

  const upload = async (rows: string[][], token = tokens.bureau, language = 'en') =>
    uploadXlsx(
      stack,
      token,
      '/api/approval-steps/import',
      await buildXlsx(headers, rows),
      'steps.xlsx',
      language,
    );
  const track = async (projectId: string) =>
    (await stack.call('GET', `/api/projects/${projectId}/milestones`, { token: tokens.bureau })).body
      .items as Array<{
      id: string;
      itemCode: string;
      state: string;
    }>;
  const eventsOf = async (milestoneId: string) =>
    (await stack.call('GET', `/api/milestones/${milestoneId}`, { token: tokens.bureau })).body
      .events as Array<{
      type: string;
      at: string;
      note: string | null;
      reason: string | null;
    }>;
  const problems = (body: { rows: Array<{ row: number; field: string }> }) =>
    body.rows.map((problem) => `${problem.row}:${problem.field}`);

  it('GET /api/approval-steps/import/template: the platform columns with an example row', async () => {
    const template = await download(stack, tokens.bureau, '/api/approval-steps/import/template');
    expect(template.status).toBe(200);
    headers = (template.workbook!.worksheets[0]!.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers).toEqual([
      '项目代码*',
      '事项名称*',
      '办理部门',
      '收件时间',
      '受理时间',
      '办结时间',
      '结果',
      '办理意见',
    ]);
    expect((await download(stack, tokens.leader, '/api/approval-steps/import/template')).status).toBe(403);
  });

  it('imports nothing and names the row for an unknown code, an unknown item or a broken rule', async () => {
    const code = testProjectCode();
    const project = await createProject(stack, tokens.bureau, zrzyj, { projectCode: code });
    const good = filingRow(code);

    const unknownCode = await upload([
      good,
      [testProjectCode(), 'FILING', '', moment(6, '09:00'), '', '', '', ''],
    ]);
    expect(unknownCode.status, JSON.stringify(unknownCode.body)).toBe(400);
    expect(unknownCode.body.code).toBe('import_rows_invalid');
    expect(problems(unknownCode.body)).toEqual(['3:projectCode']);
    expect(unknownCode.body.rows[0].message).toMatch(/no live project with project code/);

    const unknownItem = await upload([good, [code, '火星采矿许可', '', moment(6, '09:00'), '', '', '', '']]);
    expect(unknownItem.status).toBe(400);
    expect(problems(unknownItem.body)).toEqual(['3:item']);

    const malformed = await upload([good, ['2026-1', 'FILING', '', 'yesterday', '', '', '也许', '']]);
    expect(malformed.status).toBe(400);
    expect(problems(malformed.body)).toEqual(['3:projectCode', '3:submittedAt', '3:result', '3:decidedAt']);

    // Accepting what was never submitted breaks the state machine: listed, nothing imported.
    const broken = await upload([good, [code, 'LAND_PRE', '', '', moment(4, '10:00'), '', '', '']]);
    expect(broken.status, JSON.stringify(broken.body)).toBe(400);
    expect(problems(broken.body)).toEqual(['3:acceptedAt']);
    expect(broken.body.rows[0].message).toMatch(/submitted/);
    // An event in the future is refused as by hand.
    const future = await upload([[code, 'FILING', '', `${addDays(today, 2)} 09:00`, '', '', '', '']]);
    expect(problems(future.body)).toEqual(['2:submittedAt']);
    expect(await track(project.id)).toEqual([]);
  });

  it('records submit, accept and decision as by hand; the same file twice changes nothing', async () => {
    const code = testProjectCode();
    const project = await createProject(stack, tokens.bureau, zrzyj, { projectCode: code });
    const rows = [
      filingRow(code),
      [code, 'LAND_PRE', 'ZRZYJ', moment(4, '09:00'), moment(4, '15:00'), '', '', ''],
      [code, 'EIA', '', moment(3, '09:00'), moment(3, '11:00'), moment(2, '16:00'), '不予', '不符合环境准入'],
    ];
    const first = await upload(rows);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toEqual({ rows: 3, imported: 8, skipped: 0, createdMilestones: 3 });
    const milestones = await track(project.id);
    const state = Object.fromEntries(milestones.map((milestone) => [milestone.itemCode, milestone.state]));
    expect(state).toEqual({ FILING: 'approved', LAND_PRE: 'accepted', EIA: 'rejected' });
    const eia = milestones.find((milestone) => milestone.itemCode === 'EIA')!;
    const events = await eventsOf(eia.id);
    expect(events.map((event) => event.type)).toEqual(['submit', 'accept', 'reject']);
    expect(events[2]).toMatchObject({
      reason: '不符合环境准入',
      at: new Date(`${addDays(today, -2)}T16:00:00+08:00`).toISOString(),
    });
    expect(events[0]!.note).toMatch(/导入/);

    const again = await upload(rows);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body).toEqual({ rows: 3, imported: 0, skipped: 8, createdMilestones: 0 });
    expect(await track(project.id)).toEqual(milestones);
    expect(await eventsOf(eia.id)).toEqual(events);

    // The platform's later export, with the land step now decided: only the new event is added.
    rows[1] = [
      code,
      'LAND_PRE',
      'ZRZYJ',
      moment(4, '09:00'),
      moment(4, '15:00'),
      moment(1, '09:00'),
      '准予',
      '',
    ];
    const later = await upload(rows);
    expect(later.body).toEqual({ rows: 3, imported: 1, skipped: 8, createdMilestones: 0 });
  });

  it('a department imports its own milestones only; a leader none', async () => {
    const code = testProjectCode();
    const project = await createProject(stack, tokens.bureau, zrzyj, { projectCode: code });
    // FILING is 发展和改革局's: the 自然资源局 user may not import it.
    const other = await upload([[code, 'FILING', '', moment(3, '09:00'), '', '', '', '']], tokens.dept);
    expect(other.status).toBe(400);
    expect(problems(other.body)).toEqual(['2:department']);
    expect(await track(project.id)).toEqual([]);
    const own = await upload(
      [[code, 'LAND_PRE', '', moment(3, '09:00'), moment(3, '10:00'), '', '', '']],
      tokens.dept,
    );
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body).toMatchObject({ imported: 2, createdMilestones: 1 });
    const leader = await upload([[code, 'LAND_PRE', '', moment(3, '09:00'), '', '', '', '']], tokens.leader);
    expect(leader.status).toBe(403);
  });

  it('names the rows in Chinese for a Chinese request', async () => {
    const answer = await upload(
      [[testProjectCode(), 'FILING', '', moment(1, '09:00'), '', '', '', '']],
      tokens.bureau,
      'zh-CN',
    );
    expect(answer.status).toBe(400);
    expect(answer.body.rows[0].message).toBe('没有该项目代码的项目');
  });
});
