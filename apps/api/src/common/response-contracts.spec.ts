import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Department, SessionUser, SignInResult } from '@luodi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthController } from '../auth/auth.controller';
import { AuthService } from '../auth/auth.service';
import { DepartmentsController } from '../departments/departments.controller';
import { DepartmentsService } from '../departments/departments.service';
import { UsersController } from '../users/users.controller';
import { UsersService } from '../users/users.service';

/**
 * The response types live once, in libs/contracts; the API's OpenAPI document (`/api/docs-json`)
 * describes some answers with DTO classes that `implement` them (so a field of another type does not
 * compile). This keeps the other direction: the document names exactly the contract's fields, all
 * required — a field added to a contract and forgotten in the document (or the reverse) fails here.
 */

/** Every key of T, checked by the compiler: a missing or unknown key does not compile. */
const keysOf =
  <T>() =>
  (keys: Record<keyof T, true>): string[] =>
    Object.keys(keys).sort();

const CONTRACTS = {
  UserViewDto: keysOf<SessionUser>()({
    id: true,
    username: true,
    displayName: true,
    role: true,
    departmentId: true,
    departmentName: true,
    enabled: true,
  }),
  LoginResultDto: keysOf<SignInResult>()({
    accessToken: true,
    expiresIn: true,
    refreshToken: true,
    refreshExpiresIn: true,
    user: true,
  }),
  DepartmentDto: keysOf<Department>()({
    id: true,
    code: true,
    name: true,
    email: true,
    webhookUrl: true,
    webhookKind: true,
    hasSecret: true,
  }),
};

/** The OpenAPI document of the controllers alone (their services are never called here). */
@Module({
  controllers: [AuthController, UsersController, DepartmentsController],
  providers: [
    { provide: AuthService, useValue: {} },
    { provide: UsersService, useValue: {} },
    { provide: DepartmentsService, useValue: {} },
  ],
})
class DocumentedModule {}

describe('response contracts and the OpenAPI document', () => {
  let app: NestFastifyApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(DocumentedModule, new FastifyAdapter(), {
      logger: false,
    });
    app.setGlobalPrefix('api');
    document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  });

  afterAll(async () => {
    await app?.close();
  });

  for (const [schema, keys] of Object.entries(CONTRACTS)) {
    it(`${schema} documents exactly the contract's fields, all required`, () => {
      const documented = document.components?.schemas?.[schema] as
        { properties?: Record<string, unknown>; required?: string[] } | undefined;
      expect(documented, `${schema} is in the document`).toBeDefined();
      expect(Object.keys(documented?.properties ?? {}).sort()).toEqual(keys);
      expect([...(documented?.required ?? [])].sort()).toEqual(keys);
    });
  }

  it('answers the documented routes with those schemas', () => {
    const okSchema = (path: string, method: 'get' | 'post' | 'patch') => {
      const operation = document.paths[path]?.[method] as
        | { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }
        | undefined;
      const answer = operation?.responses['200'] ?? operation?.responses['201'];
      return answer?.content?.['application/json']?.schema?.$ref;
    };
    expect(okSchema('/api/me', 'get')).toBe('#/components/schemas/UserViewDto');
    expect(okSchema('/api/auth/login', 'post')).toBe('#/components/schemas/LoginResultDto');
    expect(okSchema('/api/departments/{id}', 'get')).toBe('#/components/schemas/DepartmentDto');
    expect(okSchema('/api/users/{id}', 'patch')).toBe('#/components/schemas/UserViewDto');
  });
});
