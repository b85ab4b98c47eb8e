import { startStack, type TestStack, uniqueSuffix } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MATRIX as BASE_MATRIX, type Caller, type MatrixContext } from './matrix/access-matrix';
import { alertsContext, ALERTS_MATRIX } from './matrix/access-matrix.alerts';
import { approvalsContext, APPROVALS_MATRIX } from './matrix/access-matrix.approvals';
import { COCKPIT_MATRIX } from './matrix/access-matrix.cockpit';
import { dispatchContext, DISPATCH_MATRIX } from './matrix/access-matrix.dispatch';
import { commitmentsContext, COMMITMENTS_MATRIX } from './matrix/access-matrix.commitments';
import { routesContext, ROUTES_MATRIX } from './matrix/access-matrix.routes';
import { forecastContext, FORECAST_MATRIX } from './matrix/access-matrix.forecast';

/** Open a stream, read its status (and the error body when refused), and close it. */
async function openStream(baseUrl: string, path: string, token: string | undefined) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: controller.signal,
  });
  const body: unknown = response.status === 200 ? null : await response.json();
  controller.abort();
  return { status: response.status, body };
}

/** Every row: the base routes and those of the approvals, alerts and cockpit. */
const ACCESS_MATRIX = [
  ...BASE_MATRIX,
  ...APPROVALS_MATRIX,
  ...ALERTS_MATRIX,
  ...COCKPIT_MATRIX,
  ...DISPATCH_MATRIX,
  ...COMMITMENTS_MATRIX,
  ...ROUTES_MATRIX,
  ...FORECAST_MATRIX,
];

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
    // Records of the department user's department and of another one, for the scoped rows.
    const bureau = await stack.login('bureau');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const thisYear = Number(today.slice(0, 4));
    const write = async (path: string, body: unknown) => {
      const answer = await stack.call('POST', path, { token: bureau, body });
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body as { id: string };
    };
    const project = (departmentId: string) =>
      write('/api/projects', {
        name: `矩阵项目${uniqueSuffix()}`,
        investor: '矩阵投资有限公司',
        investorOrigin: 'domestic',
        industry: '新材料',
        source: '沪洽会',
        contractAmount: '100.00',
        leadDepartmentId: departmentId,
        talksStartedAt: `${thisYear - 1}-01-02`,
      });
    const ownProject = await project(me.departmentId);
    const otherProject = await project(other.id);
    const keyWork = (projectId: string, year: number) =>
      write('/api/key-works', { projectId, year, annualPlanInvestment: '1000.00' });
    const ownKeyWork = await keyWork(ownProject.id, thisYear);
    const otherKeyWork = await keyWork(otherProject.id, thisYear);
    const signed = await project(me.departmentId);
    const signedAt = `${thisYear - 1}-02-01`;
    await write(`/api/projects/${signed.id}/stage`, { stage: 'signed', at: signedAt });
    // Funds entries to reverse or correct, one per call of those rows.
    const funds: string[] = [];
    for (let index = 0; index < 16; index += 1) {
      const funded = (await write(`/api/projects/${signed.id}/funds`, {
        amount: '1.00',
        at: signedAt,
      })) as unknown as { funds: Array<{ id: string }> };
      funds.push(funded.funds.at(-1)!.id);
    }
    const fresh: string[] = [];
    for (let index = 0; index < 13; index += 1) fresh.push((await project(other.id)).id);
    const reportKeyWork = await keyWork(otherProject.id, thisYear - 1);
    const reportedMonth = `${thisYear - 1}-12`;
    await write(`/api/key-works/${reportKeyWork.id}/reports`, {
      month: reportedMonth,
      completedInvestment: '1.00',
    });
    const lookup = await write('/api/lookups', { kind: 'source', name: `矩阵列表项${uniqueSuffix()}` });
    let keyWorkYear = thisYear + 1;
    let reportMonth = 0;
    context = {
      ownDepartmentId: me.departmentId,
      otherDepartmentId: other.id,
      someUserId: user.body.id,
      unique: () => uniqueSuffix(),
      today,
      ownProjectId: ownProject.id,
      otherProjectId: otherProject.id,
      ownKeyWorkId: ownKeyWork.id,
      otherKeyWorkId: otherKeyWork.id,
      signedProjectId: signed.id,
      signedAt,
      freshFundId: () => {
        const id = funds.shift();
        if (!id) throw new Error('matrix: out of funds entries');
        return id;
      },
      freshProjectId: () => {
        const id = fresh.shift();
        if (!id) throw new Error('matrix: out of fresh projects');
        return id;
      },
      freshKeyWorkYear: () => keyWorkYear++,
      reportKeyWorkId: reportKeyWork.id,
      freshReportMonth: () => {
        reportMonth += 1;
        if (reportMonth > 11) throw new Error('matrix: out of report months');
        return `${thisYear - 1}-${String(reportMonth).padStart(2, '0')}`;
      },
      reportedMonth,
      lookupId: lookup.id,
    };
    context.approvals = await approvalsContext(stack);
    context.alerts = await alertsContext(stack);
    context.dispatch = await dispatchContext(stack, context);
    context.commitments = await commitmentsContext(stack, context);
    context.routes = await routesContext(stack);
    context.forecast = await forecastContext(stack, context);
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
          const answer = request.stream
            ? await openStream(stack.api.baseUrl, request.path, token)
            : await stack.call(method!, request.path, { token, body: request.body });
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
