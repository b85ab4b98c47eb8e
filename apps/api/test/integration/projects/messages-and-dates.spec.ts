import { describe, expect, it } from 'vitest';
import { addDays, changeStage, createProject, projectBody, projectCount } from '../support/fixtures';
import { fgj, getProject, stack, today, tokens, useProjectsStack, zrzyj } from './support';

/** Issue 13 items 2 and 3: error messages in the request's language; typed dates never replaced. */
describe('projects: messages by Accept-Language, no silent changes to dates (real MariaDB)', () => {
  useProjectsStack();

  const zh = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };
  const en = { 'accept-language': 'en-US,en;q=0.9' };

  it('refuses a future funds date with 400 naming the field, in both languages, and changes nothing', async () => {
    const project = await createProject(stack, tokens.bureau, fgj, {
      talksStartedAt: addDays(today, -30),
      signedAt: addDays(today, -20),
    });
    const before = await getProject(project.id);
    const tomorrow = addDays(today, 1);
    for (const [headers, message] of [
      [zh, `「日期」不能晚于今天（${today}）`],
      [en, `at: must not be in the future (today is ${today})`],
    ] as const) {
      const answer = await stack.call('POST', `/api/projects/${project.id}/funds`, {
        token: tokens.bureau,
        headers,
        body: { amount: '100.00', at: tomorrow },
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        statusCode: 400,
        code: 'date_in_future',
        params: { field: 'at', today },
        message,
      });
    }
    // Nothing recorded, nothing dated today instead.
    expect(await getProject(project.id)).toEqual(before);
    expect(before.funds).toEqual([]);
    expect(before.fundsArrived).toBe('0.00');
  });

  it('creates an already-signed project with its signing date and talks start, as typed', async () => {
    const talks = addDays(today, -90);
    const signed = addDays(today, -60);
    const project = await createProject(stack, tokens.bureau, zrzyj, {
      talksStartedAt: talks,
      signedAt: signed,
    });
    expect(project).toMatchObject({ stage: 'signed', talksStartedAt: talks, signedAt: signed });
    const detail = await getProject(project.id);
    expect(detail.stageEvents.map((event: { stage: string; at: string }) => [event.stage, event.at])).toEqual(
      [
        ['negotiating', talks],
        ['signed', signed],
      ],
    );
    // Entered after the fact with a signing date only: talks did not start today.
    const signedOnly = await createProject(stack, tokens.bureau, zrzyj, { signedAt: signed });
    expect(signedOnly).toMatchObject({ stage: 'signed', talksStartedAt: signed, signedAt: signed });
    // A later stage change still checks against the typed dates.
    await changeStage(stack, tokens.bureau, project.id, { stage: 'registered', at: addDays(today, -10) });
  });

  it('refuses a signing date before talks started, naming both dates in Chinese, and creates nothing', async () => {
    const talks = addDays(today, -5);
    const before = await projectCount(stack, tokens.admin);
    const body = projectBody(zrzyj, { talksStartedAt: talks, signedAt: addDays(today, -6) });
    const chinese = await stack.call('POST', '/api/projects', { token: tokens.bureau, headers: zh, body });
    expect(chinese.status).toBe(400);
    expect(chinese.body).toMatchObject({
      code: 'date_before',
      params: { field: 'signedAt', other: 'talksStartedAt', otherDate: talks },
      message: `「签约日期」不能早于洽谈开始日期 ${talks}`,
    });
    const english = await stack.call('POST', '/api/projects', { token: tokens.bureau, headers: en, body });
    expect(english.body.message).toBe(`signedAt: must not be before talksStartedAt (${talks})`);
    const future = await stack.call('POST', '/api/projects', {
      token: tokens.bureau,
      headers: zh,
      body: projectBody(zrzyj, { signedAt: addDays(today, 1) }),
    });
    expect(future.body).toMatchObject({ code: 'date_in_future', params: { field: 'signedAt' } });
    expect(await projectCount(stack, tokens.admin)).toBe(before);
  });

  it('answers not found, validation and forbidden in Chinese by default, in English on request', async () => {
    const absent = await stack.call('GET', '/api/projects/987654321', {
      token: tokens.admin,
      headers: { 'accept-language': '' },
    });
    expect(absent.body).toMatchObject({
      statusCode: 404,
      code: 'not_found',
      params: { entity: 'project', id: '987654321' },
      message: '项目 987654321 不存在或无权查看',
    });
    const absentEn = await stack.call('GET', '/api/projects/987654321', { token: tokens.admin, headers: en });
    expect(absentEn.body.message).toBe('project 987654321 not found');

    const tooLong = await stack.call('POST', '/api/projects', {
      token: tokens.bureau,
      headers: zh,
      body: projectBody(zrzyj, { name: '项'.repeat(201) }),
    });
    expect(tooLong.body).toMatchObject({
      code: 'field_length',
      params: { field: 'name', min: 1, limit: 200 },
      message: '「名称」须为 1–200 个字符',
    });

    const forbidden = await stack.call('POST', '/api/projects', {
      token: tokens.leader,
      headers: zh,
      body: projectBody(zrzyj),
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('role_not_allowed');
    expect(forbidden.body.message).toMatch(/无权/);

    const noRoute = await stack.call('GET', '/api/no-such-thing', { token: tokens.admin, headers: zh });
    expect(noRoute.body).toMatchObject({
      statusCode: 404,
      code: 'route_not_found',
      message: expect.stringMatching(/没有这个接口/),
    });

    const unsigned = await stack.call('GET', '/api/projects', { headers: zh });
    expect(unsigned.body).toMatchObject({ statusCode: 401, code: 'sign_in_required', message: '请先登录' });
  });
});
