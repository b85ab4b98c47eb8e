import type { TestStack } from '@luodi/testing';
import type { MatrixContext, MatrixRow } from './access-matrix';
import { adminOnly, contextPart, editors, everyone, only, pathRow } from './callers';

/**
 * Matrix rows of the approvals routes (issue 5): settings, calendar, catalog, milestones and the
 * department scorecard. Spread `APPROVALS_MATRIX` into ACCESS_MATRIX and merge the ids from
 * `approvalsContext(stack)` into the MatrixContext before the rows run.
 *
 * Deterministic requests:
 * - events: every call takes a fresh PLANNED milestone from a pool made beforehand and posts `submit`
 *   (no `at`): 200 for admin, bureau and a department on its own; 404 on another department's; a leader
 *   may record only extensions → 403. The pools hold more milestones than the row makes calls.
 * - creating milestones: every call takes the next (project, item) slot of a project with none yet,
 *   so admin and bureau both get 201 (a second milestone of the same item would be 409).
 * - DELETE /api/calendar/{date}: the context puts an admin override on a far date beforehand, so the
 *   admin's delete is 204; PUT uses another far date, so no deadline moves.
 */

/** The ids the approvals rows need (optional on MatrixContext: only these rows read them). */
export interface ApprovalsContext {
  /** A milestone of the department user's own department, and one of another department. */
  ownMilestoneId: string;
  otherMilestoneId: string;
  /** A project the department user sees (its own department leads it and holds milestones on it)… */
  ownProjectId: string;
  /** …and one it does not (led by another department, which holds all its milestones). */
  otherProjectId: string;
  /** A fresh planned milestone per call, of the own or the other department. */
  nextPlannedMilestoneId(target: 'own' | 'other'): string;
  /** A fresh planned milestone without events, to remove, per call. */
  nextRemovableMilestoneId(): string;
  /** A fresh (project, item) pair with no milestone yet, per call. */
  nextMilestoneSlot(): { projectId: string; itemCode: string };
  /** A catalog item made for the matrix (PATCH edits its name). */
  approvalItemCode: string;
  /** A date that has an admin calendar override (DELETE removes it). */
  calendarOverrideDate: string;
}

declare module './access-matrix' {
  interface MatrixContext {
    approvals?: ApprovalsContext;
  }
}

const approvals = (context: MatrixContext): ApprovalsContext => contextPart(context, 'approvals');

/** The far dates the calendar rows use (no milestone's window reaches them). */
const PUT_DATE = '2030-12-30';
const OVERRIDE_DATE = '2030-12-31';

export const APPROVALS_MATRIX: MatrixRow[] = [
  pathRow('GET /api/settings', adminOnly(200)),
  {
    route: 'PATCH /api/settings',
    // The default value: nothing changes for the other rows.
    request: () => ({ path: '/api/settings', body: { yellowDays: 3 } }),
    expect: adminOnly(200),
  },
  pathRow('GET /api/calendar', everyone(200), 'year=2026'),
  {
    route: 'PUT /api/calendar/{date}',
    request: () => ({ path: `/api/calendar/${PUT_DATE}`, body: { kind: 'holiday', name: '矩阵测试' } }),
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/calendar/arrangement/preview',
    request: () => ({
      path: '/api/calendar/arrangement/preview',
      body: { year: 2030, text: '一、元旦：1月1日放假，共1天。' },
    }),
    expect: adminOnly(200),
  },
  {
    route: 'PUT /api/calendar/arrangement/{year}',
    // A far year (as the date rows above): no milestone's window reaches it.
    request: () => ({
      path: '/api/calendar/arrangement/2030',
      body: { entries: [{ date: '2030-01-01', kind: 'holiday', name: '元旦' }] },
    }),
    expect: adminOnly(200),
  },
  {
    route: 'DELETE /api/calendar/{date}',
    request: (context) => ({ path: `/api/calendar/${approvals(context).calendarOverrideDate}` }),
    expect: adminOnly(204),
  },
  pathRow('GET /api/approval-items', everyone(200)),
  {
    route: 'POST /api/approval-items',
    request: (context) => ({
      path: '/api/approval-items',
      body: {
        code: `M${context.unique().toUpperCase()}`,
        name: '矩阵测试事项',
        departmentId: context.ownDepartmentId,
        statutoryDays: 20,
        promisedDays: 10,
      },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'PATCH /api/approval-items/{code}',
    request: (context) => ({
      path: `/api/approval-items/${approvals(context).approvalItemCode}`,
      body: { name: `矩阵测试事项 ${context.unique()}` },
    }),
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/projects/{id}/milestones',
    request: (context) => {
      const slot = approvals(context).nextMilestoneSlot();
      return { path: `/api/projects/${slot.projectId}/milestones`, body: { itemCode: slot.itemCode } };
    },
    expect: editors(201),
  },
  {
    route: 'GET /api/projects/{id}/milestones',
    request: (context, target) => ({
      path: `/api/projects/${target === 'own' ? approvals(context).ownProjectId : approvals(context).otherProjectId}/milestones`,
    }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 200, department: { own: 200, other: 404 } },
  },
  pathRow('GET /api/milestones', everyone(200)),
  {
    route: 'GET /api/milestones/{id}',
    request: (context, target) => ({
      path: `/api/milestones/${target === 'own' ? approvals(context).ownMilestoneId : approvals(context).otherMilestoneId}`,
    }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 200, department: { own: 200, other: 404 } },
  },
  {
    route: 'POST /api/milestones/{id}/events',
    request: (context, target) => ({
      path: `/api/milestones/${approvals(context).nextPlannedMilestoneId(target)}/events`,
      body: { type: 'submit' },
    }),
    expect: { anonymous: 401, admin: 200, bureau: 200, leader: 403, department: { own: 200, other: 404 } },
  },
  {
    route: 'DELETE /api/milestones/{id}',
    request: (context) => ({ path: `/api/milestones/${approvals(context).nextRemovableMilestoneId()}` }),
    expect: editors(204),
  },
  pathRow('GET /api/dashboard/departments', everyone(200)),
  // The import of approval steps by project code: admin, bureau and departments (a department's rows
  // must be its own milestones, which the import checks row by row); a leader none.
  pathRow('GET /api/approval-steps/import/template', only(200, 'admin', 'bureau', 'department')),
  {
    route: 'POST /api/approval-steps/import',
    // A JSON body instead of a multipart file: allowed callers get the validation answer (400, nothing
    // imported), the others are stopped before it. The import itself: routes/milestone-import.spec.ts.
    request: () => ({ path: '/api/approval-steps/import', body: {} }),
    expect: only(400, 'admin', 'bureau', 'department'),
  },
];

/** Make the records the approvals rows need (through the API, as admin and bureau). */
export async function approvalsContext(stack: TestStack): Promise<ApprovalsContext> {
  const [admin, bureau, dept] = await Promise.all(
    ['admin', 'bureau', 'dept'].map((user) => stack.login(user)),
  );
  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const answer = await stack.call(method, path, { token, body });
    if (answer.status >= 300)
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const own = String((await ok('GET', '/api/me', dept)).departmentId);
  const catalog = (await ok('GET', '/api/approval-items', admin)).items as Array<{
    code: string;
    departmentId: string;
  }>;
  const other = String(catalog.find((item) => String(item.departmentId) !== own)!.departmentId);
  const codes = catalog.map((item) => item.code);
  if (codes.length < 9)
    throw new Error(`the matrix needs the default catalog (9 items), got ${codes.length}`);

  let projects = 0;
  const project = async (leadDepartmentId: string) => {
    projects += 1;
    return String(
      (
        await ok('POST', '/api/projects', bureau, {
          name: `矩阵审批项目${projects}`,
          investor: `矩阵投资有限公司${projects}`,
          investorOrigin: 'domestic',
          industry: '新能源',
          source: '沪洽会',
          contractAmount: '1000.00',
          leadDepartmentId,
        })
      ).id,
    );
  };
  /** Planned milestones of `departmentId` on a new project led by it, one per catalog item. */
  const planned = async (departmentId: string, count: number) => {
    const projectId = await project(departmentId);
    const ids: string[] = [];
    for (const itemCode of codes.slice(0, count)) {
      ids.push(
        String(
          (await ok('POST', `/api/projects/${projectId}/milestones`, bureau, { itemCode, departmentId })).id,
        ),
      );
    }
    return { projectId, ids };
  };
  const ownPlanned = await planned(own, 9);
  const otherPlanned = await planned(other, 5);
  const removable = (await planned(other, 7)).ids;
  const slotProject = await project(other);
  const slots = codes.map((itemCode) => ({ projectId: slotProject, itemCode }));

  const approvalItemCode = 'MATRIX_ITEM';
  await ok('POST', '/api/approval-items', admin, {
    code: approvalItemCode,
    name: '矩阵测试事项',
    departmentId: own,
    statutoryDays: 20,
    promisedDays: 10,
  });
  await ok('PUT', `/api/calendar/${OVERRIDE_DATE}`, admin, { kind: 'holiday', name: '矩阵测试' });

  // The first of each stays planned for the GET rows; the rest are handed out one per call.
  const ownPool = ownPlanned.ids.slice(1);
  const otherPool = otherPlanned.ids.slice(1);
  const take = <T>(pool: T[], what: string): T => {
    const next = pool.shift();
    if (next === undefined) throw new Error(`the approvals matrix pool of ${what} is used up`);
    return next;
  };
  return {
    ownMilestoneId: ownPlanned.ids[0]!,
    otherMilestoneId: otherPlanned.ids[0]!,
    ownProjectId: ownPlanned.projectId,
    otherProjectId: otherPlanned.projectId,
    nextPlannedMilestoneId: (target) =>
      target === 'own'
        ? take(ownPool, 'own planned milestones')
        : take(otherPool, 'other planned milestones'),
    nextRemovableMilestoneId: () => take(removable, 'removable milestones'),
    nextMilestoneSlot: () => take(slots, 'milestone slots'),
    approvalItemCode,
    calendarOverrideDate: OVERRIDE_DATE,
  };
}
