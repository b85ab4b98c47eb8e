import 'reflect-metadata';
import { Body, Controller, Get, Module, Patch, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadServerConfig } from '@luodi/config';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureHttp } from '../bootstrap';
import { PageQueryDto } from './pagination';
import { InDateRange, IsIsoDate } from './validators';

class PatchDto {
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsInt() size?: number;
}

class ListQueryDto extends PageQueryDto {
  @IsOptional() @IsIsoDate() asOf?: string;
  @IsOptional() @InDateRange() month?: string;
}

@Controller('strict')
class StrictController {
  @Patch()
  patch(@Body() body: PatchDto): PatchDto {
    return body;
  }

  @Post()
  post(@Body() body: PatchDto): PatchDto {
    return body ?? {};
  }

  @Get()
  list(@Query() query: ListQueryDto): ListQueryDto {
    return query;
  }
}

@Module({ controllers: [StrictController] })
class StrictModule {}

/** Input limits every route gets from configureHttp and the shared DTO rules. */
describe('strict input (depth, body shape, query integers, date range)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const config = loadServerConfig({
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/unused',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    app = await NestFactory.create<NestFastifyApplication>(StrictModule, new FastifyAdapter(), {
      logger: false,
    });
    await configureHttp(app, config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  const send = (method: 'PATCH' | 'POST', payload?: string) =>
    app.inject({
      method,
      url: '/api/strict',
      headers: {
        'accept-language': 'en',
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { payload }),
    });

  it('refuses JSON nested deeper than 32 levels with json_too_deep', async () => {
    const deep = (depth: number) => `${'{"name":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
    const refused = await send('PATCH', deep(33));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'json_too_deep',
      message: expect.stringMatching(/^body: /),
    });
    expect((await send('PATCH', deep(100_000))).json()).toMatchObject({ code: 'json_too_deep' });
    // 32 levels pass the depth check and meet the ordinary rules.
    expect((await send('PATCH', deep(32))).json()).toMatchObject({ statusCode: 400 });
    expect((await send('PATCH', deep(32))).json().code).not.toBe('json_too_deep');
  });

  it('refuses null, arrays and scalars as a body, takes an object or no body', async () => {
    for (const payload of ['null', '[]', '[{"name":"a"}]', '"a"', '1', 'false']) {
      const answer = await send('PATCH', payload);
      expect(answer.statusCode, payload).toBe(400);
      expect(answer.json()).toMatchObject({
        code: 'body_not_object',
        message: 'body: must be a JSON object',
      });
    }
    expect((await send('PATCH', '{"name":"a"}')).statusCode).toBe(200);
    expect((await send('POST')).statusCode).toBe(201);
  });

  it('does not turn booleans or text into numbers in a body', async () => {
    for (const payload of ['{"size":true}', '{"size":"5"}']) {
      const answer = await send('PATCH', payload);
      expect(answer.statusCode, payload).toBe(400);
      expect(answer.json().message).toContain('size: must be an integer number');
    }
  });

  it('parses query integers from plain digits only, within bounds', async () => {
    const get = (query: string) =>
      app.inject({ method: 'GET', url: `/api/strict?${query}`, headers: { 'accept-language': 'en' } });
    expect((await get('page=3&pageSize=200')).json()).toMatchObject({ page: 3, pageSize: 200 });
    expect((await get('')).json()).toMatchObject({ page: 1, pageSize: 50 });
    for (const query of [
      'page=1e5',
      'page=-1',
      'page=1.0',
      'page=0x1',
      'page=',
      'page=1&page=2',
      'pageSize=201',
    ]) {
      const answer = await get(query);
      expect(answer.statusCode, query).toBe(400);
      expect(answer.json().code, query).toBe('integer_out_of_range');
    }
  });

  it('holds dates, months and years to 1990-01-01..2100-12-31', async () => {
    const get = (query: string) =>
      app.inject({ method: 'GET', url: `/api/strict?${query}`, headers: { 'accept-language': 'en' } });
    expect((await get('asOf=1990-01-01&month=2100-12')).statusCode).toBe(200);
    for (const query of ['asOf=1989-12-31', 'asOf=9999-12-31', 'month=2101-01', 'month=1000']) {
      const answer = await get(query);
      expect(answer.statusCode, query).toBe(400);
      expect(answer.json()).toMatchObject({
        code: 'date_out_of_range',
        message: expect.stringContaining('must lie between 1990-01-01 and 2100-12-31'),
      });
    }
    // A malformed date is a format error, not a range error.
    const malformed = await get('asOf=2026-02-30');
    expect(malformed.json().message).toBe('asOf: must be a date written YYYY-MM-DD');
  });
});
