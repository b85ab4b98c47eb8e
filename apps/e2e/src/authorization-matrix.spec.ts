import { startStack, type TestStack, uniqueSuffix } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MATRIX, type Caller, type MatrixContext } from './matrix/access-matrix';

const CALLERS: Caller[] = ['anonymous', 'admin', 'bureau', 'leader', 'department'];
const USERNAME: Record<Exclude<Caller, 'anonymous'>, string> = {
  admin: 'admin',
  bureau: 'bureau',
  leader: 'leader',
  department: 'dept',
};

describe('authorization matrix: every route × role × own/other department (running API)', () => {
  let stack: TestStack;
  let context: MatrixContext;
  let routes: string[];

  beforeAll(async () => {
    stack = await startStack();
    const admin = await stack.login('admin');
    const me = (await stack.call('GET', '/api/me', { token: await stack.login('dept') })).body;
    const departments = (await stack.call('GET', '/api/departments', { token: admin })).body.items as Array<{
      id: string;
    }>;
    const other = departments.find((department) => department.id !== me.departmentId)!;
    const user = await stack.call('POST', '/api/users', {
      token: admin,
      body: {
        username: 'matrix.target',
        password: 'matrix long passphrase',
        displayName: '矩阵目标',
        role: 'bureau',
      },
    });
    context = {
      ownDepartmentId: me.departmentId,
      otherDepartmentId: other.id,
      someUserId: user.body.id,
      unique: () => uniqueSuffix(),
    };
    const document = (await stack.call('GET', '/api/docs-json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('has a row for every route the API serves, and no row for a route it does not', () => {
    const rows = ACCESS_MATRIX.map((row) => row.route);
    expect(
      routes.filter((route) => !rows.includes(route)),
      'routes without a matrix row',
    ).toEqual([]);
    expect(
      rows.filter((row) => !routes.includes(row)),
      'matrix rows without a route',
    ).toEqual([]);
    expect(new Set(rows).size).toBe(rows.length);
  });

  for (const row of ACCESS_MATRIX) {
    it(`${row.route}`, async () => {
      const mismatches: string[] = [];
      for (const caller of CALLERS) {
        const expected = row.expect[caller];
        const cases: Array<['own' | 'other', number]> =
          typeof expected === 'number'
            ? [['own', expected]]
            : [
                ['own', expected.own],
                ['other', expected.other],
              ];
        for (const [target, status] of cases) {
          // A fresh sign-in per call: some routes (logout) end the session they are called with.
          const token = caller === 'anonymous' ? undefined : await stack.login(USERNAME[caller]);
          const request = row.request(context, target);
          const [method] = row.route.split(' ');
          const answer = await stack.call(method!, request.path, { token, body: request.body });
          if (answer.status !== status) {
            mismatches.push(
              `${caller}${typeof expected === 'number' ? '' : ` (${target})`}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`,
            );
          }
          if (answer.status >= 400) expect(answer.body).toMatchObject({ statusCode: answer.status });
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
