import type { MatrixRow } from './access-matrix';
import { everyone, exporters, pathRow } from './callers';

/**
 * Matrix rows of the leadership cockpit (issue 7). The figures are district-wide aggregates every
 * role may read (api.md "all"); the 月度调度 report (.xlsx) is for admin, bureau and leader.
 */
const FILTERS = 'year=2026&asOf=2026-10-31';
const month = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);

export const COCKPIT_MATRIX: MatrixRow[] = [
  pathRow('GET /api/dashboard/funnel', everyone(200), FILTERS),
  {
    route: 'GET /api/dashboard/breakdown',
    request: () => ({ path: `/api/dashboard/breakdown?by=source&${FILTERS}` }),
    expect: everyone(200),
  },
  pathRow('GET /api/dashboard/trend', everyone(200), FILTERS),
  pathRow('GET /api/dashboard/approvals-by-department', everyone(200), FILTERS),
  pathRow('GET /api/dashboard/forecast', everyone(200), FILTERS),
  {
    route: 'GET /api/dashboard/report',
    request: () => ({ path: `/api/dashboard/report?month=${month()}` }),
    expect: exporters(200),
  },
];
