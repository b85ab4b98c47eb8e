import 'reflect-metadata';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadServerConfig } from '@luodi/config';
import { StateConflict } from '@luodi/domain';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureHttp } from '../bootstrap';

class CreateThingDto {
  @IsString()
  name!: string;

  @IsInt()
  @Min(1)
  @Max(10)
  size!: number;
}

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() body: CreateThingDto): CreateThingDto {
    return body;
  }

  @Post('locked')
  locked(): never {
    throw new StateConflict('approved', 'a decided milestone takes no more events');
  }

  @Post('boom')
  boom(): never {
    throw new Error('secret internal detail');
  }

  @Post('db-away')
  dbAway(): never {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), {
      code: 'ECONNREFUSED',
    });
    throw new QueryFailedError('INSERT INTO project', [], refused);
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

/** The HTTP conventions every route gets: validation, the error envelope, body limits. */
describe('HTTP conventions (validation pipe + error envelope)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const config = loadServerConfig({
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/unused',
      REDIS_URL: 'redis://127.0.0.1:6379',
      BODY_LIMIT_BYTES: '2048',
    });
    app = await NestFactory.create<NestFastifyApplication>(
      ThingsModule,
      new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES }),
      { logger: false },
    );
    await configureHttp(app, config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url,
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers },
    });

  it('accepts a valid body', async () => {
    const response = await post('/api/things', { name: 'a', size: 3 });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ name: 'a', size: 3 });
  });

  it('refuses an unknown field with 400 naming it', async () => {
    const response = await post('/api/things', { name: 'a', size: 3, admin: true });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'field_not_allowed',
      params: { field: 'admin', rule: 'is not an allowed field' },
      message: 'admin: is not an allowed field',
    });
  });

  it('answers in Chinese by default and for zh-CN, naming the field and the rule in Chinese', async () => {
    for (const language of [undefined, 'zh-CN,zh;q=0.9,en;q=0.8']) {
      const response = await post(
        '/api/things',
        { name: 7, size: 3 },
        language ? { 'accept-language': language } : { 'accept-language': '' },
      );
      expect(response.json()).toMatchObject({
        statusCode: 400,
        code: 'field_not_string',
        params: { field: 'name', rule: 'must be a string' },
        message: '「名称」须为文字',
      });
    }
    const tooLarge = await post('/api/things', { name: 'a', size: 30 }, { 'accept-language': 'zh-CN' });
    expect(tooLarge.json()).toMatchObject({ code: 'field_too_large', params: { field: 'size', limit: 10 } });
    expect(tooLarge.json().message).toBe('「size」不能大于 10');
    const english = await post('/api/things', { name: 'a', size: 30 });
    expect(english.json().message).toBe('size: must not be greater than 10');
  });

  it('refuses wrong types with 400 naming each field and rule', async () => {
    const response = await post('/api/things', { name: 7, size: '3' });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ message: string }>();
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(body.message).toContain('name: must be a string');
    expect(body.message).toContain('size: must be an integer number');
  });

  it('answers malformed JSON and a too-large body in the same envelope', async () => {
    const malformed = await post('/api/things', '{"name": ');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });

    const large = await post('/api/things', { name: 'x'.repeat(4096), size: 1 });
    expect(large.statusCode).toBe(413);
    expect(large.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('maps a domain state conflict to 409 naming the state and the rule', async () => {
    const response = await post('/api/things/locked', {});
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'state_conflict',
      params: { state: 'approved', rule: 'a decided milestone takes no more events' },
      message: 'not allowed in state "approved": a decided milestone takes no more events',
    });
    const chinese = await post('/api/things/locked', {}, { 'accept-language': 'zh-CN' });
    expect(chinese.json().message).toBe('当前状态（approved）下不允许此操作');
  });

  it('never leaks internals on a crash', async () => {
    const response = await post('/api/things/boom', {});
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internal detail');
    expect(response.json()).toMatchObject({ statusCode: 500, error: 'Internal Server Error' });
  });

  it('answers 503 with a stable code and Retry-After when the database is away, never 500', async () => {
    const response = await post('/api/things/db-away', {});
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).not.toContain('127.0.0.1');
    expect(response.json()).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'database_unavailable',
      params: {},
      message: 'the database is unavailable; retry shortly',
    });
    const chinese = await post('/api/things/db-away', {}, { 'accept-language': 'zh' });
    expect(chinese.json().message).toBe('数据库暂时不可用，请稍后重试');
  });
});
