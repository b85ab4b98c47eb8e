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
}

export interface MatrixRequest {
  path: string;
  body?: unknown;
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

const everyone = (status: number) => ({
  anonymous: 401,
  admin: status,
  bureau: status,
  leader: status,
  department: status,
});
const adminOnly = (status: number) => ({
  anonymous: 401,
  admin: status,
  bureau: 403,
  leader: 403,
  department: 403,
});

export const ACCESS_MATRIX: MatrixRow[] = [
  {
    route: 'GET /api/health',
    request: () => ({ path: '/api/health' }),
    expect: { anonymous: 200, admin: 200, bureau: 200, leader: 200, department: 200 },
  },
  {
    route: 'POST /api/auth/login',
    // Wrong credentials on purpose: this row checks the route is open to all (401 is its own answer).
    request: (context) => ({
      path: '/api/auth/login',
      body: { username: `nobody${context.unique()}`, password: 'x' },
    }),
    expect: { anonymous: 401, admin: 401, bureau: 401, leader: 401, department: 401 },
  },
  {
    route: 'POST /api/auth/refresh',
    request: () => ({ path: '/api/auth/refresh', body: { refreshToken: 'not-a-token' } }),
    expect: { anonymous: 401, admin: 401, bureau: 401, leader: 401, department: 401 },
  },
  {
    route: 'POST /api/auth/logout',
    request: () => ({ path: '/api/auth/logout' }),
    expect: everyone(204),
  },
  {
    route: 'GET /api/me',
    request: () => ({ path: '/api/me' }),
    expect: everyone(200),
  },
  {
    route: 'GET /api/departments',
    request: () => ({ path: '/api/departments' }),
    expect: everyone(200),
  },
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
  {
    route: 'GET /api/users',
    request: () => ({ path: '/api/users' }),
    expect: adminOnly(200),
  },
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
  {
    route: 'GET /api/audit',
    request: () => ({ path: '/api/audit' }),
    expect: { anonymous: 401, admin: 200, bureau: 403, leader: 200, department: 403 },
  },
  {
    route: 'GET /api/audit/verify',
    request: () => ({ path: '/api/audit/verify' }),
    expect: adminOnly(200),
  },
];
