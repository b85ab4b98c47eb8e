import { adminOnly, editors, everyone, exporters, pathRow, scopedRead } from './callers';

/**
 * The authorization matrix: every API route × every role (and, for department users, their own
 * department's records vs another department's) → the expected HTTP status. The test enumerates the
 * routes from the app's own OpenAPI document and fails when a route has no row here — so every new
 * route must be added, with its rule, before it can ship.
 */
export type Caller = 'anonymous' | 'admin' | 'bureau' | 'leader' | 'department';

/** The ids a request may need, made by the test before it runs the matrix. */
export interface MatrixContext {
  ownDepartmentId: string;
  otherDepartmentId: string;
  someUserId: string;
  unique(): string;
  /** Today in Asia/Shanghai (YYYY-MM-DD). */
  today: string;
  /** A project led by the department user's department, and one led by another department. */
  ownProjectId: string;
  otherProjectId: string;
  /** Key works (this year) of those two projects. */
  ownKeyWorkId: string;
  otherKeyWorkId: string;
  /** A signed project (funds may be recorded on it from `signedAt` on). */
  signedProjectId: string;
  signedAt: string;
  /** A funds entry of the signed project not reversed or corrected yet (each call takes a new one). */
  freshFundId(): string;
  /** A negotiating project not used by any request before (each call takes a new one). */
  freshProjectId(): string;
  /** A year for which `ownProjectId` is not yet a key work (each call a new one). */
  freshKeyWorkYear(): number;
  /** A key work of a past year, a month of it without a report (each call a new one), one with a report. */
  reportKeyWorkId: string;
  freshReportMonth(): string;
  reportedMonth: string;
  /** An item of the managed source list. */
  lookupId: string;
}

export interface MatrixRequest {
  path: string;
  body?: unknown;
  /** A never-ending answer (server-sent events): only the status is read, then the stream is closed. */
  stream?: boolean;
}

/** For department users: the status for a record of their own department, and of another one. */
export type Expected = number | { own: number; other: number };

export interface MatrixRow {
  /** `METHOD /api/path/{param}` exactly as in the OpenAPI document. */
  route: string;
  /** Build the request; `target` says which department's record a department user is pointed at. */
  request(context: MatrixContext, target: 'own' | 'other'): MatrixRequest;
  expect: Record<Caller, Expected>;
}

export const ACCESS_MATRIX: MatrixRow[] = [
  pathRow('GET /api/health', { anonymous: 200, admin: 200, bureau: 200, leader: 200, department: 200 }),
  {
    route: 'POST /api/auth/login',
    // Wrong credentials on purpose: this row checks the route is open to all (401 is its own answer).
    request: (context) => ({
      path: '/api/auth/login',
      body: { username: `nobody${context.unique()}`, password: 'x' },
    }),
    expect: everyone(401),
  },
  {
    route: 'POST /api/auth/refresh',
    request: () => ({ path: '/api/auth/refresh', body: { refreshToken: 'not-a-token' } }),
    expect: everyone(401),
  },
  pathRow('POST /api/auth/logout', everyone(204)),
  pathRow('GET /api/me', everyone(200)),
  pathRow('GET /api/departments', everyone(200)),
  {
    route: 'GET /api/departments/{id}',
    request: (context, target) => ({
      path: `/api/departments/${target === 'own' ? context.ownDepartmentId : context.otherDepartmentId}`,
    }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 200, department: { own: 200, other: 404 } },
  },
  {
    route: 'POST /api/departments',
    request: (context) => ({
      path: '/api/departments',
      body: { code: `M${context.unique()}`, name: '矩阵测试局' },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'PATCH /api/departments/{id}',
    request: (context, target) => ({
      path: `/api/departments/${target === 'own' ? context.ownDepartmentId : context.otherDepartmentId}`,
      body: { email: `m${context.unique()}@district.gov.cn` },
    }),
    expect: adminOnly(200),
  },
  pathRow('GET /api/users', adminOnly(200)),
  {
    route: 'POST /api/users',
    request: (context) => ({
      path: '/api/users',
      body: {
        username: `m${context.unique()}`,
        password: 'matrix long passphrase',
        displayName: '矩阵',
        role: 'leader',
      },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'GET /api/users/{id}',
    request: (context) => ({ path: `/api/users/${context.someUserId}` }),
    expect: adminOnly(200),
  },
  {
    route: 'PATCH /api/users/{id}',
    request: (context) => ({
      path: `/api/users/${context.someUserId}`,
      body: { displayName: `矩阵 ${context.unique()}` },
    }),
    expect: adminOnly(200),
  },
  pathRow('GET /api/audit', { anonymous: 401, admin: 200, bureau: 403, leader: 200, department: 403 }),
  pathRow('GET /api/audit/verify', adminOnly(200)),

  pathRow('GET /api/lookups', everyone(200), 'kind=source'),
  {
    route: 'POST /api/lookups',
    request: (context) => ({
      path: '/api/lookups',
      body: { kind: 'source', name: `矩阵洽谈会${context.unique()}` },
    }),
    expect: editors(201),
  },
  {
    route: 'PATCH /api/lookups/{id}',
    request: (context) => ({ path: `/api/lookups/${context.lookupId}`, body: { sortOrder: 50 } }),
    expect: editors(200),
  },
  pathRow('GET /api/projects', everyone(200), 'pageSize=5'),
  {
    route: 'POST /api/projects',
    request: (context) => ({
      path: '/api/projects',
      body: {
        name: `矩阵项目${context.unique()}`,
        investor: '矩阵投资有限公司',
        investorOrigin: 'domestic',
        industry: '新材料',
        source: '沪洽会',
        contractAmount: '100.00',
        leadDepartmentId: context.ownDepartmentId,
      },
    }),
    expect: editors(201),
  },
  pathRow('GET /api/projects/export', exporters(200), 'source=%E6%B2%AA%E6%B4%BD%E4%BC%9A'),
  pathRow('GET /api/projects/import-template', editors(200)),
  {
    route: 'POST /api/projects/import',
    // A JSON body instead of a multipart file: allowed callers get the validation answer (400, nothing
    // imported), the others are stopped before it (401/403). The import itself is tested in excel.spec.ts.
    request: () => ({ path: '/api/projects/import', body: {} }),
    expect: editors(400),
  },
  {
    route: 'GET /api/projects/{id}',
    request: (context, target) => ({
      path: `/api/projects/${target === 'own' ? context.ownProjectId : context.otherProjectId}`,
    }),
    expect: scopedRead,
  },
  {
    route: 'PATCH /api/projects/{id}',
    request: (context) => ({
      path: `/api/projects/${context.ownProjectId}`,
      body: { leadOfficial: `矩阵${context.unique().slice(-4)}` },
    }),
    expect: editors(200),
  },
  {
    route: 'POST /api/projects/{id}/stage',
    request: (context) => ({
      path: `/api/projects/${context.freshProjectId()}/stage`,
      body: { stage: 'signed', at: context.today },
    }),
    expect: editors(201),
  },
  {
    route: 'POST /api/projects/{id}/funds',
    request: (context) => ({
      path: `/api/projects/${context.signedProjectId}/funds`,
      body: { amount: '1.00', at: context.signedAt },
    }),
    expect: editors(201),
  },
  {
    route: 'POST /api/projects/{id}/funds/{fundId}/reversal',
    request: (context) => ({
      path: `/api/projects/${context.signedProjectId}/funds/${context.freshFundId()}/reversal`,
      body: { reason: '矩阵冲销' },
    }),
    expect: editors(201),
  },
  {
    route: 'POST /api/projects/{id}/funds/{fundId}/correction',
    request: (context) => ({
      path: `/api/projects/${context.signedProjectId}/funds/${context.freshFundId()}/correction`,
      body: { amount: '1.00', at: context.signedAt, reason: '矩阵更正' },
    }),
    expect: editors(201),
  },
  pathRow('GET /api/key-works', everyone(200)),
  {
    route: 'POST /api/key-works',
    request: (context) => ({
      path: '/api/key-works',
      body: {
        projectId: context.ownProjectId,
        year: context.freshKeyWorkYear(),
        annualPlanInvestment: '100.00',
      },
    }),
    expect: editors(201),
  },
  {
    route: 'GET /api/key-works/export',
    request: (context) => ({
      path: `/api/key-works/export?year=${context.today.slice(0, 4)}&month=1`,
    }),
    expect: exporters(200),
  },
  {
    route: 'GET /api/key-works/{id}',
    request: (context, target) => ({
      path: `/api/key-works/${target === 'own' ? context.ownKeyWorkId : context.otherKeyWorkId}`,
    }),
    expect: scopedRead,
  },
  {
    route: 'PATCH /api/key-works/{id}',
    request: (context) => ({
      path: `/api/key-works/${context.ownKeyWorkId}`,
      body: { plannedStartMonth: 5 },
    }),
    expect: editors(200),
  },
  {
    route: 'POST /api/key-works/{id}/reports',
    request: (context) => ({
      path: `/api/key-works/${context.reportKeyWorkId}/reports`,
      body: { month: context.freshReportMonth(), completedInvestment: '1.00' },
    }),
    expect: editors(201),
  },
  {
    route: 'PATCH /api/key-works/{id}/reports/{month}',
    request: (context) => ({
      path: `/api/key-works/${context.reportKeyWorkId}/reports/${context.reportedMonth}`,
      body: { progress: `矩阵更正${context.unique()}` },
    }),
    expect: editors(200),
  },
  pathRow('GET /api/dashboard/summary', everyone(200)),
];
