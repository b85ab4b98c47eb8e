import type { MatrixRow } from './access-matrix';

/**
 * Matrix rows of the leadership cockpit (issue 7). The figures are district-wide aggregates every
 * role may read (api.md "all"); the 月度调度 report (.xlsx) is for admin, bureau and leader.
 */
const everyone = (status: number) => ({
  anonymous: 401,
  admin: status,
  bureau: status,
  leader: status,
  department: status,
});

const FILTERS = 'year=2026&asOf=2026-10-31';
const month = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);

export const COCKPIT_MATRIX: MatrixRow[] = [
  {
    route: 'GET /api/dashboard/funnel',
    request: () => ({ path: `/api/dashboard/funnel?${FILTERS}` }),
    expect: everyone(200),
  },
  {
    route: 'GET /api/dashboard/breakdown',
    request: () => ({ path: `/api/dashboard/breakdown?by=source&${FILTERS}` }),
    expect: everyone(200),
  },
  {
    route: 'GET /api/dashboard/trend',
    request: () => ({ path: `/api/dashboard/trend?${FILTERS}` }),
    expect: everyone(200),
  },
  {
    route: 'GET /api/dashboard/approvals-by-department',
    request: () => ({ path: `/api/dashboard/approvals-by-department?${FILTERS}` }),
    expect: everyone(200),
  },
  {
    route: 'GET /api/dashboard/report',
    request: () => ({ path: `/api/dashboard/report?month=${month()}` }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 200, department: 403 },
  },
];
